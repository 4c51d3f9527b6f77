"""Reads the benchmark CSV and nothing else, for peak memory."""
import pandas as pd

print(pd.read_csv("/tmp/quire_bench_mobile_1m.csv").shape)
