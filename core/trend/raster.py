"""rsei:senmk on rasters: per-pixel Sen slope + Mann–Kendall over single-band rasters on one grid.

:func:`senmk_rasters` reads the yearly rasters block by block (:mod:`core.raster`), runs
:func:`.mannkendall.mann_kendall` on each block (Han et al. 2025, Sustainability 17, 9075, section 3.3,
eq. 15–19) and writes slope, Z, p, S, Tau, n and the trend classes of :func:`.mannkendall.classify`
(with the palette :data:`TREND_COLORS`), tallying the area of each class (:func:`core.stats.class_areas`).
Windows are computed on the engine's workers (:mod:`core.engine`) and written in window order.
"""
import os

import numpy as np

from .. import engine
from ..errors import CoreError
from ..stats import class_areas
from ..raster import prepare_block
from .mannkendall import DEFAULT_CHUNK, TREND_CLASSES, classify, mann_kendall


def senmk_rasters(paths, years, outputs, tx, monitor, min_years=4, method="original", alpha=0.05,
                  stable_slope=0.0005, budget_mb=None, chunk=DEFAULT_CHUNK):
    """Per-pixel Sen slope + Mann–Kendall over single-band rasters on one grid, block by block.

    ``paths`` and ``years`` in any order (sorted by year here). ``outputs`` maps
    'slope', 'z', 'p', 'trend', 's', 'tau', 'n' to output paths (None = not written).
    Writes through the :class:`~core.raster.OutputTransaction` ``tx``. Returns a summary:
    per-class pixel counts and areas (km², from Grid.row_pixel_areas_km2), the grid
    and the years used.
    """
    from ..raster import RasterReader, check_same_grid, tile_windows

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
    try:
        for i, p in zip(order, paths):
            readers.append(RasterReader(p, f"INPUT #{i + 1} ({os.path.basename(str(p))})"))
        for r in readers:
            if r.count > 1:
                monitor.warn(f"{r.name} has {r.count} bands; only band 1 is used.")
        grid = check_same_grid(readers)
        n = len(readers)
        writers = {}
        for key in ("slope", "z", "p", "s", "tau"):
            if outputs.get(key):
                writers[key] = tx.raster(outputs[key], grid, descriptions=[_DESCRIPTIONS[key]])
        if outputs.get("n"):
            writers["n"] = tx.raster(outputs["n"], grid, dtype="uint16", nodata=0,
                                     descriptions=[_DESCRIPTIONS["n"]])
        if outputs.get("trend"):
            writers["trend"] = tx.raster(outputs["trend"], grid, dtype="uint8", nodata=0,
                                         descriptions=[_DESCRIPTIONS["trend"]])
            writers["trend"].write_colormap(TREND_COLORS)
        counts = np.zeros(len(TREND_CLASSES) + 1)
        areas = np.zeros(len(TREND_CLASSES) + 1)
        undefined = 0
        # Windows of whole input tiles (each of the n inputs' tiles decoded once) on the engine's
        # workers (core.engine); results written here in window order. Memory per worker: the
        # float64 (n, pixels) block, the kernel's chunked working arrays and the results.
        per_pixel = 8 * n * 3 + 8 * 24
        kinds = {k: (w.dtype, w.nodata) for k, w in writers.items()}
        task = engine.bind(_senmk_task, readers, years, min_years, method, alpha, chunk, stable_slope, kinds)
        windows = tile_windows(grid, per_pixel, readers, budget_mb)
        with engine.ordered(task, windows, monitor) as parts:
            for window, (blocks, n_undefined, c, a) in parts:
                for key, block in blocks.items():
                    writers[key].write_prepared(window, block)
                undefined += n_undefined
                counts += c
                areas += a
    finally:
        for r in readers:
            r.close()
    total = counts[1:].sum()
    classes = []
    for code, name in TREND_CLASSES:
        classes.append({"code": code, "name": name, "pixels": int(counts[code]), "area_km2": float(areas[code]),
                        "percent": float(100.0 * counts[code] / total) if total else float("nan")})
    if undefined:
        monitor.warn(f"{undefined} pixel(s) have a slope but no p-value: the corrected variance of S was not "
                     f"positive ({method}); their Z, p and class are NoData.")
    return {"classes": classes, "nodata_pixels": int(counts[0]), "undefined_p_pixels": undefined, "grid": grid,
            "years": [float(y) for y in years], "paths": paths}


def _read_block(readers, window):
    """The window of every reader as one (rasters, pixels) float64 array, NaN for NoData."""
    X = np.empty((len(readers), int(window.height) * int(window.width)))
    for j, r in enumerate(readers):
        values, valid = r.read_valid(window)   # as RasterReader.read, without its float64 copy
        X[j] = values.ravel()
        np.copyto(X[j], np.nan, where=~valid.ravel())
    return X


def _senmk_task(readers, years, min_years, method, alpha, chunk, stable_slope, kinds, window):
    """One window on an engine worker: read, Sen + MK, classes; the output blocks prepared for writing.

    Returns ({output key: prepared block}, pixels with a slope but no p, class counts, class areas).
    """
    h, w = int(window.height), int(window.width)
    X = _read_block(readers, window)
    res = mann_kendall(X, years, min_years, method, alpha, chunk, axis=0, workers=1)
    del X
    blocks = {}
    for key in ("slope", "z", "p", "s", "tau"):
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
    return blocks, undefined, counts, areas


_DESCRIPTIONS = {
    "slope": "Sen slope (per year)", "z": "Mann-Kendall Z", "p": "Mann-Kendall two-sided p",
    "s": "Mann-Kendall S", "tau": "Kendall tau (S / (n(n-1)/2))", "n": "valid years",
    "trend": "trend class (1 sig. improvement … 5 sig. degradation)",
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
