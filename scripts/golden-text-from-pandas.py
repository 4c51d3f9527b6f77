"""Writes Tests/Golden/data/str_*.qr, missing_*.qr and dates_*.qr: each Quire program with, as its expected
output, what pandas prints for the same steps on the same data (run with a Python that has
pandas 3.1.1: `/path/to/venv/bin/python scripts/golden-text-from-pandas.py`). A sibling of
golden-methods-from-pandas.py, for the `str` accessor, the missing-value methods and dates. Error cases
carry Quire's own message (and hint)."""
import contextlib
import io
import os

import pandas as pd

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Tests", "Golden", "data") + "/"
HDR = "# Expected lines are pandas 3.1.1's output for the same steps (same data)."
TEXT = "fixtures/text.csv"
GAPS = "fixtures/gaps.csv"
DATES = "fixtures/dates.csv"

def run(path, pcode):
    df = pd.read_csv(os.path.join(ROOT, path))
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        exec(pcode, {"pd": pd, "df": df, "to_datetime": pd.to_datetime,
                     "read_csv": lambda p, **kw: pd.read_csv(os.path.join(ROOT, p), **kw)})
    return buf.getvalue().rstrip("\n").split("\n")

cases = []
def case(name, what, path, qcode, pcode=None):
    cases.append((name, what, path, qcode, pcode or qcode.replace("true", "True").replace("false", "False").replace("none", "None").replace("to_datetime(df.when)", "to_datetime(df.when, format=\"ISO8601\")")))
def err(name, what, path, qcode, message, hint=None):
    cases.append((name, what, path, qcode, None, message, hint))

case("str_lower_upper", "str.lower() and str.upper() of each string; missing values stay missing.", TEXT,
     'print(df.name.str.lower())\nprint(df.city.str.upper())')
case("str_len", "str.len(): characters per string; floats when some are missing, ints otherwise.", TEXT,
     'print(df.name.str.len())\nprint(df.code.str.len())')
case("str_contains_regex", "str.contains: a regular expression by default; case=false ignores capitals; a missing value gives false, or na.", TEXT,
     'print(df.code.str.contains("^[A-Z]{2}-"))\nprint(df.city.str.contains("paris", case=false))\nprint(df.city.str.contains("o", na=true))')
case("str_contains_literal", "regex=false searches for the text as it is (a dot is a dot).", TEXT,
     'print(df.code.str.contains("-1", regex=false))\nprint(df.name.str.contains(".", regex=false))\nprint(df.name.str.contains("."))')
case("str_contains_filter", "A str test selects rows; missing values are not selected.", TEXT,
     'print(df[df.city.str.contains("^p", case=false)])\nprint(df[not df.code.str.startswith("AB")])',
     'print(df[df.city.str.contains("^p", case=False)])\nprint(df[~df.code.str.startswith("AB")])')
case("str_startswith_endswith", "startswith and endswith, with one pattern or a tuple of them.", TEXT,
     'print(df.code.str.startswith("AB"))\nprint(df.code.str.endswith(("9", "5")))\nprint(df.city.str.startswith("P", na=false))')
case("str_replace", "str.replace: plain text by default (pandas 2 and later); regex=true for a pattern; n limits the count; case=false with a pattern.", TEXT,
     'print(df.code.str.replace("-", ""))\nprint(df.code.str.replace("[0-9]+", "#", regex=true))\nprint(df.code.str.replace("[0-9]", "_", n=2, regex=true))\nprint(df.city.str.replace("paris", "Rome", case=false, regex=true))\nprint(df.code.str.replace(".", "!"))')
case("str_strip", "strip, lstrip and rstrip: white space, or the characters given.", TEXT,
     'print(df.name.str.strip())\nprint(df.name.str.lstrip().str.len())\nprint(df.name.str.rstrip().str.len())\nprint(df.code.str.strip("ABab-"))')
case("str_slice", "str[a:b], str.slice and str[i]: by position in each string, as Python slices.", TEXT,
     'print(df.code.str[0:2])\nprint(df.code.str.slice(3))\nprint(df.code.str[-3:])\nprint(df.code.str[::2])\nprint(df.code.str[0])\nprint(df.code.str.get(-1))')
case("str_split_expand", "str.split(expand=true): a DataFrame with one column per part, padded with missing values.", TEXT,
     'print(df.code.str.split("-", expand=true))\nprint(df.name.str.split(expand=true))\nprint(df.code.str.split("-", n=0, expand=true))')
case("str_chained", "str methods chain: each returns a Series of strings.", TEXT,
     'print(df.name.str.strip().str.lower().str.replace(" ", "_"))\nprint(df.city.str.lower().value_counts())')
err("str_error_numeric_column", "The accessor needs strings, as pandas says.", TEXT,
    'print(df.score.str.lower())', 'Can only use .str accessor with string values, not floating (column "score")',
    'turn the values into text first: .astype("str").str...')
err("str_error_bad_regex", "A pattern that is not a regular expression, with the way out.", TEXT,
    'print(df.code.str.contains("("))', '"(" is not a valid regular expression', 'to search for the text as it is, pass regex=false')
err("str_error_pattern_type", "The pattern must be a string.", TEXT,
    'print(df.code.str.contains(3))', 'bad argument "pat" to Series.str.contains: expected a string, got 3 (an int)')
err("str_error_slice_step_zero", "A zero slice step.", TEXT,
    'print(df.code.str[::0])', 'slice step cannot be zero')
err("str_error_split_empty", "An empty separator.", TEXT,
    'print(df.code.str.split(""))', 'empty separator', 'leave pat out to split on white space')
err("str_error_unknown_method", "An unknown str method, with the closest.", TEXT,
    'print(df.code.str.lowr())', 'Series.str has no method "lowr"', 'did you mean "lower"?')

case("missing_dropna_options", "dropna: how=\"all\", thresh=, subset= and axis=1, as pandas; ignore_index renumbers.", GAPS,
     'print(df.dropna(how="all", subset=["temp", "rain"]))\nprint(df.dropna(thresh=3))\nprint(df.dropna(subset=["label"], ignore_index=true))\nprint(df.dropna(axis=1))\nprint(df.dropna())')
case("missing_fillna_dict", "fillna with one value, or a dict of values per column.", GAPS,
     'print(df.fillna({"temp": 0, "label": "?"}))\nprint(df.rain.fillna(-1))\nprint(df.label.fillna("none"))', 
     'print(df.fillna({"temp": 0, "label": "?"}))\nprint(df.rain.fillna(-1))\nprint(df.label.fillna("none"))')
case("missing_ffill_bfill", "ffill and bfill copy the neighbouring value; limit caps a run; gaps with no neighbour stay.", GAPS,
     'print(df.temp.ffill())\nprint(df.temp.bfill())\nprint(df.ffill(limit=1))\nprint(df.label.bfill())')
case("missing_interpolate", "interpolate(): a straight line across gaps; the end repeats the last value; the start stays missing.", GAPS,
     'print(df.temp.interpolate())\nprint(df[["day", "temp", "rain"]].interpolate())')
case("missing_nunique", "nunique counts distinct values, missing not counted.", GAPS,
     'print(df.label.nunique())\nprint(df.nunique())\nprint(len(df.label.unique()))')
err("missing_error_how_and_thresh", "how and thresh do not go together.", GAPS,
    'print(df.dropna(how="all", thresh=2))', 'dropna takes how= or thresh=, not both')
err("missing_error_subset_unknown", "An unknown subset column, with the closest.", GAPS,
    'print(df.dropna(subset=["tmp"]))', 'no column named "tmp"')
err("missing_error_how_choice", "how is \"any\" or \"all\".", GAPS,
    'print(df.dropna(how="every"))', 'bad argument "how" to DataFrame.dropna: expected one of "any", "all", got "every" (a string)')
err("missing_error_interpolate_text", "Text cannot be interpolated (pandas: Cannot interpolate with str dtype).", GAPS,
    'print(df.interpolate())', 'cannot interpolate column "label": it holds text', 'interpolate fills numbers; for text use ffill() or fillna(value)')
err("missing_error_fillna_method", "fillna(method=) is gone in pandas 3; the message names its replacement.", GAPS,
    'print(df.temp.fillna(method="ffill"))', 'fillna(method=...) was removed in pandas 3', 'use .ffill() (or .bfill())')
err("missing_error_fillna_list", "A list is not a fill value.", GAPS,
    'print(df.temp.fillna([1, 2]))', 'bad argument "value" to Series.fillna: expected a number, string or bool, got [1, 2] (a list)')
err("missing_error_fillna_unknown_column", "A dict naming a column the frame does not have is an error (pandas ignores it silently).", GAPS,
    'print(df.fillna({"tmp": 0}))', 'no column named "tmp"')
err("missing_error_limit", "limit is at least 1.", GAPS,
    'print(df.ffill(limit=0))', 'bad argument "limit" to DataFrame.ffill: expected an int of at least 1, got 0 (an int)')

case("dates_to_datetime_iso", "to_datetime reads ISO 8601 dates (printed alone when all are at midnight) and date-times; missing stays NaT.", DATES,
     'print(to_datetime(df.date))\nprint(to_datetime(df.when, format="ISO8601"))', None)
case("dates_to_datetime_format", "format= reads other layouts with strftime codes: %d/%m/%Y, %B %d, %Y, %b, %y.", DATES,
     'print(to_datetime(df.eu, format="%d/%m/%Y"))\nprint(to_datetime(df.text, format="%B %d, %Y"))\nprint(to_datetime(["Mar 15 23", "Dec 1 99"], format="%b %d %y").dt.year)',
     'print(to_datetime(df.eu, format="%d/%m/%Y"))\nprint(to_datetime(df.text, format="%B %d, %Y"))\nprint(pd.Series(to_datetime(["Mar 15 23", "Dec 1 99"], format="%b %d %y")).dt.year)')
case("dates_dt_parts", "The dt accessor: year, month, day, hour, minute, dayofweek and weekday (int32; float64 where a stamp is missing).", DATES,
     'd = to_datetime(df.date)\nprint(d.dt.year)\nprint(d.dt.month)\nprint(d.dt.day)\nprint(d.dt.dayofweek)\nprint(d.dt.weekday)\nw = to_datetime(df.when, format="ISO8601")\nprint(w.dt.hour)\nprint(w.dt.minute)',
     'd = to_datetime(df.date)\nprint(d.dt.year)\nprint(d.dt.month)\nprint(d.dt.day)\nprint(d.dt.dayofweek)\nprint(d.dt.weekday)\nw = to_datetime(df.when, format="ISO8601")\nprint(w.dt.hour)\nprint(w.dt.minute)')
case("dates_dt_names", "day_name(), month_name() and the date part of each stamp.", DATES,
     'd = to_datetime(df.date)\nprint(d.dt.day_name())\nprint(d.dt.month_name())\nprint(to_datetime(df.when, format="ISO8601").dt.day_name())\nprint(to_datetime(df.date).dt.date)', None)
case("dates_parse_dates", "read_csv(parse_dates=[...]) reads those columns as time stamps.", DATES,
     'df = read_csv("fixtures/dates.csv", parse_dates=["date"])\nprint(df[["date", "value"]])\nprint(df.dtypes)', None)
case("dates_compare_sort", "Time stamps compare with a date written as text, sort, and give their earliest and latest.", DATES,
     'df["date"] = to_datetime(df.date)\nprint(df[df.date > "2023-01-01"][["date", "value"]])\nprint(df.sort_values("date")[["date", "value"]])\nprint(df.date.min())\nprint(df.date.max())\nprint((df.date <= "2023-01-05").sum())', None)
case("dates_coerce", "errors=\"coerce\": a value that is not a date becomes missing (NaT).", DATES,
     'print(to_datetime(df.mixed, errors="coerce"))\nprint(to_datetime(df.mixed, errors="coerce").isna().sum())', None)
err("dates_error_unparseable", "A value that is not a date is named with its row.", DATES,
    'print(to_datetime(df.mixed))', 'cannot read "nope" (row 2) as a date',
    'dates are read as ISO 8601 (2023-01-05 or 2023-01-05 10:30:00); give format="%d/%m/%Y" for other layouts, or errors="coerce" to make unreadable values missing (NaT)')
err("dates_error_format_mismatch", "A value that does not match the format.", DATES,
    'print(to_datetime(df.date, format="%d/%m/%Y"))', 'cannot read "2023-01-05" (row 0) as a date with format "%d/%m/%Y"')
err("dates_error_dt_on_text", "dt needs time stamps, as pandas says.", DATES,
    'print(df.date.dt.year)', 'Can only use .dt accessor with datetimelike values (column "date" holds text)', 'turn the column into dates first: to_datetime(df.date)')
err("dates_error_unknown_code", "A strftime code Quire does not read.", DATES,
    'print(to_datetime(df.date, format="%Y-%j"))', 'to_datetime cannot read the code %j in format "%Y-%j"')
err("dates_error_parse_dates_column", "parse_dates names a column the file does not have.", DATES,
    'df = read_csv("fixtures/dates.csv", parse_dates=["day"])', 'no column named "day"')
err("dates_error_compare_text", "A comparison with text that is not a date.", DATES,
    'd = to_datetime(df.date)\nprint(d > "soon")', 'cannot read "soon" as a date')
err("dates_error_numbers", "to_datetime reads text; numbers are refused.", DATES,
    'print(to_datetime(df.value))', 'to_datetime reads dates written as text, but column "value" holds floats',
    'numbers are not read as dates yet: write them as text first, e.g. to_datetime(s.astype("str"), format="%Y%m%d")')
err("dates_error_errors_choice", "errors is \"raise\" or \"coerce\".", DATES,
    'print(to_datetime(df.date, errors="ignore"))', 'bad argument "errors" to to_datetime: expected one of "raise", "coerce", got "ignore" (a string)')

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
