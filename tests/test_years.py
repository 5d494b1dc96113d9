"""core.years: the year of each input of a series (senmk, rseiseries, egindex SERIES)."""
import pytest

from rsei_toolbox.core.errors import CoreError
from rsei_toolbox.core.years import parse_years


def test_years_from_the_list():
    assert parse_years("2000, 2002,2005", ["a", "b", "c"]) == ([2000, 2002, 2005], "YEARS parameter")
    assert parse_years(" 1990; 1991 1992 ", ["a", "b", "c"])[0] == [1990, 1991, 1992]
    years, _ = parse_years("2000.5, 2001", ["a", "b"])
    assert years == [2000.5, 2001] and isinstance(years[1], int)


def test_years_from_file_names():
    names = ["/a/rsei_2001.tif", "rsei2003b.tif", "x-1999-y.tif"]
    assert parse_years("", names) == ([2001, 2003, 1999], "file names")
    assert parse_years(None, ["/a/LC08_2003_x.tif", "b-1899.tif"])[0] == [2003, 1899]


def test_names_without_one_year_fall_back_to_1_to_n_or_fail():
    # An acquisition date (20151205) is not a year; two years in one name are ambiguous.
    for names in (["LC08_20151205.tif", "b.tif"], ["rsei_2000_2012.tif", "rsei_2012_2024.tif"]):
        years, source = parse_years("", names)
        assert years == [1, 2] and source.startswith("1…n")
    with pytest.raises(CoreError, match="'nodate.tif': its name has no four-digit year"):
        parse_years("", ["a_2000.tif", "nodate.tif"], names_required=True)
    with pytest.raises(CoreError, match="more than one four-digit year"):
        parse_years("", ["rsei_2000_2012.tif"], names_required=True)


@pytest.mark.parametrize("text, names, message", [
    ("2000,2001", ["a", "b", "c"], "YEARS lists 2 value"),
    ("2000,abc", ["a", "b"], "'abc' is not a number"),
    ("2000,nan", ["a", "b"], "finite"),
    ("2000,2001,2000", ["a", "b", "c"], "Duplicate year"),
    ("", ["a_2005.tif", "b_2005.tif"], r"Duplicate year\(s\) 2005 \(from the file names\)"),
])
def test_bad_years(text, names, message):
    with pytest.raises(CoreError, match=message):
        parse_years(text, names)
