"""RSEI ecological grades, their areas and the grade change between two years.

Grades (Han et al. 2025, section 4.1): worst [0, 0.2], poor (0.2, 0.4], moderate
(0.4, 0.6], good (0.6, 0.8], excellent (0.8, 1] — right-closed, so 0.2 belongs to
grade 1. The grade change of two years is the map after − before (−4 … +4, positive =
improvement) and the matrix of the area (km²) going from each grade to each grade.
"""
import numpy as np

from .errors import CoreError
from .monitor import NULL_MONITOR
from .raster import NODATA_CLASS, check_same_grid, iter_windows
from .stats import class_areas

#: Upper (closed) edges of grades 1–4; grade 5 is (0.8, 1].
GRADE_EDGES = np.array([0.2, 0.4, 0.6, 0.8])
GRADE_NAMES = ("worst", "poor", "moderate", "good", "excellent")
#: Colours of grades 1–5 (as in resources/styles/rsei_grades.qml).
GRADE_COLOURS = ("#d7191c", "#fdae61", "#ffffbf", "#a6d96a", "#1a9641")


def grade_colormap():
    """GeoTIFF palette {grade: (r, g, b, 255)} so other software shows the grades in the same colours."""
    return {g + 1: tuple(int(c[i:i + 2], 16) for i in (1, 3, 5)) + (255,) for g, c in enumerate(GRADE_COLOURS)}


def grade(rsei):
    """Ecological grade 1–5 of RSEI values (right-closed intervals); NaN → 0 (NoData).

    0 and 0.2 → 1, 0.2000001 → 2, …, 1 → 5. Values outside [0, 1] get the nearest
    end grade (1 below 0.2, 5 above 0.8).
    """
    r = np.asarray(rsei, dtype=np.float64)
    g = (np.searchsorted(GRADE_EDGES, r, side="left") + 1).astype(np.uint8)
    g[~np.isfinite(r)] = NODATA_CLASS
    return g


def grade_areas(grades, row_areas_km2, classes=5):
    """Pixel count and area (km²) of each class 1..classes in a block; ``row_areas_km2`` per row."""
    counts, areas = class_areas(grades, row_areas_km2, classes + 1)
    return counts[1:], areas[1:]


def area_table(counts, areas):
    """Rows (grade, name, pixel count, area km², percent of the graded area)."""
    total = float(np.sum(areas))
    return [(g + 1, GRADE_NAMES[g], int(counts[g]), float(areas[g]),
             100.0 * float(areas[g]) / total if total > 0 else float("nan")) for g in range(len(GRADE_NAMES))]


def grade_change(before, after, change_writer=None, monitor=NULL_MONITOR, classes=5):
    """Transition matrix (km², from grade i to grade j) and change map after − before (−4 … +4).

    ``before`` and ``after`` are :class:`RasterReader` of grade rasters on one grid;
    a pixel counts where both are valid grades 1..classes. Other valid values are an
    error; NoData in either gives NoData in the change map (NaN passed to the writer
    as the writer's NoData).
    """
    grid = check_same_grid([before, after])
    matrix = np.zeros((classes, classes))
    counts = np.zeros((classes, classes), dtype=np.int64)
    for window in iter_windows(grid, 24, monitor):
        gs = []
        for r in (before, after):
            values, valid = r.read_valid(window)
            bad = valid & ((values < 1) | (values > classes) | (values != np.round(values)))
            if bad.any():
                v = values[bad][0]
                raise CoreError("Input '{name}' holds the value {v:g}, which is not a grade 1–{classes}. Use a grade "
                                "raster from rsei:rsei or rsei:rseiseries.", name=r.name, v=v, classes=classes)
            gs.append(np.where(valid, values, 0).astype(np.int16))
        ok = (gs[0] > 0) & (gs[1] > 0)
        areas = grid.row_pixel_areas_km2(window.row_off, window.row_off + window.height)
        pair = (gs[0] - 1) * classes + (gs[1] - 1)
        area_px = np.broadcast_to(areas[:, None], ok.shape)
        matrix += np.bincount(pair[ok], weights=area_px[ok], minlength=classes * classes).reshape(classes, classes)
        counts += np.bincount(pair[ok], minlength=classes * classes).reshape(classes, classes)
        if change_writer is not None:
            change = np.where(ok, gs[1] - gs[0], change_writer.nodata)
            change_writer.write(window, change)
    return matrix, counts
