"""The year of each input of a time series (from a YEARS list or the file names) and the months of a season."""
import math
import os
import re

from .errors import CoreError, Text

#: A four-digit year (1800–2199) not inside a longer number (so LC08_20151205 gives none).
YEAR_IN_NAME = re.compile(r"(?<!\d)(1[89]\d\d|2[01]\d\d)(?!\d)")


def parse_years(text, paths, parameter="YEARS", names_required=False, unique=True):
    """Years of ``paths``: from ``text`` ("2000, 2005; 2010"), or else the one four-digit year in each file name.

    When some file name has no single year: 1…n, or an error if ``names_required``.
    Integral years come back as ``int``. Returns ``(years, how they were found)``.
    Raises :class:`CoreError` for a wrong count, a non-number or (when ``unique``, the default) a duplicate
    year; ``unique=False`` allows repeated years (several variables per year, as in rsei:zonalseries).
    """
    paths = [str(p) for p in paths]
    text = str(text or "").strip()
    if text:
        years = []
        for part in (p for p in re.split(r"[,;\s]+", text) if p):
            try:
                value = float(part)
            except ValueError:
                raise CoreError("{parameter}: '{part}' is not a number; give one number per input, separated by "
                                "commas.", parameter=parameter, part=part) from None
            if not math.isfinite(value):
                raise CoreError("{parameter}: every year must be a finite number, not '{part}'.", parameter=parameter,
                                part=part)
            years.append(int(value) if value.is_integer() else value)
        if len(years) != len(paths):
            raise CoreError("{parameter} lists {n_years} value(s) but {n_paths} input raster(s) were given; give "
                            "exactly one year per input, in the order of the inputs.", parameter=parameter,
                            n_years=len(years), n_paths=len(paths))
        source = Text("{parameter} parameter", parameter=parameter)
    else:
        found = [set(YEAR_IN_NAME.findall(os.path.basename(p))) for p in paths]
        unclear = [(p, f) for p, f in zip(paths, found) if len(f) != 1]
        if not unclear:
            years = [int(f.pop()) for f in found]
            source = Text("file names")
        elif names_required:
            path, years_found = unclear[0]
            if not years_found:
                raise CoreError("Cannot tell the year of '{path}': its name has no four-digit year. Give the years "
                                "in {parameter}, in the order of the inputs.", path=os.path.basename(path),
                                parameter=parameter)
            raise CoreError("Cannot tell the year of '{path}': its name has more than one four-digit year. Give the "
                            "years in {parameter}, in the order of the inputs.", path=os.path.basename(path),
                            parameter=parameter)
        else:
            years = list(range(1, len(paths) + 1))
            source = Text("1…n (no single four-digit year in every file name)")
    duplicates = sorted({y for y in years if years.count(y) > 1}) if unique else []
    if duplicates:
        raise CoreError("Duplicate year(s) {duplicates} (from the {source}); each input must have its own year. Set "
                        "{parameter} explicitly.", duplicates=', '.join(f'{y:g}' for y in duplicates), source=source,
                        parameter=parameter)
    return years, source


def parse_months(text):
    """Months from '6-9', '1-12', '5,6,7', '11-2' (wrap-around) or a mix; returns a sorted tuple."""
    text = (text or "").strip()
    if not text:
        raise CoreError("MONTHS is empty; give a range such as 6-9 or a list such as 5,6,7.")
    months = set()
    for part in text.replace(" ", "").split(","):
        m = re.fullmatch(r"(\d{1,2})(?:-(\d{1,2}))?", part)
        if not m:
            raise CoreError("MONTHS: '{part}' is not a month or a range of months (e.g. 6-9, 11-2, 5,6,7).", part=part)
        a = int(m.group(1))
        b = int(m.group(2)) if m.group(2) else a
        for v in (a, b):
            if not 1 <= v <= 12:
                raise CoreError("MONTHS: {v} is not a month (1–12).", v=v)
        if a <= b:
            months.update(range(a, b + 1))
        else:  # wrap around the year end, e.g. 11-2 = Nov, Dec, Jan, Feb
            months.update(range(a, 13))
            months.update(range(1, b + 1))
    return tuple(sorted(months))


def parse_year_list(text, parameter="YEARS"):
    """Years from '2000-2024', '2000,2005,2010' or a mix ('2000-2003, 2010'); sorted, unique."""
    text = str(text or "").strip()
    if not text:
        raise CoreError("{parameter} is empty; give a range such as 2000-2024 or a list such as 2000,2005,2010.",
                        parameter=parameter)
    years = set()
    for part in (p for p in re.split(r"[,;\s]+", text) if p):
        m = re.fullmatch(r"(\d{4})(?:-(\d{4}))?", part)
        if not m:
            raise CoreError("{parameter}: '{part}' is not a year or a range of years (e.g. 2000-2024, 2000,2005).",
                            parameter=parameter, part=part)
        a = int(m.group(1))
        b = int(m.group(2) or a)
        if b < a:
            raise CoreError("{parameter}: the range '{part}' runs backwards.", parameter=parameter, part=part)
        for y in (a, b):
            if not 1972 <= y <= 2100:
                raise CoreError("{parameter}: {y} is not a Landsat year (1972 onwards).", parameter=parameter, y=y)
        years.update(range(a, b + 1))
    return sorted(years)
