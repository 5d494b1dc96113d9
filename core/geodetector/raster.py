"""Geodetector raster mode: Y and factor rasters on one grid, every valid pixel or a seeded sample.

The sample is the bottom-k of a SplitMix64 hash of each pixel's linear index (:func:`pixel_keys`,
:class:`BottomK`), so it depends on the seed and the grid only, not on the block layout. With
every pixel, per-stratum moments are accumulated block by block and handed to
:func:`~.detectors.analyse_moments`.
"""
import itertools
import math
from dataclasses import dataclass

import numpy as np

from .. import discretize as disc
from ..errors import CoreError, Text
from ..monitor import NULL_MONITOR
from .. import engine
from ..raster import RasterReader, check_same_grid, tile_windows
from .detectors import Moments, Result, analyse, analyse_moments, sst
from .stratify import CATEGORICAL, Factor, stratify, value_label


#: Most distinct values a categorical factor raster may have (pair tables stay ≤ 65 536 strata).
MAX_CATEGORIES = 256
#: Pixels sampled to set the breaks of continuous factors when every pixel is used.
BREAK_SAMPLE = 200_000

_M64 = (1 << 64) - 1


def _splitmix(z):
    """SplitMix64 finaliser on a uint64 array (a fast, well-mixed hash)."""
    z = z ^ (z >> np.uint64(30))
    z = z * np.uint64(0xBF58476D1CE4E5B9)
    z = z ^ (z >> np.uint64(27))
    z = z * np.uint64(0x94D049BB133111EB)
    return z ^ (z >> np.uint64(31))


def pixel_keys(index, seed):
    """Pseudo-random uint64 key of each pixel (by its linear index) for a seed.

    Keeping the pixels with the k smallest keys gives a uniform random sample without
    replacement that depends only on the seed and the grid — not on the block layout.
    """
    mix = np.uint64((int(seed) * 0x9E3779B97F4A7C15 + 0x632BE59BD9B4E019) & _M64)
    with np.errstate(over="ignore"):
        return _splitmix(index.astype(np.uint64) * np.uint64(0x9E3779B97F4A7C15) + mix)


class BottomK:
    """The k valid pixels with the smallest keys seen so far, with their values."""

    def __init__(self, k, columns):
        self.k = int(k)
        self.keys = np.empty(0, dtype=np.uint64)
        self.values = np.empty((0, columns))

    def add(self, keys, values):
        if self.k <= 0 or keys.size == 0:
            return
        if self.keys.size >= self.k:
            sel = keys < self.keys.max()
            keys, values = keys[sel], values[sel]
            if keys.size == 0:
                return
        keys = np.concatenate([self.keys, keys])
        values = np.concatenate([self.values, values])
        if keys.size > self.k:
            part = np.argpartition(keys, self.k - 1)[:self.k]
            keys, values = keys[part], values[part]
        self.keys, self.values = keys, values

    def sorted_values(self):
        return self.values[np.argsort(self.keys, kind="stable")]


class CellAccumulator:
    """Count and sum of (Y − shift) per cell of all factors' combined strata, over blocks (LESH, every pixel).

    A cell is one combination of the factors' stratum codes, keyed in mixed radix (int64). Only
    cells that occur are kept (at most the number of valid pixels, at most Π strata); blocks'
    partial tables are merged whenever they outgrow the merged table.
    """

    def __init__(self, names, sizes, shift):
        self.names, self.sizes, self.shift = list(names), [int(z) for z in sizes], float(shift)
        if math.prod(self.sizes) >= 2 ** 62:
            raise CoreError("OUTPUT_LESH: the factors' combined strata are too many to key over every pixel ({sizes} ≥ "
                            "2^62); use SAMPLE_SIZE > 0 or fewer strata.", sizes=' × '.join(map(str, self.sizes)))
        self.radix = np.cumprod([1] + self.sizes[:0:-1])[::-1].astype(np.int64)   # key = Σ code_j · radix_j
        self.parts, self.pending = [], 0
        self.merged = 0

    def add(self, codes, y):
        """Add one window: ``codes`` one array per factor, ``y`` the window's valid Y values."""
        self.add_part(cell_partial(codes, y, self.radix, self.shift))

    def add_part(self, part):
        """Add one window's partial table (:func:`cell_partial`, computed in the window's task)."""
        self.parts.append(part)
        self.pending += part[0].size
        if self.pending > 4 * self.merged + 1_000_000:
            self._merge()

    def _merge(self):
        keys = np.concatenate([p[0] for p in self.parts])
        uniq, inv = np.unique(keys, return_inverse=True)
        inv = inv.ravel()
        n = np.bincount(inv, weights=np.concatenate([p[1] for p in self.parts]), minlength=uniq.size)
        s = np.bincount(inv, weights=np.concatenate([p[2] for p in self.parts]), minlength=uniq.size)
        self.parts = [(uniq, n, s)]
        self.merged = self.pending = uniq.size

    def lesh(self, total):
        """LESH over every pixel; ``total`` = (N, Σ(y − shift), Σ(y − shift)²) of all valid pixels."""
        from .models import lesh_cells
        self._merge()
        keys, n, s = self.parts[0]
        codes, rest = [], keys
        for r in self.radix:
            c, rest = np.divmod(rest, r)
            codes.append(c)
        d = total[1] / total[0]            # ȳ − shift: centre the cell sums on the mean of Y
        return lesh_cells(self.names, codes, self.sizes, n, s - n * d, sst(total))


def cell_partial(codes, y, radix, shift):
    """One window's cells: (keys that occur, pixel count, Σ(y − shift)) — a partial of :class:`CellAccumulator`."""
    key = np.zeros(y.size, dtype=np.int64)
    for c, r in zip(codes, radix):
        key += c.astype(np.int64) * r
    uniq, inv = np.unique(key, return_inverse=True)
    inv = inv.ravel()
    return (uniq, np.bincount(inv, minlength=uniq.size).astype(np.float64),
            np.bincount(inv, weights=y - shift, minlength=uniq.size))


def _window_codes(vals, built):
    """Stratum codes of one window's valid pixels for each factor (categorical: index of the value)."""
    codes = []
    for i, (fac, cat_values) in enumerate(built):
        x = vals[:, i + 1]
        if cat_values is not None:
            codes.append(np.searchsorted(cat_values, x).astype(np.int64))
        else:
            codes.append(disc.classify(x, fac.breaks))
    return codes


@dataclass
class RasterRun:
    result: Result
    valid: int
    nodata: int
    sample: int
    notes: list


def _valid_block(readers, win):
    """(pixels × (1 + factors) values valid in Y and every factor, their mask) of one window, or None."""
    block = np.stack([r.read(win).ravel() for r in readers], axis=1)
    ok = np.all(np.isfinite(block), axis=1)
    if not ok.any():
        return None, ok
    return block[ok], ok


def _sample_task(readers, categorical, keep, seed, win):
    """Pass 1 of one window: valid count, distinct values of the categorical factors, the window's bottom-k."""
    vals, ok = _valid_block(readers, win)
    if vals is None:
        return None
    distinct = {i: np.unique(vals[:, i + 1]).tolist() for i in categorical}
    rows, cols = np.divmod(np.flatnonzero(ok), win.width)
    index = (rows + win.row_off) * readers[0].grid.width + cols + win.col_off
    # The window's own k smallest keys: the k smallest of the union are among them (keys are distinct).
    local = BottomK(keep, vals.shape[1])
    local.add(pixel_keys(index, seed), vals)
    return vals.shape[0], distinct, local.keys, local.values


def _moments_task(readers, built, pairs, shift, radix, win):
    """Pass 2 of one window: per-stratum moments of Y for every factor and every pair of factors, and (with
    ``radix``, for LESH) the window's table of the factors' combined strata (:func:`cell_partial`)."""
    vals, _ = _valid_block(readers, win)
    if vals is None:
        return None
    y = vals[:, 0]
    codes = _window_codes(vals, built)
    f_parts = [Moments.from_codes(codes[i], y, fac.size, shift) for i, (fac, _) in enumerate(built)]
    p_parts = []
    for a, b in pairs:
        fa, fb = built[a][0], built[b][0]
        p_parts.append(Moments.from_codes(codes[a] * fb.size + codes[b], y, fa.size * fb.size, shift))
    c_part = cell_partial(codes, y, radix, shift) if radix is not None else None
    return f_parts, p_parts, c_part


def raster_geodetector(y_path, factor_paths, names, categorical, method, k, kmin, kmax, sample_size=0, seed=1,
                       monitor=NULL_MONITOR, lesh=False, bootstrap=0):
    """Geodetector on rasters: Y and factor rasters on one grid (band 1 of each).

    ``sample_size`` > 0: a seeded random sample of that many valid pixels (bottom-k of a
    per-pixel hash, reproducible and independent of the block layout) is analysed like a
    table. 0: every valid pixel. Continuous factors then get their breaks from a sample of
    :data:`BREAK_SAMPLE` pixels (the optimal method also chooses there); a second pass
    classifies every pixel block by block and accumulates count, sum and sum of squares of
    Y per stratum and per pair of strata, which is all q, its p-value and the other detectors
    need. Memory stays bounded by the block size and the sample.

    ``lesh``: also the LESH Shapley decomposition (sample: :func:`.models.lesh`; every pixel:
    :class:`CellAccumulator` over the blocks, then :func:`.models.lesh_cells` — the same values).
    ``bootstrap`` > 0 (sample only): that many bootstrap replicates of q, seeded by ``seed``
    (:mod:`.confidence`).
    """
    nf = len(factor_paths)
    if nf < 1:
        raise CoreError("FACTORS: give at least one factor raster.")
    categorical = set(range(nf)) if method == CATEGORICAL else set(categorical)
    readers = [RasterReader(y_path, "Y")] + [RasterReader(p, f"FACTORS ({n})") for p, n in zip(factor_paths, names)]
    try:
        grid = check_same_grid(readers)
        keep = int(sample_size) if sample_size and sample_size > 0 else BREAK_SAMPLE
        reservoir = BottomK(keep, nf + 1)
        cats = {i: set() for i in categorical}
        valid_count = 0
        bpp = 8 * (nf + 1) * 4
        windows = tile_windows(grid, bpp + 8 * nf, readers)
        task = engine.bind(_sample_task, readers, sorted(categorical), keep, seed)
        with engine.ordered(task, windows, monitor.sub(0.0, 0.45 if not sample_size else 0.8)) as parts:
            for win, part in parts:
                if part is None:
                    continue
                n_valid, distinct, keys, vals = part
                valid_count += n_valid
                for i, values in distinct.items():
                    cats[i].update(values)
                    if len(cats[i]) > MAX_CATEGORIES:
                        raise CoreError("Factor '{name}' is used as categorical (METHOD 0 or CATEGORICAL_FACTORS) but "
                                        "has more than {max_categories} distinct values; treat it as continuous "
                                        "(METHOD 1–6) or reclassify it.", name=names[i], max_categories=MAX_CATEGORIES)
                reservoir.add(keys, vals)
        total_pixels = grid.width * grid.height
        if valid_count < 2:
            raise CoreError("Only {valid_count} pixel(s) are valid in Y and every factor; at least two are needed.",
                            valid_count=valid_count)
        sample = reservoir.sorted_values()
        ys = sample[:, 0]
        notes = [Text("Grid {width} × {height} pixels; {valid} valid in Y and every factor, {dropped} dropped as "
                      "NoData in Y or a factor.", width=grid.width, height=grid.height, valid=valid_count,
                      dropped=total_pixels - valid_count)]
        if np.ptp(ys) == 0:
            raise CoreError("Y is constant over the valid pixels: q is undefined.")

        def factor_from_sample(i):
            x = sample[:, i + 1]
            if i in categorical:
                values = np.array(sorted(cats[i]))
                return Factor(names[i], None, values.size, [value_label(v) for v in values],
                              Text("categorical")), values
            return stratify(names[i], x, method, k, kmin, kmax, ys), None

        if sample_size and sample_size > 0:
            factors = [stratify(names[i], sample[:, i + 1], method, k, kmin, kmax, ys,
                                categorical=i in categorical) for i in range(nf)]
            notes.append(Text("Random sample of {size} of these pixels (SEED {seed}).", size=ys.size, seed=seed))
            result = analyse(ys, factors, monitor.sub(0.8, 0.9))
            if lesh:
                from .models import lesh as lesh_of
                result.lesh = lesh_of(ys, factors)
            if bootstrap:
                from .confidence import bootstrap_q
                result.bootstrap = bootstrap_q(ys, factors, bootstrap, seed, monitor.sub(0.9, 1.0))
            return RasterRun(result, valid_count, total_pixels - valid_count, int(ys.size), notes)

        built = [factor_from_sample(i) for i in range(nf)]
        factors = [f for f, _ in built]
        cont = [i for i in range(nf) if built[i][1] is None]
        if cont:
            notes.append(Text("All {valid} valid pixels used; breaks of the continuous factors set on a random "
                              "sample of {size} pixels (SEED {seed}).", valid=valid_count, size=ys.size, seed=seed))
        shift = float(ys.mean())
        fm = {f.name: Moments.zeros(f.size, shift) for f in factors}
        pairs = list(itertools.combinations(range(nf), 2))
        pm = {(factors[a].name, factors[b].name): Moments.zeros(factors[a].size * factors[b].size, shift)
              for a, b in pairs}
        cells = CellAccumulator([f.name for f in factors], [f.size for f in factors], shift) if lesh else None
        task = engine.bind(_moments_task, readers, built, pairs, shift, cells.radix if cells is not None else None)
        with engine.ordered(task, windows, monitor.sub(0.45, 0.95)) as parts:
            for win, part in parts:
                if part is None:
                    continue
                f_parts, p_parts, c_part = part
                for fac, m in zip(factors, f_parts):
                    fm[fac.name].add(m)
                for (a, b), m in zip(pairs, p_parts):
                    pm[(factors[a].name, factors[b].name)].add(m)
                if cells is not None:
                    cells.add_part(c_part)
        result = analyse_moments(fm, pm, factors)
        if cells is not None:
            result.lesh = cells.lesh(fm[factors[0].name].total())
        monitor.report(1.0)
        return RasterRun(result, valid_count, total_pixels - valid_count, valid_count, notes)
    finally:
        for r in readers:
            r.close()
