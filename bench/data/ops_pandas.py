"""The same steps as ops.qr, in pandas."""
import time

import pandas as pd

path = "/tmp/quire_bench_mobile_1m.csv"
t = time.perf_counter()
df = pd.read_csv(path)
print("read", time.perf_counter() - t)
t = time.perf_counter()
kept = df[df.sc_w != 0]
print("filter", time.perf_counter() - t)
t = time.perf_counter()
counts = df.price_range.value_counts()
print("value_counts", time.perf_counter() - t)
t = time.perf_counter()
summary = df.describe()
print("describe", time.perf_counter() - t)
t = time.perf_counter()
means = df.groupby("price_range").mean()
print("groupby_mean", time.perf_counter() - t)
t = time.perf_counter()
ratio = df.ram / df.battery_power + df.px_height * 2
kept_ratio = kept.ram - kept.battery_power
print("arithmetic", time.perf_counter() - t)
