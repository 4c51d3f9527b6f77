"""Writes Tests/Golden/data/corr_*.qr, extremes_*.qr, sort_multi_*.qr, indexers_*.qr, transforms_*.qr, reshape_*.qr and merge_*.qr: each Quire program with, as its expected output, what
pandas prints for the same steps on the same data (run with a Python that has pandas 3.1.1 and
scipy: `/path/to/venv/bin/python scripts/golden-methods-from-pandas.py`). Error cases carry Quire's
own message (and hint)."""
import contextlib
import io
import os

import pandas as pd

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Tests", "Golden", "data") + "/"
HDR = "# Expected lines are pandas 3.1.1's output for the same steps (same data)."
WINE = "../../Fixtures/data/wine.csv"
SMALL = "fixtures/corr.csv"

def run(path, pcode):
    df = pd.read_csv(os.path.join(ROOT, path))
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        exec(pcode, {"pd": pd, "df": df, "merge": pd.merge, "concat": pd.concat,
                 "read_csv": lambda p: pd.read_csv(os.path.join(ROOT, p))})
    return buf.getvalue().rstrip("\n").split("\n")

cases = []
def case(name, what, path, qcode, pcode=None):
    cases.append((name, what, path, qcode, pcode or qcode.replace("true", "True").replace("false", "False")))
def err(name, what, path, qcode, message, hint=None):
    cases.append((name, what, path, qcode, None, message, hint))

cols = '["alcohol", "malic_acid", "hue", "proline", "target"]'
case("corr_pearson", "df.corr(): Pearson's r of every pair of columns (pandas' default method).", WINE,
     f'print(df[{cols}].corr())')
case("corr_spearman", "method=\"spearman\": the correlation of the ranks (ties share their mean rank).", WINE,
     f'print(df[{cols}].corr(method="spearman"))')
case("corr_kendall", "method=\"kendall\": Kendall's tau-b, which corrects for ties.", WINE,
     f'print(df[{cols}].corr(method="kendall"))')
case("corr_cov", "df.cov(): covariances with divisor n - 1 (ddof=0 divides by n).", WINE,
     f'print(df[{cols}].cov())\nprint(df[["alcohol", "hue"]].cov(ddof=0))')
case("corr_wide_frame", "A wide correlation matrix is shown as pandas shows it, with its middle columns elided.", WINE,
     'print(df.corr())')
case("corr_missing_values", "Missing values: each pair uses the rows where both are present; a constant column gives NaN; bools count as 0 and 1.", SMALL,
     'print(df.corr(numeric_only=true))\nprint(df.corr(method="spearman", numeric_only=true))\nprint(df.cov(numeric_only=true))')
case("corr_min_periods", "min_periods: fewer complete pairs than that gives NaN.", SMALL,
     'print(df[["x", "y"]].corr(min_periods=6))\nprint(df[["x", "y"]].corr(min_periods=5))')
case("corr_series", "Series.corr and Series.cov with another Series (rounded: pandas goes through numpy's corrcoef, whose last digits differ).", WINE,
     'print(round(df.alcohol.corr(df.hue), 12))\nprint(round(df.alcohol.corr(df.hue, method="spearman"), 12))\nprint(round(df.alcohol.corr(df.hue, method="kendall"), 12))\nprint(round(df.alcohol.cov(df.proline), 9))')
case("corr_series_aligned", "Series.corr lines the two Series up by label first, as pandas does.", WINE,
     'a = df[df.target == 0].alcohol\nb = df.proline.sort_values()\nprint(round(a.corr(b), 12))')
err("corr_error_text_column", "A text column fails, as in pandas, with the way out.", SMALL,
    'print(df.corr())', 'corr needs numbers, but column "name" holds text',
    'pass numeric_only=true to leave text columns out, or drop it: df.drop("name")')
err("corr_error_method", "An unknown method is named, with the closest.", WINE,
    'print(df.corr(method="pearsons"))',
    'bad argument "method" to DataFrame.corr: expected one of "pearson", "spearman", "kendall", got "pearsons" (a string)', 'did you mean "pearson"?')
err("corr_error_min_periods", "min_periods must be at least 1.", WINE,
    'print(df.corr(min_periods=0))', 'bad argument "min_periods" to DataFrame.corr: expected an int of at least 1, got 0 (an int)')
err("corr_error_series_other", "Series.corr needs another Series.", WINE,
    'print(df.alcohol.corr(3))', 'bad argument "other" to Series.corr: expected a Series, got 3 (an int)')

case("extremes_frame", "df.nlargest(n, column) and nsmallest: the n rows with the largest (smallest) values, in that order.", WINE,
     'print(df.nlargest(3, "alcohol")[["alcohol", "hue", "target"]])\nprint(df.nsmallest(3, "hue")[["alcohol", "hue"]])')
case("extremes_frame_several_columns", "Several columns: later ones break ties of the first.", WINE,
     'print(df.nsmallest(4, ["target", "magnesium"])[["target", "magnesium"]])\nprint(df.nlargest(3, ["target", "alcohol"])[["target", "alcohol"]])')
case("extremes_keep", "keep=\"all\" keeps every value tied with the last one; keep=\"last\" prefers later rows among ties.", WINE,
     'print(df.magnesium.nlargest(6, keep="all"))\nprint(df.magnesium.nsmallest(4, keep="last"))\nprint(df.magnesium.nsmallest(4))')
case("extremes_missing", "Missing values come last, only to make up n (as pandas appends them).", SMALL,
     'print(df.x.nlargest(10))\nprint(df.nsmallest(7, "y"))\nprint(df.x.nsmallest(2))')
case("sort_multi_keys", "sort_values on several columns, with one direction per column; ties keep their order.", WINE,
     'print(df.sort_values(["target", "alcohol"], ascending=[true, false]).head(4)[["target", "alcohol"]])\nprint(df.sort_values(["magnesium", "hue"]).head(5)[["magnesium", "hue"]])')
case("sort_multi_missing", "Missing values sort last in every key, whichever the direction.", SMALL,
     'print(df.sort_values(["flag", "y"], ascending=[false, true]))\nprint(df.sort_values(["z", "x"], ascending=false))')
err("extremes_error_text_column", "nlargest needs numbers.", SMALL,
    'print(df.nlargest(2, "name"))', 'nlargest needs numbers, but column "name" holds text', 'to order text, use sort_values("name")')
err("extremes_error_negative_n", "n must not be negative.", SMALL,
    'print(df.x.nsmallest(-1))', 'bad argument "n" to Series.nsmallest: expected an int of at least 0, got -1 (an int)')
err("extremes_error_keep", "keep is first, last or all.", SMALL,
    'print(df.x.nlargest(2, keep="any"))', 'bad argument "keep" to Series.nlargest: expected one of "first", "last", "all", got "any" (a string)')
err("sort_multi_error_directions", "One direction per sort column.", SMALL,
    'print(df.sort_values(["x", "y"], ascending=[true]))', 'ascending gives 1 direction for 2 sort columns',
    'give one bool per column in by, or a single bool for all')
err("sort_multi_error_unknown_column", "An unknown sort column is named, with the closest.", SMALL,
    'print(df.sort_values(["x", "flg"]))', 'no column named "flg"')

case("indexers_iloc_rows", "df.iloc by position: a slice of rows, one row (a Series named by its label), a list of rows and columns.", WINE,
     'print(df.iloc[0:3])\nprint(df.iloc[0])\nprint(df.iloc[[0, 5, 2], [0, 1, -1]])')
case("indexers_iloc_cells", "One cell by position (negative positions count from the end); columns by a slice.", WINE,
     'print(df.iloc[-1, 0])\nprint(df.iloc[:, 1:3].head(2))\nprint(df.alcohol.iloc[3])\nprint(df.alcohol.iloc[-2:])')
case("indexers_loc_mask_and_columns", "df.loc with a bool mask and column names; a label slice includes its end.", WINE,
     'print(df.loc[df.alcohol > 14.2, ["alcohol", "hue"]])\nprint(df.loc[2:4, "hue"])\nprint(df.loc[3, ["alcohol", "target"]])')
case("indexers_loc_labels", "loc looks rows up by label, iloc by position: after a sort they differ.", WINE,
     's = df.sort_values("alcohol").alcohol\nprint(s.loc[8])\nprint(s.iloc[0])\nprint(s.iloc[0:2])\nprint(s.loc[[8, 13]])')
case("indexers_assign", "Assignment through loc and iloc: a value for the chosen cells, a new column missing elsewhere.", WINE,
     'd = df[["alcohol", "hue"]].head(4)\nd.loc[d.alcohol > 13.5, "hue"] = 0\nd.iloc[0, 0] = 99.5\nd.loc[1, "flag"] = true\nd.loc[[2, 3], "alcohol"] = [1.5, 2.5]\nprint(d)')
err("indexers_error_iloc_out_of_range", "A row position past the end.", SMALL,
    'print(df.iloc[7])', 'row position 7 is out of range (7 rows)')
err("indexers_error_iloc_name", "iloc takes positions; a name points to loc.", SMALL,
    'print(df.iloc[0, "x"])', 'iloc takes column positions (an int, a slice, a list of ints or bools), not a string', 'to pick by name or label, use .loc[...]')
err("indexers_error_loc_missing_label", "A label the rows do not have.", SMALL,
    'print(df.loc[10])', 'no row labelled 10', 'loc looks rows up by label; the rows are labelled 0 to 6')
err("indexers_error_loc_unknown_column", "An unknown column in loc, with the closest.", SMALL,
    'print(df.loc[0, "flg"])', 'no column named "flg"')
err("indexers_error_assign_length", "An assignment needs one value per chosen row.", SMALL,
    'df.loc[[0, 1], "x"] = [1, 2, 3]', 'cannot assign 3 values to 2 rows', 'give one value per chosen row, or a single value for all')

case("transforms_cumulative", "cumsum, cumprod, cummax and cummin: missing values stay missing and are skipped; bools add up as ints.", SMALL,
     'print(df.y.cumsum())\nprint(df.x.cumprod())\nprint(df[["x", "y"]].cummax())\nprint(df.y.cummin())\nprint(df.flag.cumsum())')
case("transforms_cumsum_ints", "An int column's running sum stays int.", WINE,
     'print(df.magnesium.head(5).cumsum())')
case("transforms_diff_pct_change", "diff and pct_change compare with periods rows before, as floats.", WINE,
     'print(df.alcohol.head(4).diff())\nprint(df.proline.head(4).pct_change())\nprint(df[["alcohol", "magnesium"]].head(4).diff(-1))')
case("transforms_diff_missing", "diff across missing values gives missing values.", SMALL,
     'print(df.y.diff(2))')
case("transforms_round", "round: numpy's rounding of each value; a frame keeps its text columns.", WINE,
     'print(df.alcohol.head(4).round(1))\nprint(df[["alcohol", "hue"]].head(3).round(1))\nprint(df.describe().round(2).iloc[:, 0:3])\nprint(df.proline.head(3).round(-2))')
case("transforms_quantile", "quantile: one number, a list of fractions, or one value per column named q.", WINE,
     'print(df.alcohol.quantile(0.9))\nprint(df.alcohol.quantile([0.1, 0.5, 0.9]))\nprint(df[["alcohol", "hue"]].quantile(0.75))')
case("transforms_value_counts_normalize", "value_counts(normalize=true): shares instead of counts.", WINE,
     'print(df.target.value_counts(normalize=true))')
err("transforms_error_diff_text", "diff needs numbers.", SMALL,
    'print(df.name.diff())', 'cannot take the diff of column "name": it holds text')
err("transforms_error_quantile_range", "q is a fraction.", WINE,
    'print(df.alcohol.quantile(90))', 'bad argument "q" to Series.quantile: expected a number between 0 and 1, or a list of them, got 90 (an int)')
err("transforms_error_quantile_text", "quantile of a frame with text, without numeric_only.", SMALL,
    'print(df.quantile(0.5))', 'cannot take the quantile of column "name": it holds text')

case("reshape_duplicated", "duplicated: true for a row repeating an earlier one's values in the subset (missing values equal each other).", SMALL,
     'print(df.duplicated(subset=["z", "flag"]))\nprint(df.y.duplicated(keep=false))\nprint(df.duplicated().sum())')
case("reshape_drop_duplicates", "drop_duplicates keeps the first (or last) of each repeated row.", SMALL,
     'print(df.drop_duplicates(subset=["flag"], keep="last"))\nprint(df.y.drop_duplicates())')
case("reshape_rename", "rename(columns={old: new}).", WINE,
     'print(df[["alcohol", "target"]].head(3).rename(columns={"alcohol": "abv"}))')
case("reshape_astype", "astype: floats to ints truncate; numbers to text; a dict converts some columns; bools to ints.", WINE,
     'print(df.alcohol.head(3).astype("int64"))\nprint(df.target.head(3).astype("str"))\nprint(df[["alcohol", "magnesium"]].head(3).astype("float64"))\nprint(df[["alcohol", "magnesium"]].head(3).astype({"alcohol": "int64"}))')
case("reshape_transpose", "df.T: rows become columns, named by the row labels.", WINE,
     'print(df.head(3).T)\nprint(df[["alcohol", "hue"]].head(3).T.dtypes)')
err("reshape_error_astype_missing_to_int", "Missing values cannot become ints.", SMALL,
    'print(df.y.astype("int64"))', 'cannot convert "NaN" to int64', 'fill or drop missing values first: .fillna(0).astype("int64") or .dropna()')
err("reshape_error_astype_text_to_float", "Text that is not a number cannot become a float.", SMALL,
    'print(df.name.astype(float))', 'cannot convert "a" to float64')
err("reshape_error_astype_dtype", "An unknown type name.", SMALL,
    'print(df.x.astype("float32x"))', 'bad argument "dtype" to Series.astype: expected "float64", "int64", "bool" or "str" (or float, int, bool, str), got "float32x" (a string)')
err("reshape_error_rename_unknown", "Renaming a column the frame does not have is an error (pandas ignores it silently).", SMALL,
    'print(df.rename(columns={"flg": "f"}))', 'no column named "flg"')
err("reshape_error_keep", "keep is \"first\", \"last\" or false.", SMALL,
    'print(df.duplicated(keep=true))', 'bad argument "keep" to DataFrame.duplicated: expected "first", "last" or false, got true (a bool)')

ORDERS = 'o = read_csv("fixtures/orders.csv")\nc = read_csv("fixtures/customers.csv")\n'
case("merge_inner", "merge on a key both frames have: matched rows only, in the left frame's order; other shared names get _x and _y.", SMALL,
     ORDERS + 'print(merge(o, c, on="customer"))\nprint(o.merge(c[["customer", "name"]]))')
case("merge_left_right", "how=\"left\" keeps every left row (missing where unmatched); how=\"right\" every right row, in its order.", SMALL,
     ORDERS + 'print(merge(o, c, on="customer", how="left"))\nprint(merge(o, c, on="customer", how="right"))')
case("merge_outer", "how=\"outer\" keeps every row of both, sorted by key.", SMALL,
     ORDERS + 'print(merge(o, c, on="customer", how="outer"))')
case("merge_left_on_right_on", "Keys of different names: left_on and right_on (both columns kept), with chosen suffixes.", SMALL,
     ORDERS + 'c2 = c.rename(columns={"customer": "id"})\nprint(merge(o, c2, left_on="customer", right_on="id", how="left", suffixes=("_order", "_total")))')
case("merge_several_keys", "Several key columns: rows match when every key matches.", SMALL,
     'print(merge(df[["flag", "z", "x"]], df[["flag", "z", "name"]].head(2), on=["flag", "z"]))')
case("merge_concat_rows", "concat one above another: labels kept, or renumbered with ignore_index; missing where a frame lacks a column.", SMALL,
     ORDERS + 'print(concat([o.head(2), o.tail(2)]))\nprint(concat([o.head(2), c.head(2)], ignore_index=true))\nprint(concat([o.amount.head(2), c.amount.head(2)]))')
case("merge_concat_columns", "concat(axis=1) side by side, lined up by row label.", SMALL,
     ORDERS + 'print(concat([o[["order"]], c[["name"]]], axis=1))')
err("merge_error_unknown_key", "A key the frame does not have, with the closest.", SMALL,
    ORDERS + 'print(merge(o, c, on="custmer"))', 'no column named "custmer"')
err("merge_error_no_common_column", "Without keys, the frames must share a column.", SMALL,
    ORDERS + 'print(merge(o[["order"]], c[["name"]]))', 'the frames have no column in common to join on', 'name the keys: on="id", or left_on="a", right_on="b"')
err("merge_error_left_on_alone", "left_on needs right_on.", SMALL,
    ORDERS + 'print(merge(o, c, left_on="customer"))', 'left_on= and right_on= go together')
err("merge_error_how", "An unknown join kind.", SMALL,
    ORDERS + 'print(merge(o, c, how="full"))', 'bad argument "how" to merge: expected one of "inner", "left", "right", "outer", got "full" (a string)')
err("merge_error_concat_empty", "concat needs something to stack.", SMALL,
    'print(concat([]))', 'bad argument "objs" to concat: expected a list of at least one DataFrame or Series, got [] (a list)')

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
