"""Makes the text benchmark CSV: 1,000,000 rows with a `name` column of short strings (two
words from a fixed list, capitalised at random, and a number; one in fifty missing) and a
`date` column of ISO dates (2000 to 2029), seeded."""
import os
import sys

import numpy as np
import pandas as pd

ROWS = 1_000_000
SEED = 7
WORDS = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india", "juliet",
         "kilo", "lima", "mike", "november", "oscar", "papa", "quebec", "romeo", "sierra", "tango"]
target = sys.argv[1] if len(sys.argv) > 1 else "/tmp/quire_bench_text_1m.csv"
rng = np.random.default_rng(SEED)
a = rng.integers(0, len(WORDS), ROWS)
b = rng.integers(0, len(WORDS), ROWS)
n = rng.integers(0, 10_000, ROWS)
upper = rng.random(ROWS) < 0.5
missing = rng.random(ROWS) < 0.02
names = [None if m else (WORDS[i].title() if u else WORDS[i]) + " " + WORDS[j] + " " + str(k)
         for i, j, k, u, m in zip(a, b, n, upper, missing)]
days = rng.integers(0, 30 * 365, ROWS)
dates = (np.datetime64("2000-01-01") + days.astype("timedelta64[D]")).astype(str)
pd.DataFrame({"name": names, "n": n, "date": dates}).to_csv(target, index=False)
print(f"wrote {target}: {os.path.getsize(target) / 1e6:.1f} MB")
