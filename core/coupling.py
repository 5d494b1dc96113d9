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

from .deps import require
from .errors import CoreError
from .monitor import NULL_MONITOR
from .raster import NODATA_CLASS, RasterReader, check_same_grid, iter_windows
from .stats import class_areas

EQUAL_THIRDS = (1.0 / 3.0, 2.0 / 3.0)
CODES = (11, 12, 13, 21, 22, 23, 31, 32, 33)
LEVEL = {1: "L", 2: "M", 3: "H"}
EG_WORDS = {1: "poor land structure", 2: "moderate land structure", 3: "good land structure"}
RSEI_WORDS = {1: "poor condition", 2: "moderate condition", 3: "good condition"}

#: Order of the CLASSIFY choices in the algorithm.
METHODS = ("equal", "terciles", "manual")


def code_label(code):
    """'33 HH: good land structure (EG), good condition (RSEI)'."""
    e, r = divmod(int(code), 10)
    return f"{code} {LEVEL[e]}{LEVEL[r]}: {EG_WORDS[e]} (EG), {RSEI_WORDS[r]} (RSEI)"


def check_breaks(breaks, name):
    b1, b2 = (float(b) for b in breaks)
    if not (math.isfinite(b1) and math.isfinite(b2)):
        raise CoreError(f"{name}: the breaks must be finite numbers (got {b1}, {b2}).")
    if not b1 < b2:
        raise CoreError(f"{name}: the first break ({b1:g}) must be lower than the second ({b2:g}).")
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


# ----------------------------------------------------------------------------- exact terciles

def quantile_ranks(n, probs):
    """Ranks (0-based) and weights of numpy's default ('linear', Hyndman–Fan type 7) quantile."""
    out = []
    for p in probs:
        h = (n - 1) * p
        lo = int(math.floor(h))
        out.append((lo, min(lo + 1, n - 1), h - lo))
    return out


class StreamingQuantiles:
    """Exact quantiles (numpy 'linear' definition) of values streamed in blocks, in three passes.

    Feed every block to :meth:`add` once per pass and call :meth:`next_pass` between
    passes. Pass 1: count and min/max; pass 2: a histogram of ``bins`` bins; pass 3:
    the distinct values (with counts) of the bins that hold the needed ranks. Memory
    is bounded by the distinct values in those bins, not by the raster size.
    """

    def __init__(self, probs, bins=4096):
        self.probs = tuple(probs)
        self.bins = bins
        self.stage = 1
        self.n = 0
        self.lo, self.hi = math.inf, -math.inf
        self.scale = self.cum = self.ranks = None
        self.counts = np.zeros(bins, dtype=np.int64)
        self.collected = {}

    @property
    def trivial(self):
        """True after pass 1 when no further pass is needed (no values, or all equal)."""
        return self.stage > 1 and (self.n == 0 or self.lo == self.hi)

    def _bin(self, v):
        # floor((v − lo)·scale) is monotone in v, so bins partition the sorted values consistently
        # in passes 2 and 3 (bin edges need not be exact).
        idx = ((v - self.lo) * self.scale).astype(np.int64)
        return np.clip(idx, 0, self.bins - 1, out=idx)

    def add(self, v):
        v = np.asarray(v, dtype=np.float64).ravel()
        if not v.size or self.trivial:
            return
        if self.stage == 1:
            self.n += v.size
            self.lo = min(self.lo, float(v.min()))
            self.hi = max(self.hi, float(v.max()))
        elif self.stage == 2:
            self.counts += np.bincount(self._bin(v), minlength=self.bins)
        else:
            b = self._bin(v)
            for nb, d in self.collected.items():
                sel = v[b == nb]
                if sel.size:
                    u, c = np.unique(sel, return_counts=True)
                    for val, cnt in zip(u.tolist(), c.tolist()):
                        d[val] = d.get(val, 0) + cnt

    def next_pass(self):
        if self.stage == 1 and not (self.n == 0 or self.lo == self.hi):
            scale = self.bins / (self.hi - self.lo)
            self.scale = scale if math.isfinite(scale) else 0.0  # a tiny range: one bin
        elif self.stage == 2 and not self.trivial:
            self.cum = np.cumsum(self.counts)
            self.ranks = quantile_ranks(self.n, self.probs)
            needed = {self._bin_of_rank(r) for lo_r, hi_r, _ in self.ranks for r in (lo_r, hi_r)}
            self.collected = {b: {} for b in sorted(needed)}
        self.stage += 1

    def _bin_of_rank(self, rank):
        return int(np.searchsorted(self.cum, rank, side="right"))

    def _value_at(self, rank):
        b = self._bin_of_rank(rank)
        k = rank - (int(self.cum[b - 1]) if b > 0 else 0)
        d = self.collected[b]
        for val in sorted(d):
            k -= d[val]
            if k < 0:
                return val
        raise AssertionError("rank not found")  # pragma: no cover - counts are consistent by construction

    def result(self):
        if self.n == 0:
            return [float("nan")] * len(self.probs)
        if self.lo == self.hi:
            return [self.lo] * len(self.probs)
        out = []
        for a, b, w in self.ranks:
            va = self._value_at(a)
            out.append(_lerp(va, self._value_at(b), w) if w else va)
        return out


def _lerp(a, b, t):
    """Linear interpolation exactly as numpy's quantile does it (numpy ≥ 1.22)."""
    d = b - a
    return b - d * (1 - t) if t >= 0.5 else a + d * t


def exact_quantiles(blocks, probs, bins=4096):
    """Exact quantiles of the 1-D arrays that the callable ``blocks`` yields (called once per pass)."""
    q = StreamingQuantiles(probs, bins)
    for _ in range(3):
        if q.trivial:
            break
        for v in blocks():
            q.add(v)
        q.next_pass()
    return q.result()


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


def run_coupling(rsei_path, eg_path, out_path=None, tx=None, method="equal", rsei_breaks=None, eg_breaks=None,
                 resample=None, monitor=NULL_MONITOR):
    """Classify RSEI and EG into thirds and write 10 × EG class + RSEI class (uint8, 0 = NoData).

    ``resample``: None (grids must match) or a resampling name to read EG onto the RSEI grid.
    ``method``: 'equal' (1/3, 2/3), 'terciles' (exact terciles over pixels where both are valid)
    or 'manual' (``rsei_breaks``, ``eg_breaks``).
    """
    require(("rasterio",))
    if method not in METHODS:
        raise CoreError(f"Unknown classification '{method}'; use one of {', '.join(METHODS)}.")
    with RasterReader(rsei_path, "RSEI") as rs:
        with RasterReader(eg_path, "EG", grid=rs.grid if resample else None, resampling=resample) as eg:
            grid = check_same_grid([rs, eg], reference=rs)

            def pairs(mon=NULL_MONITOR):
                for win in iter_windows(grid, 48, mon):
                    r = rs.read(win)
                    e = eg.read(win)
                    yield win, r, e

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
                    for _, r, e in pairs(monitor.sub(0.2 * k, 0.2 * (k + 1))):
                        ok = np.isfinite(r) & np.isfinite(e)
                        qr.add(r[ok])
                        qe.add(e[ok])
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
            for win, r, e in pairs(monitor.sub(start, 1.0)):
                for key, v in (("RSEI", r), ("EG", e)):
                    f = v[np.isfinite(v)]
                    outside[key] += int(np.count_nonzero((f < 0) | (f > 1)))
                code = couple(e, r, eb, rb)
                if writer is not None:
                    writer.write(win, code)
                rows_area = grid.row_pixel_areas_km2(int(win.row_off), int(win.row_off + win.height))
                cnt, aa = class_areas(code, rows_area, 34)
                for c in CODES:
                    pixels[c] += int(cnt[c])
                    area[c] += float(aa[c])
            if writer is not None:
                writer.write_colormap({c: _COLORS[c] for c in CODES})
    for key, count in outside.items():
        if count:
            monitor.warn(f"Input '{key}': {count} pixel(s) lie outside 0–1; is it an index normalised to 0–1 "
                         "with higher = better (RSEI from rsei:rsei, EG from rsei:egindex)?")
    return CouplingResult(eb, rb, pixels, area, outside)


#: Colours of the coupling codes (also in resources/styles/coupling.qml): HH and LL saturated
#: (dark green, dark red), the seven mixed codes pastel so that the two stand out.
_COLORS = {
    11: (178, 24, 43, 255), 12: (244, 165, 130, 255), 13: (253, 219, 199, 255),
    21: (254, 232, 200, 255), 22: (240, 240, 240, 255), 23: (217, 240, 211, 255),
    31: (194, 165, 207, 255), 32: (166, 219, 160, 255), 33: (0, 98, 45, 255),
}
