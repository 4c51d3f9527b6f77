// QuireNotebook
