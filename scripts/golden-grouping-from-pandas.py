"""Writes Tests/Golden/data/apply_*.qr, sample_*.qr and groupby_multi_*.qr: each Quire program with,
as its expected output, what pandas prints for the same steps on the same data (run with a Python
that has pandas 3.1.1: `/path/to/venv/bin/python scripts/golden-grouping-from-pandas.py`). A sibling
of golden-methods-from-pandas.py; cases whose Quire code differs from Python's (functions) give
the pandas code beside it. Error cases carry Quire's own message (and hint)."""
import contextlib
import io
import os

import pandas as pd

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Tests", "Golden", "data") + "/"
HDR = "# Expected lines are pandas 3.1.1's output for the same steps (same data)."
WINE = "../../Fixtures/data/wine.csv"
SALES = "fixtures/sales.csv"


def run(path, pcode):
    df = pd.read_csv(os.path.join(ROOT, path))
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        exec(pcode, {"pd": pd, "df": df})
    return buf.getvalue().rstrip("\n").split("\n")


cases = []


def case(name, what, path, qcode, pcode=None):
    cases.append((name, what, path, qcode, pcode or qcode.replace("true", "True").replace("false", "False")))


def err(name, what, path, qcode, message, hint=None):
    cases.append((name, what, path, qcode, None, message, hint))


# apply and map
case("apply_series_map_function", "Series.map with a function: each value through it; the name and labels are kept.", SALES,
     'print(df.units.map(fn(v) { v * 10 }))\nprint(df["product"].map(fn(p) { p + "s" }))',
     'print(df.units.map(lambda v: v * 10))\nprint(df["product"].map(lambda p: p + "s"))')
case("apply_series_map_dict", "Series.map with a dict: values not in the dict become missing (NaN).", SALES,
     'print(df["product"].map({"apple": 1, "pear": 2}))\nprint(df.quarter.map({1: "Q1", 2: "Q2"}))')
case("apply_series_apply", "Series.apply with a named function; missing values reach it as NaN.", SALES,
     'fn taxed(p) { p * 1.2 }\nprint(df.price.apply(taxed))\nprint(df.units.apply(fn(u) { u > 5 }))',
     'def taxed(p): return p * 1.2\nprint(df.price.apply(taxed))\nprint(df.units.apply(lambda u: u > 5))')
case("apply_frame_columns", "DataFrame.apply (axis=0): the function gets each column; one value per column gives a Series.", SALES,
     'print(df[["units", "price"]].apply(fn(c) { c.max() - c.min() }))\nprint(df[["units", "quarter"]].apply(fn(c) { c * 2 }))',
     'print(df[["units", "price"]].apply(lambda c: c.max() - c.min()))\nprint(df[["units", "quarter"]].apply(lambda c: c * 2))')
case("apply_frame_rows", "DataFrame.apply(axis=1): each row as a Series labelled by the column names.", SALES,
     'print(df.apply(fn(row) { row["units"] * row["price"] }, axis=1))\nprint(df.head(3).apply(fn(row) { row["product"] + "-" + row["region"] }, axis="columns"))',
     'print(df.apply(lambda row: row["units"] * row["price"], axis=1))\nprint(df.head(3).apply(lambda row: row["product"] + "-" + row["region"], axis="columns"))')
case("apply_frame_map", "DataFrame.map (pandas 2.1+, formerly applymap): every cell through the function.", SALES,
     'print(df[["units", "quarter"]].map(fn(v) { v * v }))\nprint(df[["region", "product"]].head(3).map(fn(s) { s.upper() }))',
     'print(df[["units", "quarter"]].map(lambda v: v * v))\nprint(df[["region", "product"]].head(3).map(lambda s: s.upper()))')
err("apply_error_function_fails", "An error inside the function says which value it failed on.", SALES,
    'print(df.units.map(fn(v) { 10 / (v - 7) }))', 'division by zero (in the function given to Series.map, at the value at label 2)')
err("apply_error_row_fails", "An error inside apply(axis=1) names the row.", SALES,
    'print(df.apply(fn(row) { row["units"] + row["region"] }, axis=1))', '(in the function given to DataFrame.apply, at row 0)')
err("apply_error_not_function", "map needs a function or a dict.", SALES,
    'print(df.units.map(3))', 'bad argument "arg" to Series.map: expected a function such as fn(v) { v * 2 }, or a dict, got 3 (an int)')
err("apply_error_axis", "axis is 0 (\"index\") or 1 (\"columns\").", SALES,
    'print(df.apply(fn(c) { c.sum() }, axis=2))', 'bad argument "axis" to DataFrame.apply: expected 0 ("index") or 1 ("columns"), got 2 (an int)')
err("apply_error_returns_list", "The function must give one value per call.", SALES,
    'print(df.units.apply(fn(v) { [v, v] }))', 'the function given to Series.apply returned a list at the value at label 0')

# sample
case("sample_frame_seeded", "df.sample(n, random_state=): the rows pandas picks for that seed (numpy's RandomState).", WINE,
     'print(df.sample(5, random_state=0)[["alcohol", "hue", "target"]])\nprint(df.sample(n=3, random_state=42)[["alcohol", "target"]])')
case("sample_frac_replace", "frac= takes a share of the rows (rounded half to even); replace=true may repeat rows.", SALES,
     'print(df.sample(frac=0.25, random_state=1))\nprint(df.sample(frac=1.5, replace=true, random_state=7)[["region", "units"]])\nprint(df.units.sample(4, replace=true, random_state=3))')
case("sample_series_and_default", "Series.sample; with neither n nor frac, one row.", SALES,
     'print(df.units.sample(3, random_state=5))\nprint(df.sample(random_state=2))\nprint(df.sample(0, random_state=2))')
err("sample_error_larger_than_population", "More rows than the frame has, without replace (numpy's message).", SALES,
    'print(df.sample(11, random_state=0))', 'cannot take a larger sample than population when replace=false (11 of 10 rows)',
    'pass replace=true to draw rows more than once')
err("sample_error_n_and_frac", "n and frac together.", SALES,
    'print(df.sample(n=2, frac=0.5))', 'give n or frac, not both')
err("sample_error_upsampling", "frac over 1 needs replace.", SALES,
    'print(df.sample(frac=1.5))', 'replace has to be true when upsampling the population (frac > 1)')
err("sample_error_negative", "A negative n.", SALES,
    'print(df.sample(-1))', 'a negative number of rows requested: n must be at least 0')
err("sample_error_seed", "random_state is numpy's seed range.", SALES,
    'print(df.sample(2, random_state=-4))', 'bad argument "random_state" to DataFrame.sample: expected an int from 0 to 4294967295, got -4 (an int)')

# group-by on several keys, as_index, named outputs
case("groupby_multi_keys_mean", "groupby on two keys: a MultiIndex result, repeated outer labels blanked, names on a line of their own.", SALES,
     'print(df.groupby(["region", "product"]).mean())')
case("groupby_multi_keys_series", "One column of a two-key group-by is a Series labelled by both keys; size() counts rows.", SALES,
     'g = df.groupby(["region", "product"])\nprint(g.units.sum())\nprint(g.size())\nprint(df.groupby(["quarter", "region"])["units"].mean())')
case("groupby_multi_keys_as_index_false", "as_index=false puts the keys in columns; reset_index() does the same afterwards.", SALES,
     'print(df.groupby(["region", "product"], as_index=false).units.sum())\nprint(df.groupby(["region", "product"]).mean().reset_index())\nprint(df.groupby("region", as_index=false).max())')
case("groupby_named_agg", "agg with named outputs: each output is (column, aggregation), in the order given.", SALES,
     'print(df.groupby("region").agg(total=("units", "sum"), n=("price", "count")))\nprint(df.groupby(["region", "product"]).agg(total=("units", "sum"), top=("price", "max")))')
case("groupby_multi_keys_missing", "Rows with a missing key are left out, as pandas' dropna=True; a three-key group-by.", SALES,
     'print(df.groupby(["region", "quarter", "product"]).units.sum())')
err("groupby_error_unknown_key", "An unknown key column, with the closest name.", SALES,
    'print(df.groupby(["region", "prodct"]).mean())', 'no column named "prodct"', 'did you mean "product"?')
err("groupby_error_no_keys", "groupby needs a key.", SALES,
    'print(df.groupby([]).mean())', 'groupby needs at least one column to group by')
err("groupby_error_unknown_aggregation", "An aggregation name that is not known, with the closest.", SALES,
    'print(df.groupby("region").agg(total=("units", "summ")))', 'unknown aggregation "summ"', 'did you mean "sum"?')
err("groupby_error_named_agg_form", "Named outputs need (column, aggregation) pairs.", SALES,
    'print(df.groupby("region").agg(total=("units", "sum"), n=("price",)))', 'agg(n=...) expects a pair (column, aggregation)')
err("groupby_error_text_mean", "The mean of a text column fails, naming it.", SALES,
    'print(df.groupby("quarter").mean())', 'cannot take the mean of column "region": it holds text')

# pivot_table and crosstab
case("pivot_table_mean", "pivot_table: the mean of values for each (index, columns) pair; missing where no row falls.", SALES,
     'print(df.pivot_table(values="units", index="region", columns="product"))\nprint(df.pivot_table(values="price", index=["region", "product"], columns="quarter"))')
case("pivot_table_fill_and_aggfunc", "aggfunc names the reduction; fill_value fills the empty cells.", SALES,
     'print(df.pivot_table(values="units", index="region", columns="product", aggfunc="sum", fill_value=0))\nprint(df.pivot_table(values="units", index="region", columns="product", aggfunc="count"))')
case("pivot_table_margins", "margins=true adds an \"All\" row and column, each reducing all the rows it covers.", SALES,
     'print(df.pivot_table(values="units", index="region", columns="product", aggfunc="sum", margins=true))\nprint(df.pivot_table(values="units", index="region", columns="quarter", margins=true))\nprint(df.pivot_table(values="units", index="region", columns="product", aggfunc="max", margins=true))')
case("crosstab_counts", "crosstab counts each pair of values; margins adds the totals.", SALES,
     'print(crosstab(df.region, df["product"]))\nprint(crosstab(df.region, df["product"], margins=true))',
     'print(pd.crosstab(df.region, df["product"]))\nprint(pd.crosstab(df.region, df["product"], margins=True))')
case("crosstab_normalize", "normalize: shares of all rows, of each row (\"index\") or of each column (\"columns\").", SALES,
     'print(crosstab(df.region, df["product"], normalize="index"))\nprint(crosstab(df.region, df["product"], normalize="columns"))\nprint(crosstab(df.region, df["product"], normalize="all", margins=true))\nprint(crosstab(df.region, df["product"], normalize="index", margins=true))',
     'print(pd.crosstab(df.region, df["product"], normalize="index"))\nprint(pd.crosstab(df.region, df["product"], normalize="columns"))\nprint(pd.crosstab(df.region, df["product"], normalize="all", margins=True))\nprint(pd.crosstab(df.region, df["product"], normalize="index", margins=True))')
err("pivot_table_error_unknown_column", "An unknown column names its argument, with the closest.", SALES,
    'print(df.pivot_table(values="unit", index="region", columns="product"))', 'no column named "unit"', 'did you mean "units"?')
err("pivot_table_error_aggfunc", "An aggregation that is not known, with the closest.", SALES,
    'print(df.pivot_table(values="units", index="region", columns="product", aggfunc="avg"))', 'unknown aggregation "avg"')
err("pivot_table_error_no_values", "values is needed.", SALES,
    'print(df.pivot_table(index="region", columns="product"))', 'bad argument "values" to DataFrame.pivot_table')
err("crosstab_error_normalize", "normalize takes pandas' choices.", SALES,
    'print(crosstab(df.region, df["product"], normalize="rows"))', 'bad argument "normalize" to crosstab: expected false, true, "all", "index" or "columns"')
err("crosstab_error_lengths", "The two Series must be as long as each other.", SALES,
    'print(crosstab(df.region, df["product"].head(3)))', 'cannot combine Series of lengths 10 and 3')

# agg with several functions
case("groupby_agg_several_functions", "agg with a list of functions: two-level column labels, printed as pandas prints them.", SALES,
     'print(df.groupby("region")[["units", "price"]].agg(["mean", "max"]))\nprint(df.groupby(["region", "product"]).agg(["sum", "max"]))')
case("groupby_agg_functions_per_column", "A dict of column to functions; one column's agg([...]) has one column per function.", SALES,
     'print(df.groupby("region").agg({"units": ["sum", "mean"], "price": "max"}))\nprint(df.groupby("region").units.agg(["mean", "max", "count"]))\nprint(df.groupby("region").agg("max"))')
err("groupby_error_agg_list_unknown", "An unknown function in the list, with the closest.", SALES,
    'print(df.groupby("region").agg(["mean", "mediam"]))', 'unknown aggregation "mediam"', 'did you mean "median"?')

# empty frames
case("grouping_empty_frames", "Empty frames: group-by, pivot_table and crosstab give empty results as pandas does; apply calls nothing.", SALES,
     'e = df.head(0)\nprint(e.groupby(["region", "product"]).units.sum())\nprint(e.pivot_table(values="units", index="region", columns="product", margins=true))\nprint(crosstab(e.region, e["product"], normalize=true))\nprint(e.units.map(fn(v) { v * 2 }))\nprint(e.sample(0))',
     'e = df.head(0)\nprint(e.groupby(["region", "product"]).units.sum())\nprint(e.pivot_table(values="units", index="region", columns="product", margins=True))\nprint(pd.crosstab(e.region, e["product"], normalize=True))\nprint(e.units.map(lambda v: v * 2))\nprint(e.sample(0))')

for c in cases:
    name, what, path, qcode = c[0], c[1], c[2], c[3]
    lines = ["# " + what]
    if c[4] is not None:
        lines.append(HDR)
    lines.append(f'df = read_csv("{path}")')
    lines += qcode.split("\n")
    if c[4] is not None:
        out = [l.replace("True", "true").replace("False", "false") for l in run(path, c[4])]
        lines += ["# expect: " + l if l else "# expect:" for l in out]
    else:
        lines.append("# expect error: " + c[5])
        if c[6]:
            lines.append("# expect hint: " + c[6])
    open(ROOT + name + ".qr", "w").write("\n".join(lines) + "\n")
print(len(cases))
