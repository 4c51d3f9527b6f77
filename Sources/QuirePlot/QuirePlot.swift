// QuirePlot
