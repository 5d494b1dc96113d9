"""Coupling of RSEI and the EG index: code = 10 × EG class + RSEI class (Han et al. 2025, section 5.1).

Each index (0–1, higher = better) is cut into three classes with two breaks
b1 < b2: class 1 if v < b1, 2 if b1 ≤ v < b2, 3 if v ≥ b2, where a value within
:data:`BREAK_TOLERANCE` of a break counts as on it. The weighted overlay
10·EG class + 1·RSEI class gives nine codes 11 … 33 (Figure 15): 33 (HH) where
both are high, 11 (LL) where both are low.
"""
import math
from dataclasses import dataclass

import numpy as np

from . import engine
from .deps import require
from .errors import CoreError, Text
from .monitor import NULL_MONITOR
from .quantiles import StreamingQuantiles
from .raster import NODATA_CLASS, RasterReader, check_same_grid, prepare_block, tile_windows
from .stats import class_areas

EQUAL_THIRDS = (1.0 / 3.0, 2.0 / 3.0)
CODES = (11, 12, 13, 21, 22, 23, 31, 32, 33)
LEVEL = {1: "L", 2: "M", 3: "H"}
EG_WORDS = {1: Text("poor land structure"), 2: Text("moderate land structure"), 3: Text("good land structure")}
RSEI_WORDS = {1: Text("poor condition"), 2: Text("moderate condition"), 3: Text("good condition")}

#: Order of the CLASSIFY choices in the algorithm.
METHODS = ("equal", "terciles", "manual")


def code_label(code):
    """'33 HH: good land structure (EG), good condition (RSEI)'."""
    e, r = divmod(int(code), 10)
    return Text("{code} {levels}: {eg} (EG), {rsei} (RSEI)", code=code, levels=LEVEL[e] + LEVEL[r], eg=EG_WORDS[e],
                rsei=RSEI_WORDS[r])


def check_breaks(breaks, name):
    b1, b2 = (float(b) for b in breaks)
    if not (math.isfinite(b1) and math.isfinite(b2)):
        raise CoreError("{name}: the breaks must be finite numbers (got {b1}, {b2}).", name=name, b1=b1, b2=b2)
    if not b1 < b2:
        raise CoreError("{name}: the first break ({b1:g}) must be lower than the second ({b2:g}).", name=name, b1=b1,
                        b2=b2)
    return (b1, b2)


#: Values this close to a break count as on the break (upper class). Window means of uniform land fall within
#: ~1e-16 (float64) or ~6e-8 (float32 storage) of 1/3 and 2/3; distinct EG′ values of an n-pixel window differ
#: by at least 1/(6n) > 2e-6 for n ≤ 83 333, so the tolerance never merges two of them.
BREAK_TOLERANCE = 1e-6


def classify3(values, breaks, tol=BREAK_TOLERANCE):
    """Class 1, 2, 3 (v < b1, v < b2, else); 0 where the value is NaN. |v − b| ≤ ``tol`` counts as v = b."""
    v = np.asarray(values, dtype=np.float64)
    b1, b2 = breaks
    for b in (b1, b2):
        v = np.where(np.abs(v - b) <= tol, b, v)
    out = np.where(v < b1, 1, np.where(v < b2, 2, 3)).astype(np.uint8)
    out[~np.isfinite(v)] = NODATA_CLASS
    return out


def couple(eg, rsei, eg_breaks=EQUAL_THIRDS, rsei_breaks=EQUAL_THIRDS):
    """10 × EG class + RSEI class, 0 (NoData) where either is NaN."""
    e = classify3(eg, eg_breaks)
    r = classify3(rsei, rsei_breaks)
    code = (10 * e + r).astype(np.uint8)
    code[(e == 0) | (r == 0)] = NODATA_CLASS
    return code


# ----------------------------------------------------------------------------- the run

@dataclass
class CouplingResult:
    eg_breaks: tuple
    rsei_breaks: tuple
    pixels: dict
    area_km2: dict
    outside: dict

    @property
    def total_area(self):
        return sum(self.area_km2.values())

    def percent(self, code):
        t = self.total_area
        return 100.0 * self.area_km2[code] / t if t > 0 else float("nan")

    def rows(self):
        """[(code, label, EG class, RSEI class, pixels, area km², percent)] for all nine codes."""
        return [(c, code_label(c), c // 10, c % 10, self.pixels[c], self.area_km2[c], self.percent(c))
                for c in CODES]


def _tercile_task(rs, eg, spec_r, spec_e, win):
    """Partial results of one window for the RSEI and EG tercile streams (pixels where both are valid)."""
    r = rs.read(win)
    e = eg.read(win)
    ok = np.isfinite(r) & np.isfinite(e)
    return spec_r.summarize(r[ok]), spec_e.summarize(e[ok])


def _couple_task(rs, eg, eg_breaks, rsei_breaks, kind, win):
    """One window: the coupling codes (prepared for writing), values outside 0–1, code counts and areas."""
    r = rs.read(win)
    e = eg.read(win)
    outside = []
    for v in (r, e):
        f = v[np.isfinite(v)]
        outside.append(int(np.count_nonzero((f < 0) | (f > 1))))
    code = couple(e, r, eg_breaks, rsei_breaks)
    rows_area = rs.grid.row_pixel_areas_km2(int(win.row_off), int(win.row_off + win.height))
    cnt, aa = class_areas(code, rows_area, 34)
    block = prepare_block(code, *kind) if kind is not None else None
    return block, outside[0], outside[1], cnt, aa


def run_coupling(rsei_path, eg_path, out_path=None, tx=None, method="equal", rsei_breaks=None, eg_breaks=None,
                 resample=None, monitor=NULL_MONITOR):
    """Classify RSEI and EG into thirds and write 10 × EG class + RSEI class (uint8, 0 = NoData).

    ``resample``: None (grids must match) or a resampling name to read EG onto the RSEI grid.
    ``method``: 'equal' (1/3, 2/3), 'terciles' (exact terciles over pixels where both are valid,
    :mod:`.quantiles`) or 'manual' (``rsei_breaks``, ``eg_breaks``).
    """
    require(("rasterio",))
    if method not in METHODS:
        raise CoreError("Unknown classification '{method}'; use one of {methods}.", method=method,
                        methods=', '.join(METHODS))
    with RasterReader(rsei_path, "RSEI") as rs:
        with RasterReader(eg_path, "EG", grid=rs.grid if resample else None, resampling=resample) as eg:
            grid = check_same_grid([rs, eg], reference=rs)

            windows = tile_windows(grid, 48, [rs, eg])

            if method == "equal":
                rb = eb = EQUAL_THIRDS
            elif method == "manual":
                if rsei_breaks is None or eg_breaks is None:
                    raise CoreError("Manual classification needs RSEI_BREAKS and EG_BREAKS (two numbers each).")
                rb = check_breaks(rsei_breaks, "RSEI_BREAKS")
                eb = check_breaks(eg_breaks, "EG_BREAKS")
            else:
                qr = StreamingQuantiles((1 / 3, 2 / 3))
                qe = StreamingQuantiles((1 / 3, 2 / 3))
                for k in range(3):
                    if qr.trivial and qe.trivial:
                        break
                    task = engine.bind(_tercile_task, rs, eg, qr.spec(), qe.spec())
                    with engine.ordered(task, windows, monitor.sub(0.2 * k, 0.2 * (k + 1))) as parts:
                        for _, (pr, pe) in parts:
                            qr.merge(pr)
                            qe.merge(pe)
                    qr.next_pass()
                    qe.next_pass()
                rb = tuple(qr.result())
                eb = tuple(qe.result())
                if not all(math.isfinite(b) for b in rb + eb):
                    raise CoreError("RSEI and EG have no pixel where both are valid, so there are no terciles.")
            pixels = {c: 0 for c in CODES}
            area = {c: 0.0 for c in CODES}
            outside = {"RSEI": 0, "EG": 0}
            writer = tx.raster(out_path, grid, dtype="uint8", nodata=NODATA_CLASS,
                               descriptions=["10 x EG class + RSEI class"]) if out_path else None
            start = 0.6 if method == "terciles" else 0.0
            kind = (writer.dtype, writer.nodata) if writer is not None else None
            task = engine.bind(_couple_task, rs, eg, eb, rb, kind)
            with engine.ordered(task, windows, monitor.sub(start, 1.0)) as parts:
                for win, (block, out_r, out_e, cnt, aa) in parts:
                    outside["RSEI"] += out_r
                    outside["EG"] += out_e
                    if writer is not None:
                        writer.write_prepared(win, block)
                    for c in CODES:
                        pixels[c] += int(cnt[c])
                        area[c] += float(aa[c])
            if writer is not None:
                writer.write_colormap({c: _COLORS[c] for c in CODES})
    for key, count in outside.items():
        if count:
            monitor.warn("Input '{key}': {count} pixel(s) lie outside 0–1; is it an index normalised to 0–1 with "
                         "higher = better (RSEI from rsei:rsei, EG from rsei:egindex)?", key=key, count=count)
    return CouplingResult(eb, rb, pixels, area, outside)


#: Colours of the coupling codes (also in resources/styles/coupling.qml): HH and LL saturated
#: (dark green, dark red), the seven mixed codes pastel so that the two stand out.
_COLORS = {
    11: (178, 24, 43, 255), 12: (244, 165, 130, 255), 13: (253, 219, 199, 255),
    21: (254, 232, 200, 255), 22: (240, 240, 240, 255), 23: (217, 240, 211, 255),
    31: (194, 165, 207, 255), 32: (166, 219, 160, 255), 33: (0, 98, 45, 255),
}
