"""Remote sensing ecological index (RSEI) by principal components, streamed block by block.

Method (Xu 2013; Han et al. 2025, section 3.1, eq. 12–13):

1. A pixel takes part only where all four indicators (NDVI, WET, NDBSI, LST) are
   valid and it is not excluded by a mask.
2. Each indicator is min–max normalised over those pixels (eq. 12), optionally
   after clipping to the p-th and (100 − p)-th percentiles.
3. PCA on the covariance matrix of the normalised indicators, computed exactly
   over all taking-part pixels.
4. PC1 is oriented so that loading(NDVI) + loading(WET) − loading(NDBSI) −
   loading(LST) > 0: a higher RSEI always means better ecology, whatever sign the
   eigen-solver returns.
5. RSEI = (PC1 − PC1min) / (PC1max − PC1min) (eq. 13), with PC1min/PC1max the exact
   extremes of PC1 over the taking-part pixels.

Passes over the data (each block by block, memory independent of raster size):

* pass 1: per-indicator min, max and the exact covariance of the raw indicators
  (:class:`~.stats.RunningCovariance`). Without clipping, the covariance of the
  normalised indicators follows exactly from it, cov' = D·cov·D with
  D = diag(1/(max − min)), because eq. 12 is affine — so no separate pass is needed.
* with clipping only: a histogram pass (percentiles) and a covariance pass over
  the clipped, normalised values;
* PC1 range pass: PC1 is linear in the inputs, so its extremes over the pixels
  (not over the corners of the box) need one more read;
* write pass: RSEI, grades and grade areas (the grades and their areas: :mod:`.grades`).

When an output is written, pass 1 keeps each window's indicator stack in a scratch file beside it
(:mod:`.spill`, :class:`SpilledSource`; 16 bytes per pixel for float32 inputs), and the later passes read
that instead of decoding the inputs again: the inputs are read once. On a Dask cluster (whose workers cannot
read the client's scratch file), or when the disk is short of room, every pass reads the inputs.
"""
import os
from dataclasses import dataclass, field

import numpy as np

from . import indices
from .errors import CoreError, Text
from .grades import area_table, grade, grade_areas
from .monitor import NULL_MONITOR
from .quantiles import StreamingQuantiles, limit_collection
from . import engine, spill
from .raster import RasterReader, check_same_grid, prepare_block, tile_windows
from .stats import RunningCovariance, RunningStats, merge_covariances

#: The four indicators, in the order used everywhere (arrays, loadings, tables).
INDICATORS = ("NDVI", "WET", "NDBSI", "LST")
#: Expected direction of each indicator in a good ecology: greenness and wetness +, dryness and heat −.
ORIENTATION = np.array([1.0, 1.0, -1.0, -1.0])
#: The paper's threshold for PC1's share of the variance (section 3.1).
PC1_THRESHOLD = 60.0
#: Bins of the streaming histogram used for percentile clipping.
HIST_BINS = 1 << 20
#: Most pixels (over all needed histogram bins) collected to find the percentiles exactly.
REFINE_LIMIT = 4_000_000
#: Working bytes per pixel of a block (stack, normalised copy, PC1, grades, masks).
BYTES_PER_PIXEL = 200
#: Wetness coefficient sets a user may choose (core.indices.WETNESS_COEFFICIENTS keys).
SENSORS = ("TM", "ETM", "OLI")
#: The keys of :data:`INDICATORS` in core.indices.indicators_from_bands.
INDICATOR_KEYS = ("ndvi", "wet", "ndbsi", "lst")


# ----------------------------------------------------------------------------- indicator sources

class Source:
    """Where the four indicators of one image (one year) come from, block by block.

    :meth:`block` returns a (4, h, w) float64 stack with NaN where an indicator is
    NoData, and a boolean array of pixels excluded by a mask.
    """

    label = ""
    names = INDICATORS
    grid = None
    #: Working memory per pixel of a block (sets the block height within the budget).
    bytes_per_pixel = BYTES_PER_PIXEL

    def block(self, window):
        raise NotImplementedError

    def readers_list(self):
        """The rasters read (their tile layout sets the windows)."""
        return []

    def windows(self):
        """The windows of the engine walk (:func:`~.raster.tile_windows`), the same for every pass."""
        return tile_windows(self.grid, self.bytes_per_pixel, self.readers_list())

    def close(self):
        pass

    def spill_dtype(self):
        """The narrowest float type that holds this source's blocks bit for bit (float64 unless known)."""
        return np.float64

    def where(self, i):
        """How to name indicator ``i`` in a message."""
        if self.label:
            return Text("Input '{name}' ({label})", name=self.names[i], label=self.label)
        return Text("Input '{name}'", name=self.names[i])


class IndicatorSource(Source):
    """Four single-band indicator rasters (NDVI, WET, NDBSI, LST), an optional mask and an optional MNDWI.

    The mask excludes pixels where it is valid and non-zero; MNDWI excludes pixels where it is valid and
    above ``water_threshold`` (water, Xu 2006). NoData pixels of either are kept.
    """

    def __init__(self, ndvi, wet, ndbsi, lst, mask=None, names=INDICATORS, mask_name="MASK", label="",
                 mndwi=None, water_threshold=0.0, mndwi_name="MNDWI"):
        self.label = label
        self.names = tuple(names)
        self.readers = []
        self.mask = self.mndwi = None
        self.water_threshold = float(water_threshold)
        try:
            for path, name in zip((ndvi, wet, ndbsi, lst), self.names):
                self.readers.append(RasterReader(path, name))
            self.mask = RasterReader(mask, mask_name) if mask else None
            self.mndwi = RasterReader(mndwi, mndwi_name) if mndwi else None
            self.grid = check_same_grid(self.readers + [r for r in (self.mask, self.mndwi) if r is not None])
        except Exception:
            self.close()
            raise

    def block(self, window):
        stack = np.stack([r.read(window) for r in self.readers])
        excluded = np.zeros(stack.shape[1:], dtype=bool)
        if self.mask is not None:
            values, valid = self.mask.read_valid(window)
            excluded = valid & (values != 0)
        if self.mndwi is not None:
            values, valid = self.mndwi.read_valid(window)
            excluded |= valid & (values > self.water_threshold)
        return stack, excluded

    def readers_list(self):
        return self.readers + [r for r in (getattr(self, "mask", None), getattr(self, "mndwi", None)) if r]

    def spill_dtype(self):
        return _exact_float([r.dtypes[0] for r in self.readers])

    def close(self):
        for r in self.readers_list():
            r.close()


class StackSource(Source):
    """One 4-band raster holding NDVI, WET, NDBSI and LST in this order (a yearly indicator set)."""

    def __init__(self, path, name="INPUT", label=""):
        self.label = label
        self.reader = RasterReader(path, name)
        if self.reader.count < 4:
            self.reader.close()
            raise CoreError("Input '{name}' ({file}) has {count} band(s); an indicator set needs 4 bands in the "
                            "order NDVI, WET, NDBSI, LST.", name=name, file=label or path, count=self.reader.count)
        self.input_name = name
        self.grid = self.reader.grid

    def where(self, i):
        if self.label:
            return Text("Input '{name}' band {band} ({indicator}) ({label})", name=self.input_name, band=i + 1,
                        indicator=INDICATORS[i], label=self.label)
        return Text("Input '{name}' band {band} ({indicator})", name=self.input_name, band=i + 1,
                    indicator=INDICATORS[i])

    def block(self, window):
        stack = np.stack([self.reader.read(window, band=b) for b in range(1, 5)])
        return stack, np.zeros(stack.shape[1:], dtype=bool)

    def readers_list(self):
        return [self.reader]

    def spill_dtype(self):
        return _exact_float(self.reader.dtypes[:4])

    def close(self):
        self.reader.close()


def _exact_float(dtypes):
    """float32 when every dtype's values convert to it exactly (float32, 8- and 16-bit integers), else float64."""
    exact = {"float32", "uint8", "int8", "uint16", "int16"}
    return np.float32 if all(np.dtype(d).name in exact for d in dtypes) else np.float64


class SpilledSource(Source):
    """The blocks of ``source`` as kept by pass 1 in a :class:`~.spill.BlockSpill` (same windows, same bits)."""

    def __init__(self, source, kept):
        self.source = source
        self.kept = kept
        self.label, self.names, self.grid = source.label, source.names, source.grid
        self.bytes_per_pixel = source.bytes_per_pixel

    def block(self, window):
        stack, excluded = self.kept.get(window)
        stack = stack.astype(np.float64, copy=False)
        return stack, excluded if excluded is not None else np.zeros(stack.shape[1:], dtype=bool)

    def windows(self):
        return self.source.windows()

    def where(self, i):
        return self.source.where(i)

    def close(self):
        """Remove the scratch file (the source itself stays open: its owner closes it)."""
        self.kept.close()


class CompositeSource(Source):
    """A composite from rsei:landsatcomposite (core.indices.COMPOSITE_BANDS: 6 reflectance bands, LST in °C).

    The band order is taken from the composite's ``RSEI_BANDS`` tag when present,
    else COMPOSITE_BANDS. Indicators per block: NDVI (eq. 2), tasseled-cap wetness
    with the ``sensor``'s coefficients (eq. 3–5; "auto" = the sensor in the
    ``RSEI_SENSORS`` tag when it is one sensor, else TM), NDBSI (eq. 9–11) and the LST
    band. With ``water_threshold`` set, pixels with MNDWI > threshold are excluded.
    """

    #: 7 bands and the temporaries of NDBSI/IBI besides the indicator stack.
    bytes_per_pixel = 2 * BYTES_PER_PIXEL

    def __init__(self, path, sensor="TM", water_threshold=None, name="INPUT", label=""):
        if sensor not in indices.WETNESS_COEFFICIENTS and sensor != "auto":
            raise CoreError("Unknown wetness coefficients '{sensor}'; use one of {sensors}.", sensor=sensor,
                            sensors=', '.join(SENSORS))
        self.label = label
        self.water_threshold = water_threshold
        self.input_name = name
        self.reader = RasterReader(path, name)
        try:
            tags = self.reader.ds.tags()
            names = [b.strip() for b in tags.get("RSEI_BANDS", "").split(",") if b.strip()]
            names = names if len(names) == self.reader.count else list(indices.COMPOSITE_BANDS[:self.reader.count])
            missing = [b for b in indices.COMPOSITE_BANDS if b not in names]
            if missing:
                what = (Text("no LST band (its scenes had no thermal band); the RSEI needs LST")
                        if missing == ["lst"] else Text("no {bands} band(s)", bands=", ".join(missing)))
                raise CoreError("Input '{name}' ({file}) has {count} band(s) and {what}. A composite from "
                                "rsei:landsatcomposite has {n_bands}: {bands}.", name=name, file=label or path,
                                count=self.reader.count, what=what, n_bands=len(indices.COMPOSITE_BANDS),
                                bands=", ".join(indices.COMPOSITE_BANDS))
            self.band = {b: names.index(b) + 1 for b in indices.COMPOSITE_BANDS}
            if sensor == "auto":
                found = {x.strip() for x in tags.get("RSEI_SENSORS", "").split(",") if x.strip()}
                sensor = found.pop() if len(found) == 1 and next(iter(found)) in SENSORS else "TM"
        except Exception:
            self.reader.close()
            raise
        self.sensor = sensor
        self.grid = self.reader.grid

    def where(self, i):
        if self.label:
            return Text("The {indicator} computed from input '{name}' ({label})", indicator=INDICATORS[i],
                        name=self.input_name, label=self.label)
        return Text("The {indicator} computed from input '{name}'", indicator=INDICATORS[i], name=self.input_name)

    def block(self, window):
        b = {n: self.reader.read(window, band=k) for n, k in self.band.items()}
        stack = np.stack(list(indices.indicators_from_bands(b, self.sensor, INDICATOR_KEYS).values()))
        excluded = np.zeros(stack.shape[1:], dtype=bool)
        if self.water_threshold is not None:
            m = indices.indicator_from_bands("mndwi", b, self.sensor)
            excluded = np.isfinite(m) & (m > self.water_threshold)
        return stack, excluded

    def readers_list(self):
        return [self.reader]

    def close(self):
        self.reader.close()


def _weighted_sum(weights, stack):
    """Σ weights[i]·stack[i] element by element, in index order.

    Not ``np.tensordot``: a multi-threaded BLAS (OpenBLAS) may sum in an order that depends on
    its thread count, which differs between this process and a Dask worker (1 BLAS thread),
    and the results must be bit-identical on every executor (core.engine).
    """
    out = stack[0] * weights[0]
    for i in range(1, len(weights)):
        out += stack[i] * weights[i]
    return out


def _taking_part(stack, excluded):
    """Pixels valid in all four indicators (a NaN in any makes the sum NaN) and not excluded."""
    ok = np.isfinite(stack.sum(axis=0))
    if excluded.any():
        ok &= ~excluded
    return ok


def _columns(stack, excluded):
    """(4, n) taking-part pixels of a block (one contiguous row per indicator), and their boolean mask."""
    ok = _taking_part(stack, excluded)
    flat = stack.reshape(stack.shape[0], -1)
    if ok.all():
        return flat, ok
    return flat[:, ok.ravel()], ok


# ----------------------------------------------------------------------------- fitting

@dataclass
class SourceStats:
    """What pass 1 (and the covariance pass) learn about one source."""

    n: int = 0
    valid: np.ndarray = field(default_factory=lambda: np.zeros(4, dtype=np.int64))  # >0 once one is seen
    min: np.ndarray = field(default_factory=lambda: np.full(4, np.inf))
    max: np.ndarray = field(default_factory=lambda: np.full(4, -np.inf))
    raw: RunningCovariance = field(default_factory=lambda: RunningCovariance(4))
    norm_mean: np.ndarray = None
    norm_cov: np.ndarray = None


@dataclass
class Fit:
    """Normalisation bounds and oriented principal components fitted on one or more sources."""

    lower: np.ndarray
    upper: np.ndarray
    n: int
    covariance: np.ndarray
    eigenvalues: np.ndarray  # descending
    eigenvectors: np.ndarray  # columns, PC1 oriented
    flipped: bool
    clip_percent: float
    per_source: list
    pc1_min: float = float("nan")
    pc1_max: float = float("nan")
    #: The sources' blocks kept by pass 1 for the later passes ({id(source): SpilledSource}); see :meth:`close`.
    spills: dict = field(default_factory=dict, repr=False)

    def source_for(self, source):
        """Where the passes after pass 1 read ``source``'s blocks: its spill if pass 1 kept one, else itself."""
        return self.spills.get(id(source), source)

    def close(self):
        """Remove the scratch files of pass 1 (after the write pass)."""
        for s in self.spills.values():
            s.close()
        self.spills.clear()

    @property
    def loadings(self):
        return self.eigenvectors[:, 0]

    @property
    def pc1_percent(self):
        total = float(np.sum(self.eigenvalues))
        return 100.0 * float(self.eigenvalues[0]) / total if total > 0 else float("nan")

    def normalise(self, stack):
        """Eq. 12 applied to a (4, …) stack (after clipping to the bounds)."""
        lo = self.lower.reshape((4,) + (1,) * (stack.ndim - 1))
        hi = self.upper.reshape(lo.shape)
        return (np.clip(stack, lo, hi) - lo) / (hi - lo)

    def pc1(self, rows_norm):
        """PC1 scores of (n, 4) normalised rows (projection on the oriented PC1 axis)."""
        return rows_norm @ self.loadings

    def pc1_block(self, stack):
        """PC1 of a (4, h, w) block of raw indicators; NaN where any indicator is NaN.

        Without clipping, eq. 12 and the projection fold into one affine map,
        PC1 = Σ x_i·v_i/(max_i − min_i) − Σ min_i·v_i/(max_i − min_i), applied to the
        whole block (the same arithmetic in the range and write passes).
        """
        if self.clip_percent > 0:
            return _weighted_sum(self.loadings, self.normalise(stack))
        w = self.loadings / (self.upper - self.lower)
        return _weighted_sum(w, stack) - float(self.lower @ w)

    def rsei(self, pc1):
        """Eq. 13: PC1 rescaled to [0, 1] by its exact extremes."""
        return np.clip((pc1 - self.pc1_min) / (self.pc1_max - self.pc1_min), 0.0, 1.0)

    def share_of(self, cov):
        """Share (%) of the total variance of a covariance matrix along this fit's PC1 axis."""
        v = self.loadings
        tr = float(np.trace(cov))
        return 100.0 * float(v @ cov @ v) / tr if tr > 0 else float("nan")

    def summary(self):
        """Key figures for the log and the JSON sidecar."""
        return {
            "pixels_used": int(self.n),
            "normalisation": {n: {"lower": float(lo), "upper": float(hi)}
                              for n, lo, hi in zip(INDICATORS, self.lower, self.upper)},
            "clip_percent": self.clip_percent,
            "eigenvalues": [float(v) for v in self.eigenvalues],
            "variance_percent": [100.0 * float(v) / float(np.sum(self.eigenvalues)) for v in self.eigenvalues],
            "pc1_loadings": {n: float(v) for n, v in zip(INDICATORS, self.loadings)},
            "loadings": {f"PC{j + 1}": {n: float(v) for n, v in zip(INDICATORS, self.eigenvectors[:, j])}
                         for j in range(4)},
            "pc1_sign_flipped": bool(self.flipped),
            "pc1_percent": self.pc1_percent,
            "pc1_min": self.pc1_min,
            "pc1_max": self.pc1_max,
        }


def _pass1_task(src, keep, window):
    """Partial result of pass 1 for one window: valid counts, min, max and covariance of the taking-part
    pixels, and with ``keep`` (a dtype) the block to spill: (stack in that dtype, excluded or None)."""
    stack, excluded = src.block(window)
    kept = (stack.astype(keep, copy=False), excluded if excluded.any() else None) if keep else None
    valid = np.count_nonzero(np.isfinite(stack.reshape(4, -1)), axis=1)
    cols, _ = _columns(stack, excluded)
    if not cols.shape[1]:
        return valid, None, kept
    cov = RunningCovariance(4)
    cov.update_columns(cols)
    return valid, (cols.min(axis=1), cols.max(axis=1), cov), kept


def _spills_for(sources, spill_dir, monitor):
    """A :class:`~.spill.BlockSpill` per source for pass 1 to fill, or None per source: no spill wanted, a Dask
    run, or too little room on the disk (logged)."""
    if spill_dir is None or not spill.usable():
        return [None] * len(sources)
    need = sum(s.grid.width * s.grid.height * (4 * np.dtype(s.spill_dtype()).itemsize + 1) for s in sources)
    if not spill.room_for(spill_dir, need):
        monitor.info("Not enough free disk space beside the output for the {mb:.0f} MB scratch file of the "
                     "indicator blocks: every pass reads the inputs.", mb=need / 2 ** 20)
        return [None] * len(sources)
    return [spill.BlockSpill(spill_dir, "rsei-blocks-") for _ in sources]


def _pass1(sources, monitor, spills):
    stats = []
    for k, (src, kept) in enumerate(zip(sources, spills)):
        s = SourceStats()
        sub = monitor.sub(k / len(sources), (k + 1) / len(sources))
        keep = src.spill_dtype() if kept is not None else None
        with engine.ordered(engine.bind(_pass1_task, src, keep), src.windows(), sub) as parts:
            for window, (valid, part, block) in parts:
                if kept is not None:
                    kept.put(window, block)
                s.valid += valid
                if part is not None:
                    lo, hi, cov = part
                    s.n += cov.n
                    s.min = np.minimum(s.min, lo)
                    s.max = np.maximum(s.max, hi)
                    s.raw.merge(cov)
        for i in range(4):
            if s.valid[i] == 0:
                raise CoreError("{where} has no valid pixel: it is entirely NoData. No output was written.",
                                where=src.where(i))
        if s.n == 0:
            if src.label:
                raise CoreError("No pixel has all four indicators valid ({label}) outside the mask, so the RSEI "
                                "cannot be computed. No output was written.", label=src.label)
            raise CoreError("No pixel has all four indicators valid outside the mask, so the RSEI cannot be "
                            "computed. No output was written.")
        stats.append(s)
    return stats


def _percentiles(sources, lo, hi, clip_percent, monitor):
    """Exact p-th and (100 − p)-th percentiles of each indicator over the taking-part pixels.

    numpy's default (linear) definition: value at 0-based rank q/100·(n − 1),
    interpolated between the two neighbouring order statistics. Two streaming passes
    (:class:`~.quantiles.StreamingQuantiles`, the range known from pass 1): a
    histogram of :data:`HIST_BINS` bins between the exact min and max locates the bin
    of each needed order statistic; a second pass collects the values of those few
    bins, which gives the order statistics exactly. Only if the needed bins together
    hold more than :data:`REFINE_LIMIT` pixels (heavy ties) do the largest of them fall
    back to interpolation inside the bin (error < one bin width, (max − min)/2^20);
    the log says so.
    """
    probs = (clip_percent / 100.0, (100.0 - clip_percent) / 100.0)
    streams = [StreamingQuantiles(probs, HIST_BINS, lo=lo[i], hi=hi[i], interpolation="forward") for i in range(4)]

    def feed(start, span):
        n = len(sources)
        specs = [q.spec() for q in streams]
        for k, src in enumerate(sources):
            sub = monitor.sub(start + span * k / n, start + span * (k + 1) / n)
            with engine.ordered(engine.bind(_quantile_task, src, specs), src.windows(), sub) as parts:
                for _, part in parts:
                    for q, p in zip(streams, part):
                        q.merge(p)
        for q in streams:
            q.next_pass()

    feed(0.0, 0.5)  # the histograms
    limit_collection(streams, REFINE_LIMIT)  # smallest bins first, memory bounded
    if any(q.collecting for q in streams):
        feed(0.5, 0.5)  # the values of the needed bins
    lower, upper = np.empty(4), np.empty(4)
    for i, q in enumerate(streams):
        lower[i], upper[i] = (min(max(v, lo[i]), hi[i]) for v in q.result())
    approximate = [INDICATORS[i] for i, q in enumerate(streams) if q.approximate]
    if approximate:
        monitor.info("Percentiles of {approximate} interpolated inside a histogram bin (more than {limit} "
                     "pixels in the needed bins); error below (max − min)/2^20.",
                     approximate=', '.join(sorted(approximate)), limit=REFINE_LIMIT)
    return lower, upper


def _quantile_task(src, specs, window):
    """Partial results of one window for the percentile streams of the four indicators."""
    cols, _ = _columns(*src.block(window))
    return [spec.summarize(cols[i]) for i, spec in enumerate(specs)]


def _normalised_cov_task(src, lo4, hi4, window):
    cols, _ = _columns(*src.block(window))
    cov = RunningCovariance(4)
    cov.update_columns((np.clip(cols, lo4, hi4) - lo4) / (hi4 - lo4))
    return cov


def _normalised_cov_pass(sources, stats, fit_lo, fit_hi, monitor):
    lo4, hi4 = fit_lo.reshape(4, 1), fit_hi.reshape(4, 1)
    for k, (src, s) in enumerate(zip(sources, stats)):
        cov = RunningCovariance(4)
        sub = monitor.sub(k / len(sources), (k + 1) / len(sources))
        with engine.ordered(engine.bind(_normalised_cov_task, src, lo4, hi4), src.windows(), sub) as parts:
            for _, part in parts:
                cov.merge(part)
        s.norm_mean = cov.mean
        s.norm_cov = cov.covariance(ddof=1)
        s.norm_rc = cov


def fit(sources, clip_percent=0.0, monitor=NULL_MONITOR, spill_dir=None):
    """Fit normalisation bounds and PCA on all taking-part pixels of ``sources`` together.

    One source: the usual single-image RSEI. Several: one common fit (comparable
    RSEI between years). Also finds PC1's exact min and max (one more pass). With ``spill_dir``
    (a folder) pass 1 keeps each window's indicators in a scratch file there (:mod:`.spill`), which
    the later passes and :func:`write` read instead of the inputs; call ``Fit.close()`` after writing.
    """
    clip_percent = float(clip_percent or 0.0)
    if not 0.0 <= clip_percent < 50.0:
        raise CoreError("The percentile clip must be between 0 and 50 %, not {clip_percent:g}.",
                        clip_percent=clip_percent)
    clip = clip_percent > 0
    passes = 3 if clip else 2
    spills = _spills_for(sources, spill_dir, monitor)
    try:
        stats = _pass1(sources, monitor.sub(0, 1 / passes), spills)
        kept = {id(src): SpilledSource(src, b) for src, b in zip(sources, spills) if b is not None}
        return _fit_from(sources, stats, clip_percent, kept, monitor, passes)
    except BaseException:   # the fit owns the scratch files only once it is returned
        for b in spills:
            if b is not None:
                b.close()
        raise


def _fit_from(sources, stats, clip_percent, kept, monitor, passes):
    """The rest of :func:`fit` after pass 1, reading the sources' spills where pass 1 kept them."""
    clip = clip_percent > 0
    sources = [kept.get(id(src), src) for src in sources]
    lo = np.min([s.min for s in stats], axis=0)
    hi = np.max([s.max for s in stats], axis=0)
    _check_range(sources, lo, hi, Text("minimum and maximum"))
    if clip:
        lo, hi = _percentiles(sources, lo, hi, clip_percent, monitor.sub(1 / 3, 1.5 / 3))
        _check_range(sources, lo, hi, Text("{low:g}th and {high:g}th percentiles", low=clip_percent,
                                           high=100 - clip_percent))
        _normalised_cov_pass(sources, stats, lo, hi, monitor.sub(1.5 / 3, 2 / 3))
        pooled = merge_covariances([s.norm_rc for s in stats])
        cov = pooled.covariance(ddof=1)
    else:
        d = 1.0 / (hi - lo)
        for s in stats:
            s.norm_mean = (s.raw.mean - lo) * d
            s.norm_cov = s.raw.covariance(ddof=1) * np.outer(d, d)
        pooled = merge_covariances([s.raw for s in stats])
        cov = pooled.covariance(ddof=1) * np.outer(d, d)
    n = sum(s.n for s in stats)
    if n < 2 or not np.all(np.isfinite(cov)):
        raise CoreError("Only {n} pixel(s) have all four indicators valid; the PCA needs at least 2.", n=n)
    values, vectors = np.linalg.eigh(cov)
    order = np.argsort(values)[::-1]
    values, vectors = np.clip(values[order], 0.0, None), vectors[:, order]
    flipped = False
    if float(ORIENTATION @ vectors[:, 0]) < 0:
        vectors[:, 0] = -vectors[:, 0]
        flipped = True
    result = Fit(lo, hi, n, cov, values, vectors, flipped, clip_percent, stats, spills=kept)
    _pc1_range(sources, result, monitor.sub((passes - 1) / passes, 1))
    return result


def _check_range(sources, lo, hi, what):
    for i in range(4):
        if not hi[i] > lo[i]:
            raise CoreError("{where} is constant (= {lo:g}) over the pixels where all four indicators are valid: its "
                            "{what} are equal, so it cannot be normalised (eq. 12). No output was written.",
                            where=sources[0].where(i), lo=lo[i], what=what)


def _block_pc1(src, fit_, window):
    """PC1 of the taking-part pixels of a block (identical arithmetic in the range and write passes)."""
    stack, excluded = src.block(window)
    pc1 = fit_.pc1_block(stack)
    ok = np.isfinite(pc1)
    if excluded.any():
        ok &= ~excluded
    return pc1, ok


def _pc1_range_task(src, fit_, window):
    """PC1's (min, max) over a window's taking-part pixels, or None if there are none."""
    pc1, ok = _block_pc1(src, fit_, window)
    if not ok.any():
        return None
    pc1 = pc1[ok]
    return float(pc1.min()), float(pc1.max())


def _pc1_range(sources, fit_, monitor):
    pmin, pmax = np.inf, -np.inf
    for k, src in enumerate(sources):
        sub = monitor.sub(k / len(sources), (k + 1) / len(sources))
        with engine.ordered(engine.bind(_pc1_range_task, src, fit_), src.windows(), sub) as parts:
            for _, part in parts:
                if part is not None:
                    pmin, pmax = min(pmin, part[0]), max(pmax, part[1])
    if not pmax > pmin:
        raise CoreError("PC1 is constant over the valid pixels, so RSEI cannot be rescaled (eq. 13).")
    fit_.pc1_min, fit_.pc1_max = pmin, pmax


# ----------------------------------------------------------------------------- writing

@dataclass
class ImageResult:
    """What the write pass learns about one image."""

    stats: RunningStats
    counts: np.ndarray
    areas: np.ndarray
    norm_mean: np.ndarray
    pc1_percent: float
    pixel_count: int

    @property
    def mean(self):
        return self.stats.mean

    def table(self):
        return area_table(self.counts, self.areas)


def _write_task(source, fit_, rsei_out, grade_out, window):
    """One window of the write pass: prepared RSEI and grade blocks, RSEI statistics, grade counts and areas."""
    pc1, ok = _block_pc1(source, fit_, window)
    out = fit_.rsei(pc1)
    out[~ok] = np.nan
    g = grade(out)
    rs = RunningStats()
    rs.update(out)
    c, a = grade_areas(g, source.grid.row_pixel_areas_km2(window.row_off, window.row_off + window.height))
    r_block = prepare_block(out.astype(np.float32), *rsei_out) if rsei_out else None
    g_block = prepare_block(g, *grade_out) if grade_out else None
    return r_block, g_block, rs, c, a


def write(source, fit_, rsei_writer=None, grade_writer=None, monitor=NULL_MONITOR, stats=None):
    """Write RSEI (float32, NaN → NoData) and grades (uint8, 0 = NoData) of one source; tally grade areas."""
    rs = RunningStats()
    counts = np.zeros(5, dtype=np.int64)
    areas = np.zeros(5)
    kinds = [(w.dtype, w.nodata) if w is not None else None for w in (rsei_writer, grade_writer)]
    task = engine.bind(_write_task, fit_.source_for(source), fit_, *kinds)
    with engine.ordered(task, source.windows(), monitor) as parts:
        for window, (r_block, g_block, part, c, a) in parts:
            if rsei_writer is not None:
                rsei_writer.write_prepared(window, r_block)
            if grade_writer is not None:
                grade_writer.write_prepared(window, g_block)
            rs.merge(part)
            counts += c
            areas += a
    s = stats if stats is not None else fit_.per_source[0]
    return ImageResult(rs, counts, areas, s.norm_mean, fit_.share_of(s.norm_cov), s.n)


def compute(source, rsei_writer=None, grade_writer=None, clip_percent=0.0, monitor=NULL_MONITOR):
    """RSEI of one image: fit (PCA) then write. Returns (Fit, ImageResult)."""
    f = fit([source], clip_percent, monitor.sub(0.0, 0.7), spill_dir=spill_folder(rsei_writer, grade_writer))
    try:
        result = write(source, f, rsei_writer, grade_writer, monitor.sub(0.7, 1.0))
    finally:
        f.close()
    return f, result


def spill_folder(*writers):
    """The folder of the first output being written (where the scratch file of pass 1 goes), or None: no spill."""
    for w in writers:
        if w is not None and getattr(w, "path", None):
            return os.path.dirname(os.path.abspath(w.path))
    return None


def log_fit(fit_, monitor, label=""):
    """Loadings, eigenvalues and bounds in the log; the warning below the 60 % threshold."""
    pre = f"{label}: " if label else ""
    bounds = ", ".join(f"{n} [{lo:.6g}, {hi:.6g}]" for n, lo, hi in zip(INDICATORS, fit_.lower, fit_.upper))
    if fit_.clip_percent:
        monitor.info("{pre}normalisation bounds (eq. 12) after percentile clipping: {bounds}; pixels used: {n}",
                     pre=pre, bounds=bounds, n=fit_.n)
    else:
        monitor.info("{pre}normalisation bounds (eq. 12): {bounds}; pixels used: {n}", pre=pre, bounds=bounds,
                     n=fit_.n)
    monitor.info("{pre}eigenvalues: {eigenvalues}", pre=pre,
                 eigenvalues=", ".join(f"{v:.6g}" for v in fit_.eigenvalues))
    loadings = ", ".join(f"{n} {v:+.4f}" for n, v in zip(INDICATORS, fit_.loadings))
    if fit_.flipped:
        monitor.info("{pre}PC1 loadings: {loadings} (sign flipped so that NDVI + WET − NDBSI − LST loadings > 0)",
                     pre=pre, loadings=loadings)
    else:
        monitor.info("{pre}PC1 loadings: {loadings}", pre=pre, loadings=loadings)
    monitor.info("{pre}PC1 explains {pc1_percent:.2f} % of the variance; PC1 range [{pc1_min:.6g}, {pc1_max:.6g}]",
                 pre=pre, pc1_percent=fit_.pc1_percent, pc1_min=fit_.pc1_min, pc1_max=fit_.pc1_max)
    if fit_.pc1_percent < PC1_THRESHOLD:
        monitor.warn("{pre}PC1 explains only {pc1_percent:.1f} % of the variance, below the {threshold:g} % "
                     "usually required for PC1 to stand for the RSEI (Han et al. 2025, section 3.1). Interpret the "
                     "RSEI with care.", pre=pre, pc1_percent=fit_.pc1_percent, threshold=PC1_THRESHOLD)
    signs = np.sign(fit_.loadings) * ORIENTATION
    odd = [n for n, s in zip(INDICATORS, signs) if s < 0]
    if odd:
        monitor.warn("{pre}the PC1 loading of {odd} has an unexpected sign (expected NDVI, WET > 0 and NDBSI, LST < "
                     "0); the four indicators do not agree in this image.", pre=pre, odd=', '.join(odd))


# ----------------------------------------------------------------------------- multi-year series

@dataclass
class YearResult:
    """One row of the paper's Table 5 and Tables 6–7, plus the fit behind it."""

    year: int
    fit: Fit
    image: ImageResult

    @property
    def table5_row(self):
        """(year, mean RSEI, mean normalised NDVI, WET, NDBSI, LST, PC1 % of the fit, PC1 share of this year)."""
        m = self.image.norm_mean
        return (self.year, self.image.mean, float(m[0]), float(m[1]), float(m[2]), float(m[3]),
                self.fit.pc1_percent, self.image.pc1_percent)


def check_series_grids(sources):
    """All years must share one grid (areas and changes are compared pixel by pixel)."""
    return check_same_grid(sources, label=lambda s: s.label, advice=Text("Resample all years onto one grid first."))


def series(sources, years, pooled=False, clip_percent=0.0, open_writers=None, monitor=NULL_MONITOR):
    """RSEI for each year: fitted per year (the paper) or with one common fit (``pooled``).

    ``open_writers(year)`` returns (rsei writer, grade writer) or (None, None).
    Returns a list of :class:`YearResult` in the order of ``sources``.
    """
    check_series_grids(sources)
    n = len(sources)
    results = []
    writers = open_writers or (lambda year: (None, None))
    if pooled:
        common = fit(sources, clip_percent, monitor.sub(0.0, 0.6))
        log_fit(common, monitor, "all years together")
        for k, (src, year) in enumerate(zip(sources, years)):
            rw, gw = writers(year)
            img = write(src, common, rw, gw, monitor.sub(0.6 + 0.4 * k / n, 0.6 + 0.4 * (k + 1) / n),
                        stats=common.per_source[k])
            results.append(YearResult(year, common, img))
    else:
        for k, (src, year) in enumerate(zip(sources, years)):
            sub = monitor.sub(k / n, (k + 1) / n)
            rw, gw = writers(year)
            f = fit([src], clip_percent, sub.sub(0.0, 0.7), spill_dir=spill_folder(rw, gw))
            try:
                log_fit(f, monitor, str(year))
                results.append(YearResult(year, f, write(src, f, rw, gw, sub.sub(0.7, 1.0))))
            finally:
                f.close()
    return results
