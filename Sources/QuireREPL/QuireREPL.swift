// QuireREPL
