// QuireVision
