"""The same steps as methods.qr, in pandas."""
import time

import pandas as pd

path = "/tmp/quire_bench_mobile_1m.csv"
df = pd.read_csv(path)
cores = df[["n_cores", "ram"]].drop_duplicates(subset=["n_cores"]).rename(columns={"ram": "ram_of_core"})
t = time.perf_counter()
joined = pd.merge(df, cores, on="n_cores", how="left")
print("merge", time.perf_counter() - t)
t = time.perf_counter()
c = df.corr()
print("corr", time.perf_counter() - t)
t = time.perf_counter()
ordered = df.sort_values(["price_range", "ram"], ascending=[True, False])
print("sort_two_keys", time.perf_counter() - t)
t = time.perf_counter()
top = df.nlargest(10, "ram")
print("nlargest", time.perf_counter() - t)
t = time.perf_counter()
dups = df.duplicated(subset=["price_range", "n_cores", "four_g"]).sum()
print("duplicated", time.perf_counter() - t)
assert joined.shape[0] == df.shape[0] and c.shape[0] == 21, "unexpected results"
t = time.perf_counter()
pivot = df.pivot_table(values="ram", index="price_range", columns="n_cores", aggfunc="mean")
print("pivot_table", time.perf_counter() - t)
t = time.perf_counter()
grouped = df.groupby(["price_range", "four_g"]).agg(ram=("ram", "mean"), battery=("battery_power", "max"), n=("px_width", "count"))
print("groupby_2keys_3aggs", time.perf_counter() - t)
assert pivot.shape[0] == 4 and grouped.shape[0] == 8, "unexpected group results"
