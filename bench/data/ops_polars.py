"""The same steps as ops.qr, in polars."""
import time

import polars as pl

path = "/tmp/quire_bench_mobile_1m.csv"
t = time.perf_counter()
df = pl.read_csv(path)
print("read", time.perf_counter() - t)
t = time.perf_counter()
kept = df.filter(pl.col("sc_w") != 0)
print("filter", time.perf_counter() - t)
t = time.perf_counter()
counts = df["price_range"].value_counts(sort=True)
print("value_counts", time.perf_counter() - t)
t = time.perf_counter()
summary = df.describe()
print("describe", time.perf_counter() - t)
t = time.perf_counter()
means = df.group_by("price_range").mean().sort("price_range")
print("groupby_mean", time.perf_counter() - t)
t = time.perf_counter()
ratio = df["ram"] / df["battery_power"] + df["px_height"] * 2
kept_ratio = kept["ram"] - kept["battery_power"]
print("arithmetic", time.perf_counter() - t)
