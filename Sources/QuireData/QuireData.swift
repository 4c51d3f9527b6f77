// QuireData
