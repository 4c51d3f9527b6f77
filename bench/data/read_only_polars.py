"""Reads the benchmark CSV and nothing else, for peak memory."""
import polars as pl

print(pl.read_csv("/tmp/quire_bench_mobile_1m.csv").shape)
