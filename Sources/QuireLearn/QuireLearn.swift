// QuireLearn
