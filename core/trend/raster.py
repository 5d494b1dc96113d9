"""rsei:senmk on rasters: per-pixel Sen slope + Mann–Kendall over single-band rasters on one grid.

:func:`senmk_rasters` reads the yearly rasters block by block (:mod:`core.raster`), runs
:func:`.mannkendall.mann_kendall` on each block (Han et al. 2025, Sustainability 17, 9075, section 3.3,
eq. 15–19) and writes slope, Z, p, S, Tau, n and the trend classes of :func:`.mannkendall.classify`
(with the palette :data:`TREND_COLORS`), tallying the area of each class (:func:`core.stats.class_areas`),
and optionally the confidence limits of the Sen slope (:func:`.mannkendall.slope_interval_ranks`).
Reading the next block, computing this one and writing the previous one overlap in three threads.

With ``significance="fdr"`` (or when the BH-adjusted p is requested) the field's false discovery rate is
controlled by Benjamini–Hochberg (:mod:`.fdr`): the first pass also writes p and the per-pixel classes to a
temporary float64 raster (under the output transaction's temporary names, next to the outputs, removed
afterwards) and bins p; :func:`_bh_passes` finds the exact BH decision by further passes over that raster;
:func:`_final_block` then writes the classes with the adjusted significance and the adjusted p, window by
window. Every per-window step is a function of the window (→ partial result), so the walks can run on an
executor.
"""
import os
import tempfile
from concurrent.futures import ThreadPoolExecutor

import numpy as np

from ..errors import CoreError
from ..stats import class_areas
from . import fdr
from .mannkendall import DEFAULT_CHUNK, TREND_CLASSES, classify, mann_kendall

SIGNIFICANCE = ("pixel", "fdr")


def senmk_rasters(paths, years, outputs, tx, monitor, min_years=4, method="original", alpha=0.05,
                  stable_slope=0.0005, budget_mb=None, chunk=DEFAULT_CHUNK, significance="pixel"):
    """Per-pixel Sen slope + Mann–Kendall over single-band rasters on one grid, block by block.

    ``paths`` and ``years`` in any order (sorted by year here). ``outputs`` maps
    'slope', 'z', 'p', 'trend', 's', 'tau', 'n', 'q' (BH-adjusted p), 'slope_low', 'slope_high'
    (the 1 − ``alpha`` interval of the slope) to output paths (None = not written).
    ``significance``: 'pixel' (p < α at each pixel, the paper) or 'fdr' (Benjamini–Hochberg over all pixels
    with a p value, q ≤ α). Writes through the :class:`~core.raster.OutputTransaction` ``tx``. Returns a
    summary: per-class pixel counts and areas (km², from Grid.row_pixel_areas_km2), the grid, the years used
    and, when the BH procedure ran, ``fdr`` (pixels tested, significant per pixel and under FDR, threshold).
    """
    from ..raster import RasterReader, RasterWriter, _temp_name, check_same_grid, iter_windows

    if significance not in SIGNIFICANCE:
        raise CoreError(f"SIGNIFICANCE: unknown option '{significance}'; use one of {', '.join(SIGNIFICANCE)}.")
    use_fdr = significance == "fdr"
    need_bh = use_fdr or bool(outputs.get("q"))
    interval = bool(outputs.get("slope_low") or outputs.get("slope_high"))

    if len(paths) < 2:
        raise CoreError(f"INPUT: a trend needs at least two rasters; {len(paths)} given.")
    years = np.asarray(years, dtype=np.float64)
    if years.size != len(paths):
        raise CoreError(f"{years.size} years for {len(paths)} input rasters.")
    if np.unique(years).size != years.size:
        raise CoreError("Duplicate years: each input must have its own year.")
    if int(min_years) > len(paths):
        raise CoreError(f"MIN_YEARS is {int(min_years)} but only {len(paths)} rasters were given; "
                        f"every pixel would be NoData.")
    order = np.argsort(years, kind="stable")
    if np.any(order != np.arange(len(paths))):
        monitor.info("Inputs were not in time order; they are used sorted by year.")
    paths = [paths[i] for i in order]
    years = years[order]
    readers = []
    prefetch = writing = None
    scratch = scratch_path = None
    fdr_info = None
    try:
        for i, p in zip(order, paths):
            readers.append(RasterReader(p, f"INPUT #{i + 1} ({os.path.basename(str(p))})"))
        for r in readers:
            if r.count > 1:
                monitor.warn(f"{r.name} has {r.count} bands; only band 1 is used.")
        grid = check_same_grid(readers)
        n = len(readers)
        writers = {}
        for key in ("slope", "z", "p", "s", "tau", "slope_low", "slope_high"):
            if outputs.get(key):
                writers[key] = tx.raster(outputs[key], grid, descriptions=[_DESCRIPTIONS[key]])
        if outputs.get("n"):
            writers["n"] = tx.raster(outputs["n"], grid, dtype="uint16", nodata=0,
                                     descriptions=[_DESCRIPTIONS["n"]])
        final = {}   # outputs written by the last pass when the BH procedure runs
        if outputs.get("trend"):
            (final if need_bh else writers)["trend"] = tx.raster(
                outputs["trend"], grid, dtype="uint8", nodata=0, descriptions=[_DESCRIPTIONS["trend"]])
            (final if need_bh else writers)["trend"].write_colormap(TREND_COLORS)
        if outputs.get("q"):
            final["q"] = tx.raster(outputs["q"], grid, descriptions=[_DESCRIPTIONS["q"]])
        if need_bh:
            # p (exactly, float64) and the per-pixel class of every pixel, for the BH passes.
            anchor = next((v for v in outputs.values() if v), os.path.join(tempfile.gettempdir(), "senmk.tif"))
            scratch_path = _temp_name(os.path.splitext(anchor)[0] + "-bh-scratch.tif")
            scratch = RasterWriter(scratch_path, grid, count=2, dtype="float64")
        counts = np.zeros(len(TREND_CLASSES) + 1)
        undefined = 0
        areas = np.zeros(len(TREND_CLASSES) + 1)
        # Three stages overlap: the next block is read and the previous one written (each by its
        # own thread) while this one is computed. Memory: three input blocks and two results.
        per_pixel = 8 * n * 3 + 8 * 24 + (16 * n * (n - 1) // 2 if interval else 0)
        prefetch = ThreadPoolExecutor(max_workers=1)
        writing = ThreadPoolExecutor(max_workers=1)
        tally = {"undefined": 0, "counts": counts, "areas": areas, "scratch": scratch, "tally_classes": not need_bh,
                 "bins": fdr.merge_partials([]), "tested": 0, "sig_pixel": 0,
                 "pixel_counts": np.zeros(len(TREND_CLASSES) + 1), "pixel_areas": np.zeros(len(TREND_CLASSES) + 1)}
        pending = written = None
        block_rows = None
        for window in iter_windows(grid, per_pixel, monitor, budget_mb):
            h, w = int(window.height), int(window.width)
            block_rows = block_rows or h
            X = (pending or prefetch.submit(_read_block, readers, window)).result()
            below = int(window.row_off) + h
            pending = None
            if below < grid.height:
                # The next block: the same rows as iter_windows will give.
                nxt = window.__class__(0, below, w, min(block_rows, grid.height - below))
                pending = prefetch.submit(_read_block, readers, nxt)
            res = mann_kendall(X, years, min_years, method, alpha, chunk, axis=0, interval=interval)
            del X
            if written is not None:
                written.result()
            written = writing.submit(_write_block, writers, grid, window, res, stable_slope, alpha, tally)
            if pending is None:
                written.result()   # the last block is written within iter_windows (GDAL cache cap)
        undefined = tally["undefined"]
        if need_bh:
            scratch.close()
            tree = _bh_passes(scratch_path, grid, alpha, tally["bins"], monitor, budget_mb)
            for window in iter_windows(grid, 48, monitor, budget_mb):
                c, a, _ = _final_block(scratch_path, window, grid, tree, use_fdr, final)
                counts += c
                areas += a
            fdr_info = {"tested_pixels": int(tally["tested"]), "significant_per_pixel": int(tally["sig_pixel"]),
                        "significant_fdr": tree.n_significant, "fdr_threshold_p": tree.threshold,
                        "alpha": float(alpha), "passes": tree.passes, "q_relative_error": tree.rel_error,
                        "classes_use": "fdr" if use_fdr else "per pixel"}
    finally:
        for pool in (prefetch, writing):
            if pool is not None:
                pool.shutdown(wait=True, cancel_futures=True)
        for r in readers:
            r.close()
        if scratch is not None:
            scratch.close()
            for suffix in ("", ".aux.xml"):
                try:
                    os.remove(scratch_path + suffix)
                except FileNotFoundError:
                    pass
    total = counts[1:].sum()
    classes = []
    for code, name in TREND_CLASSES:
        classes.append({"code": code, "name": name, "pixels": int(counts[code]), "area_km2": float(areas[code]),
                        "percent": float(100.0 * counts[code] / total) if total else float("nan"),
                        "pixels_per_pixel_test": int(tally["pixel_counts"][code]),
                        "area_km2_per_pixel_test": float(tally["pixel_areas"][code])})
    if undefined:
        monitor.warn(f"{undefined} pixel(s) have a slope but no p-value: the corrected variance of S was not "
                     f"positive ({method}); their Z, p and class are NoData.")
    if fdr_info is not None:
        monitor.info(f"Benjamini–Hochberg over {fdr_info['tested_pixels']} pixels with a p value at α = {alpha:g}: "
                     f"{fdr_info['significant_per_pixel']} significant per pixel (p < α), "
                     f"{fdr_info['significant_fdr']} under the false discovery rate (q ≤ α, p ≤ "
                     f"{fdr_info['fdr_threshold_p']:.4g}); the trend classes use the "
                     f"{fdr_info['classes_use']} significance.")
    return {"classes": classes, "nodata_pixels": int(counts[0]), "undefined_p_pixels": undefined, "grid": grid,
            "years": [float(y) for y in years], "paths": paths, "fdr": fdr_info}


def _bh_passes(scratch_path, grid, alpha, first, monitor, budget_mb=None):
    """The exact BH decision and adjusted p (:func:`.fdr.bh_fdr`) by passes over the scratch raster's p band."""
    from ..raster import RasterReader, iter_windows

    def blocks():
        with RasterReader(scratch_path, "BH scratch") as r:
            for window in iter_windows(grid, 32, monitor, budget_mb):
                yield r.read(window, band=1)

    return fdr.bh_fdr(blocks, alpha, first=first)


def _final_block(scratch_path, window, grid, tree, use_fdr, writers):
    """One window of the last pass: classes (with the BH decision when ``use_fdr``) and q.

    Returns the window's class counts, class areas and q (a partial result: merged by summation)."""
    from ..raster import RasterReader

    h, w = int(window.height), int(window.width)
    with RasterReader(scratch_path, "BH scratch") as r:
        p = r.read(window, band=1)
        cls = np.nan_to_num(r.read(window, band=2), nan=0.0).astype(np.uint8)
    q, sig = tree.lookup(p)
    if use_fdr:
        cls = apply_significance(cls, sig)
    if "trend" in writers:
        writers["trend"].write(window, cls)
    if "q" in writers:
        writers["q"].write(window, q)
    row_area = grid.row_pixel_areas_km2(int(window.row_off), int(window.row_off) + h)
    counts, areas = class_areas(cls.reshape(h, w), row_area, len(TREND_CLASSES) + 1)
    return counts, areas, q


def apply_significance(cls, significant):
    """Classes of :func:`.mannkendall.classify` with another significance: the direction (improvement,
    stable, degradation) is kept and 1/2 and 5/4 are chosen by ``significant``."""
    cls = np.asarray(cls)
    up = (cls == 1) | (cls == 2)
    down = (cls == 4) | (cls == 5)
    out = cls.copy()
    out[up] = np.where(significant[up], 1, 2)
    out[down] = np.where(significant[down], 5, 4)
    return out


def _read_block(readers, window):
    """The window of every reader as one (rasters, pixels) float64 array, NaN for NoData."""
    X = np.empty((len(readers), int(window.height) * int(window.width)))
    for j, r in enumerate(readers):
        values, valid = r.read_valid(window)   # as RasterReader.read, without its float64 copy
        X[j] = values.ravel()
        np.copyto(X[j], np.nan, where=~valid.ravel())
    return X


def _write_block(writers, grid, window, res, stable_slope, alpha, tally):
    """Write one block of results and add its classes to the per-class pixel counts and areas
    (or, for the BH passes, write p and the classes to the scratch raster and bin p)."""
    h, w = int(window.height), int(window.width)
    for key in ("slope", "z", "p", "s", "tau", "slope_low", "slope_high"):
        if key in writers:
            writers[key].write(window, res[key].reshape(h, w))
    if "n" in writers:
        writers["n"].write(window, res["n"].reshape(h, w).astype(np.uint16))
    tally["undefined"] += int(np.count_nonzero(np.isfinite(res["slope"]) & ~np.isfinite(res["p"])))
    cls = classify(res["slope"], res["p"], stable_slope, alpha).reshape(h, w)
    if tally.get("scratch") is not None:
        p = res["p"]
        tally["scratch"].write(window, np.stack([p.reshape(h, w), cls.astype(np.float64)]))
        tally["bins"] = fdr.merge_partials([tally["bins"], fdr.block_partial(p)])
        tally["tested"] += int(np.count_nonzero(np.isfinite(p)))
        with np.errstate(invalid="ignore"):
            tally["sig_pixel"] += int(np.count_nonzero(p < alpha))
    if "trend" in writers:
        writers["trend"].write(window, cls)
    row_area = grid.row_pixel_areas_km2(int(window.row_off), int(window.row_off) + h)
    counts, areas = class_areas(cls, row_area, len(TREND_CLASSES) + 1)
    tally["pixel_counts"] += counts
    tally["pixel_areas"] += areas
    if tally.get("tally_classes", True):
        tally["counts"] += counts
        tally["areas"] += areas


_DESCRIPTIONS = {
    "slope": "Sen slope (per year)", "z": "Mann-Kendall Z", "p": "Mann-Kendall two-sided p",
    "s": "Mann-Kendall S", "tau": "Kendall tau (S / (n(n-1)/2))", "n": "valid years",
    "trend": "trend class (1 sig. improvement … 5 sig. degradation)",
    "q": "Benjamini-Hochberg adjusted p (q)", "slope_low": "Sen slope, lower confidence limit (per year)",
    "slope_high": "Sen slope, upper confidence limit (per year)",
}

#: Palette of the class raster (also in resources/styles/trend_classes.qml).
TREND_COLORS = {
    0: (0, 0, 0, 0),
    1: (26, 150, 65, 255),
    2: (166, 217, 106, 255),
    3: (255, 255, 191, 255),
    4: (253, 174, 97, 255),
    5: (215, 25, 28, 255),
}
