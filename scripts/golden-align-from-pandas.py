"""Writes Tests/Golden/data/align_*.qr: each Quire program with, as its expected output, what
pandas prints for the same steps on the same data (run with a Python that has pandas 3.1.1:
`/path/to/venv/bin/python scripts/golden-align-from-pandas.py`). Error cases carry Quire's own
message (and hint)."""
import contextlib
import io
import os

import pandas as pd

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Tests", "Golden", "data") + "/"
HDR = "# Expected lines are pandas 3.1.1's output for the same steps (pandas.Series/DataFrame, same data).\n"
def run(pcode):
    df = pd.read_csv(ROOT + "fixtures/align.csv")
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        exec(pcode, {"pd": pd, "df": df})
    return buf.getvalue().rstrip("\n").split("\n")
cases = []
def case(name, what, qcode, pcode):
    cases.append((name, what, qcode, pcode))
def err(name, what, qcode, message):
    cases.append((name, what, qcode, None, message))

case("align_sorted_series", "Subtracting a sorted copy matches values by label, not by position: all zeros.",
 's = df.b.sort_values(ascending=false)\nprint(s - df.b)',
 's = df.b.sort_values(ascending=False)\nprint(s - df.b)')
case("align_filtered_series", "A filtered Series plus the full one: the union of the labels, NaN where a label is on one side only (int becomes float).",
 'print(df[df.a > 0].b + df.b)', 'print(df[df.a > 0].b + df.b)')
case("align_shifted_labels", "Labels shifted by one (set_index of two columns): the union 0..4, NaN at both ends.",
 'x = df.set_index("id").b\ny = df.set_index("next").b\nprint(x * y)\nprint((x * y).index)',
 'x = df.set_index("id").b\ny = df.set_index("next").b\nprint(x * y)\nprint(repr((x * y).index))')
case("align_disjoint_labels", "No label in common: every row is missing, labels sorted.",
 'print(df[df.a > 0].b - df[df.a < 0].b)', 'print(df[df.a > 0].b - df[df.a < 0].b)')
case("align_duplicated_labels", "A label repeated on both sides pairs every left row with every right row, left first.",
 'x = df.set_index("grp").b\nprint(x + x.head(3))', 'x = df.set_index("grp").b\nprint(x + x.head(3))')
case("align_string_labels_sorted", "Text labels in different orders: the union is sorted.",
 'x = df.set_index("name").b\ny = x.sort_index(ascending=false).head(3)\nprint(x / y)',
 'x = df.set_index("name").b\ny = x.sort_index(ascending=False).head(3)\nprint(x / y)')
case("align_same_labels_by_position", "Identical labels, even repeated ones, combine by position.",
 'x = df.set_index("grp").b\nprint(x - x * 2)', 'x = df.set_index("grp").b\nprint(x - x * 2)')
case("align_logical_and_or", "& and | align too: a label missing on the left gives false, one missing on the right counts as false. (Quire prints bools as true/false where pandas prints True/False.)",
 'm = df[df.a > 0].a > 1\nprint(m & (df.b > 0))\nprint(m | (df.b > 20))',
 'm = df[df.a > 0].a > 1\nprint(m & (df.b > 0))\nprint(m | (df.b > 20))')
case("align_frame_with_series", "A DataFrame with a Series lines the Series up with the column names; the union of names is sorted.",
 'f = df[["b", "a"]]\nprint(f + df[["b", "id"]].max())\nprint(f - f.mean())',
 'f = df[["b", "a"]]\nprint(f + df[["b", "id"]].max())\nprint(f - f.mean())')
case("align_frame_with_series_axis_index", "axis=\"index\" lines a Series up with the rows instead.",
 'f = df[["a", "b"]]\nprint(f.sub(df[df.a > 0].b, axis="index"))\nprint(f.mul(df.b, axis=0))',
 'f = df[["a", "b"]]\nprint(f.sub(df[df.a > 0].b, axis="index"))\nprint(f.mul(df.b, axis=0))')
case("align_frame_with_frame", "Two DataFrames align on both the row labels and the column names.",
 'print(df[["a", "b"]] + df[df.a > 0][["b", "id"]])', 'print(df[["a", "b"]] + df[df.a > 0][["b", "id"]])')
case("align_method_fill_value", "fill_value stands in where one side only is missing (both missing stays NaN).",
 'print(df.b.add(df[df.a > 0].b, fill_value=0))\nprint(df.b.div(df[df.a < 0].b, fill_value=2))\nprint(df[["a", "b"]].add(df[df.a > 0][["b", "id"]], fill_value=100))',
 'print(df.b.add(df[df.a > 0].b, fill_value=0))\nprint(df.b.div(df[df.a < 0].b, fill_value=2))\nprint(df[["a", "b"]].add(df[df.a > 0][["b", "id"]], fill_value=100))')
case("align_method_forms_scalar", "The method forms with a number; fill_value fills the Series' own missing values first.",
 'x = df[df.a > 0].b + df.b\nprint(x.sub(1, fill_value=0))\nprint(x.truediv(4))\nprint(df[["a", "b"]].mul(-1))',
 'x = df[df.a > 0].b + df.b\nprint(x.sub(1, fill_value=0))\nprint(x.truediv(4))\nprint(df[["a", "b"]].mul(-1))')
case("align_column_assignment", "Assigning a Series to a column lines it up with the frame's rows.",
 'df["c"] = df[df.a > 0].b\ndf["d"] = df.b.sort_values(ascending=false) * 2\nprint(df[["b", "c", "d"]])',
 'df["c"] = df[df.a > 0].b\ndf["d"] = df.b.sort_values(ascending=False) * 2\nprint(df[["b", "c", "d"]])')
case("align_index_repr", "df.index and s.index print as pandas prints an Index.",
 'print(df.index)\nprint(df.b.sort_values(ascending=false).index)\nprint(df.set_index("name").index)\nprint(df.grp.value_counts().index)\nprint(df.groupby("grp")["b"].mean().index)\nprint(df[df.a > 0].index)\nprint(df.set_index("grp").index)',
 'print(repr(df.index))\nprint(repr(df.b.sort_values(ascending=False).index))\nprint(repr(df.set_index("name").index))\nprint(repr(df.grp.value_counts().index))\nprint(repr(df.groupby("grp")["b"].mean().index))\nprint(repr(df[df.a > 0].index))\nprint(repr(df.set_index("grp").index))')
case("align_reset_index", "reset_index puts labels 0, 1, ... back; the old labels become a column unless drop=true.",
 'x = df[df.a > 0]\nprint(x.reset_index())\nprint(x.reset_index(drop=true))\nprint(x.b.reset_index())\nprint(x.set_index("name").b.reset_index(drop=true))',
 'x = df[df.a > 0]\nprint(x.reset_index())\nprint(x.reset_index(drop=True))\nprint(x.b.reset_index())\nprint(x.set_index("name").b.reset_index(drop=True))')
case("align_labels_kept_through_sorts", "sort_values, sort_index, head and tail keep the labels, and so arithmetic still lines up.",
 's = df.set_index("name").b.sort_values(ascending=false)\nprint(s.head(2))\nprint(s.sort_index().tail(2))\nprint(s.head(2) + s.tail(3))',
 's = df.set_index("name").b.sort_values(ascending=False)\nprint(s.head(2))\nprint(s.sort_index().tail(2))\nprint(s.head(2) + s.tail(3))')
cases.append(("align_error_compare_different_labels", "Comparing Series whose labels differ is an error, as in pandas (\"Can only compare identically-labeled Series objects\").",
 'print(df.b.sort_values(ascending=false) == df.b)', None, "cannot compare two Series (or DataFrames) whose labels differ", "a.sort_index() == b.sort_index()"))
cases.append(("align_error_set_index_unknown_column", "set_index with a column the frame does not have.",
 'print(df.set_index("nmae"))', None, 'no column named "nmae" in this DataFrame'))
cases.append(("align_error_fill_value_type", "fill_value must be a number.",
 'print(df.b.add(df.a, fill_value="0"))', None, 'bad argument "fill_value" to Series.add: expected a number or none'))
cases.append(("align_error_axis_value", "axis takes \"columns\", \"index\", 1 or 0.",
 'print(df.sub(df.b, axis=2))', None, 'bad argument "axis" to DataFrame.sub: expected "columns" (or 1) or "index" (or 0), got 2'))
cases.append(("align_error_axis_name", "An unknown axis name gets the choices.",
 'print(df.sub(df.b, axis="colums"))', None, 'bad argument "axis" to DataFrame.sub: expected one of "columns", "index"'))
cases.append(("align_error_assign_repeated_labels", "A Series with repeated labels cannot be lined up with the rows (pandas: cannot reindex on an axis with duplicate labels).",
 'df["c"] = df.set_index("grp").b', None, 'has repeated labels, so it cannot be lined up'))
cases.append(("align_error_series_labels_not_columns", "A Series labelled by row numbers does not name columns: Quire says so (pandas silently gives a frame of NaN).",
 'print(df[["a", "b"]] + df.b)', None, "the Series' labels are not column names", 'df.sub(s, axis="index")'))
cases.append(("align_error_reset_index_column_exists", "reset_index would add a column \"index\" that exists already (pandas: cannot insert index, already exists).",
 'x = df.reset_index().reset_index()\nprint(x.reset_index())', None, 'already has a column "level_0"', "reset_index(drop=true)"))
case("align_frame_comparisons", "A DataFrame compares with a number, a Series labelled by its column names (either side), or an identically labelled DataFrame. (Quire prints bools as true/false where pandas prints True/False.)",
 'f = df[["a", "b"]]\nprint(f > f.mean())\nprint(f.mean() < f)\nprint(f != f * 2)',
 'f = df[["a", "b"]]\nprint(f > f.mean())\nprint(f.mean() < f)\nprint(f != f * 2)')
case("align_series_with_frame", "A Series on the left of a DataFrame lines up with its column names too.",
 'f = df[["a", "b"]]\nprint(f.mean() - f)\nprint(f.max() * f.head(2))',
 'f = df[["a", "b"]]\nprint(f.mean() - f)\nprint(f.max() * f.head(2))')
cases.append(("align_error_compare_frames_different_labels", "Comparing a DataFrame with a Series not labelled by exactly its columns is an error (pandas: Operands are not aligned).",
 'f = df[["a", "b"]]\nprint(f > df[["b", "a"]].mean())', None, "cannot compare two Series (or DataFrames) whose labels differ"))
case("align_index_assignment", "obj.index = labels sets new row labels (a list, an Index or a Series), and arithmetic follows them.",
 'f = df[["a", "b"]]\nf.index = ["w", "x", "y", "z"]\nprint(f)\ns = df.b\ns.index = [3, 2, 1, 0]\nprint(s + df.b)\nf.index = df.name\nprint(f.index)',
 'f = df[["a", "b"]].copy()\nf.index = ["w", "x", "y", "z"]\nprint(f)\ns = df.b.copy()\ns.index = [3, 2, 1, 0]\nprint(s + df.b)\nf.index = df.name\nprint(repr(f.index))')
cases.append(("align_error_index_assignment_length", "New labels must be one per row (pandas: Length mismatch: Expected axis has 4 elements, new values have 2 elements).",
 'df.index = [1, 2]', None, "the new index has 2 labels but the DataFrame has 4 rows", "give one label per row"))
case("align_mask_reordered", "A bool mask whose labels are the rows' labels in another order selects by label (pandas reindexes it, with a warning).",
 'm = df.b.sort_values(ascending=false) > 15\nprint(df[m][["a", "b"]])\nprint(df.b[m])',
 'import warnings\nwarnings.simplefilter("ignore")\nm = df.b.sort_values(ascending=False) > 15\nprint(df[m][["a", "b"]])\nprint(df.b[m])')
cases.append(("align_error_mask_other_labels", "A mask labelled differently from the rows cannot select them (pandas: Unalignable boolean Series provided as indexer).",
 'print(df[df.set_index("next").b > 15])', None, "the mask's row labels are not the rows' labels", "make the mask from the same DataFrame"))

for c in cases:
    name, what, qcode = c[0], c[1], c[2]
    lines = ["# " + what]
    lines.append('df = read_csv("fixtures/align.csv")')
    if c[3] is not None:
        lines.insert(1, HDR.rstrip("\n"))
        lines += qcode.split("\n")
        out = run(c[3])
        if name in ("align_logical_and_or", "align_frame_comparisons"): out = [l.replace("True", "true").replace("False", "false") for l in out]
        lines += ["# expect: " + l if l else "# expect:" for l in out]
    else:
        lines += qcode.split("\n")
        lines.append("# expect error: " + c[4])
        if len(c) > 5:
            lines.append("# expect hint: " + c[5])
    open(ROOT + name + ".qr", "w").write("\n".join(lines) + "\n")
print(len(cases))
