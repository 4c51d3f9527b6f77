"""The same steps as text.qr, in pandas."""
import time

import pandas as pd

df = pd.read_csv("/tmp/quire_bench_text_1m.csv")
t = time.perf_counter()
hits = df.name.str.contains("echo")
print("contains_literal", time.perf_counter() - t)
t = time.perf_counter()
hits_re = df.name.str.contains("^[A-Z]ilo")
print("contains_regex", time.perf_counter() - t)
t = time.perf_counter()
low = df.name.str.lower()
print("lower", time.perf_counter() - t)
t = time.perf_counter()
parts = df.name.str.split(" ", expand=True)
print("split_expand", time.perf_counter() - t)
t = time.perf_counter()
stamps = pd.to_datetime(df.date)
print("to_datetime", time.perf_counter() - t)
print("check", hits.sum(), hits_re.sum(), low.str.startswith("a").sum(), parts.shape[1], stamps.dt.year.sum())
