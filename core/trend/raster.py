"""rsei:senmk on rasters: per-pixel Sen slope + Mann–Kendall over single-band rasters on one grid.

:func:`senmk_rasters` reads the yearly rasters block by block (:mod:`core.raster`), runs
:func:`.mannkendall.mann_kendall` on each block (Han et al. 2025, Sustainability 17, 9075, section 3.3,
eq. 15–19) and writes slope, Z, p, S, Tau, n and the trend classes of :func:`.mannkendall.classify`
(with the palette :data:`TREND_COLORS`), tallying the area of each class (:func:`core.stats.class_areas`),
and optionally the confidence limits of the Sen slope (:func:`.mannkendall.slope_interval_ranks`).
Windows are computed on the engine's workers (:mod:`core.engine`) and written in window order.

With ``significance="fdr"`` (or when the BH-adjusted p is requested) the field's false discovery rate is
controlled by Benjamini–Hochberg (:mod:`.fdr`): the first pass (the engine's in-order merge) also writes p
and the per-pixel classes to a temporary float64 raster (under the output transaction's temporary names,
next to the outputs, removed afterwards) and merges the windows' bins of p; :func:`_bh_passes` finds the
exact BH decision by further passes over that raster; :func:`_final_block` then writes the classes with
the adjusted significance and the adjusted p, window by window. These later passes read the scratch raster
on the calling thread (it lives next to the outputs, which Dask workers need not see).
"""
import os
import tempfile

import numpy as np

from .. import engine
from ..errors import CoreError, Text
from ..stats import class_areas
from . import fdr
from ..raster import prepare_block
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
    from ..raster import RasterReader, RasterWriter, _temp_name, check_same_grid, iter_windows, tile_windows

    if significance not in SIGNIFICANCE:
        raise CoreError("SIGNIFICANCE: unknown option '{significance}'; use one of {levels}.",
                        significance=significance, levels=', '.join(SIGNIFICANCE))
    use_fdr = significance == "fdr"
    need_bh = use_fdr or bool(outputs.get("q"))
    interval = bool(outputs.get("slope_low") or outputs.get("slope_high"))

    if len(paths) < 2:
        raise CoreError("INPUT: a trend needs at least two rasters; {n_paths} given.", n_paths=len(paths))
    years = np.asarray(years, dtype=np.float64)
    if years.size != len(paths):
        raise CoreError("{size} years for {n_paths} input rasters.", size=years.size, n_paths=len(paths))
    if np.unique(years).size != years.size:
        raise CoreError("Duplicate years: each input must have its own year.")
    if int(min_years) > len(paths):
        raise CoreError("MIN_YEARS is {min_years} but only {n_paths} rasters were given; every pixel would be NoData.",
                        min_years=int(min_years), n_paths=len(paths))
    order = np.argsort(years, kind="stable")
    if np.any(order != np.arange(len(paths))):
        monitor.info("Inputs were not in time order; they are used sorted by year.")
    paths = [paths[i] for i in order]
    years = years[order]
    readers = []
    scratch = scratch_path = None
    fdr_info = None
    try:
        for i, p in zip(order, paths):
            readers.append(RasterReader(p, f"INPUT #{i + 1} ({os.path.basename(str(p))})"))
        for r in readers:
            if r.count > 1:
                monitor.warn("{name} has {count} bands; only band 1 is used.", name=r.name, count=r.count)
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
        areas = np.zeros(len(TREND_CLASSES) + 1)
        undefined = 0
        pixel_counts = np.zeros(len(TREND_CLASSES) + 1)
        pixel_areas = np.zeros(len(TREND_CLASSES) + 1)
        bins = fdr.merge_partials([])
        tested = sig_pixel = 0
        # Windows of whole input tiles (each of the n inputs' tiles decoded once) on the engine's
        # workers (core.engine); results written here in window order (and, for the BH passes, p and
        # the classes into the scratch raster, the bins of p merged in window order). Memory per
        # worker: the float64 (n, pixels) block, the kernel's chunked working arrays and the results.
        per_pixel = 8 * n * 3 + 8 * 24 + (16 * n * (n - 1) // 2 if interval else 0)
        kinds = {k: (w.dtype, w.nodata) for k, w in writers.items()}
        task = engine.bind(_senmk_task, readers, years, min_years, method, alpha, chunk, stable_slope, kinds,
                           interval, need_bh)
        windows = tile_windows(grid, per_pixel, readers, budget_mb)
        with engine.ordered(task, windows, monitor) as parts:
            for window, part in parts:
                for key, block in part["blocks"].items():
                    writers[key].write_prepared(window, block)
                undefined += part["undefined"]
                pixel_counts += part["counts"]
                pixel_areas += part["areas"]
                if need_bh:
                    scratch.write(window, part["scratch"])
                    bins = fdr.merge_partials([bins, part["bins"]])
                    tested += part["tested"]
                    sig_pixel += part["sig_pixel"]
                else:
                    counts += part["counts"]
                    areas += part["areas"]
        if need_bh:
            scratch.close()
            tree = _bh_passes(scratch_path, grid, alpha, bins, monitor, budget_mb)
            for window in iter_windows(grid, 48, monitor, budget_mb):
                c, a, _ = _final_block(scratch_path, window, grid, tree, use_fdr, final)
                counts += c
                areas += a
            fdr_info = {"tested_pixels": int(tested), "significant_per_pixel": int(sig_pixel),
                        "significant_fdr": tree.n_significant, "fdr_threshold_p": tree.threshold,
                        "alpha": float(alpha), "passes": tree.passes, "q_relative_error": tree.rel_error,
                        "classes_use": "fdr" if use_fdr else "per pixel"}
    finally:
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
                        "pixels_per_pixel_test": int(pixel_counts[code]),
                        "area_km2_per_pixel_test": float(pixel_areas[code])})
    if undefined:
        monitor.warn("{undefined} pixel(s) have a slope but no p-value: the corrected variance of S was not positive "
                     "({method}); their Z, p and class are NoData.", undefined=undefined, method=method)
    if fdr_info is not None:
        monitor.info("Benjamini–Hochberg over {tested_pixels} pixels with a p value at α = {alpha:g}: "
                     "{significant_per_pixel} significant per pixel (p < α), {significant_fdr} under the false "
                     "discovery rate (q ≤ α, p ≤ {fdr_threshold_p:.4g}); the trend classes use the {classes_use} "
                     "significance.", tested_pixels=fdr_info['tested_pixels'], alpha=alpha,
                     significant_per_pixel=fdr_info['significant_per_pixel'],
                     significant_fdr=fdr_info['significant_fdr'], fdr_threshold_p=fdr_info['fdr_threshold_p'],
                     classes_use=Text("per pixel") if fdr_info['classes_use'] == "per pixel" else "fdr")
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


def _senmk_task(readers, years, min_years, method, alpha, chunk, stable_slope, kinds, interval, bh, window):
    """One window on an engine worker: read, Sen + MK (and the slope interval), classes; the output blocks
    prepared for writing.

    Returns a partial result: ``blocks`` ({output key: prepared block}), ``undefined`` (pixels with a slope
    but no p), the per-pixel-test class ``counts`` and ``areas`` and, with ``bh``, the ``scratch`` block
    (p and the class, float64), the window's pass-1 ``bins`` of p (:func:`.fdr.block_partial`), the pixels
    ``tested`` (with a p) and ``sig_pixel`` (p < α).
    """
    h, w = int(window.height), int(window.width)
    X = _read_block(readers, window)
    res = mann_kendall(X, years, min_years, method, alpha, chunk, axis=0, workers=1, interval=interval)
    del X
    blocks = {}
    for key in ("slope", "z", "p", "s", "tau", "slope_low", "slope_high"):
        if key in kinds:
            blocks[key] = prepare_block(res[key].reshape(h, w), *kinds[key])
    if "n" in kinds:
        blocks["n"] = prepare_block(res["n"].reshape(h, w).astype(np.uint16), *kinds["n"])
    undefined = int(np.count_nonzero(np.isfinite(res["slope"]) & ~np.isfinite(res["p"])))
    cls = classify(res["slope"], res["p"], stable_slope, alpha).reshape(h, w)
    if "trend" in kinds:
        blocks["trend"] = prepare_block(cls, *kinds["trend"])
    row_area = readers[0].grid.row_pixel_areas_km2(int(window.row_off), int(window.row_off) + h)
    counts, areas = class_areas(cls, row_area, len(TREND_CLASSES) + 1)
    part = {"blocks": blocks, "undefined": undefined, "counts": counts, "areas": areas}
    if bh:
        p = res["p"]
        part["scratch"] = np.stack([p.reshape(h, w), cls.astype(np.float64)])
        part["bins"] = fdr.block_partial(p)
        part["tested"] = int(np.count_nonzero(np.isfinite(p)))
        with np.errstate(invalid="ignore"):
            part["sig_pixel"] = int(np.count_nonzero(p < alpha))
    return part


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
