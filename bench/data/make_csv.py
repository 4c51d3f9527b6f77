"""Makes the benchmark CSV: one million rows resampled (seeded) from mobile_price_train.csv."""
import os
import sys

import numpy as np
import pandas as pd

ROWS = 1_000_000
SEED = 7
here = os.path.dirname(os.path.abspath(__file__))
source = os.path.join(here, "..", "..", "notebooks", "data", "mobile_price_train.csv")
target = sys.argv[1] if len(sys.argv) > 1 else "/tmp/quire_bench_mobile_1m.csv"
df = pd.read_csv(source)
rows = np.random.default_rng(SEED).integers(0, len(df), ROWS)
df.iloc[rows].to_csv(target, index=False)
print(f"wrote {target}: {os.path.getsize(target) / 1e6:.1f} MB")
