"""Seasonal median composite of Landsat Level-2 scenes on one target grid, block by block.

For each output block every scene's bands and QA_PIXEL are read warped onto the
target grid (GDAL warped VRT through :class:`~.raster.RasterReader`), QA-masked,
stacked and reduced with a per-pixel, per-band ``nanmedian`` of the clear
observations. An observation is clear when every band of the scene is valid at
that pixel, so all bands of a pixel's median come from the same observations.
Memory depends on the block size and the number of scenes, never on the raster size.
"""
import math

import numpy as np

from .deps import rasterio
from .errors import CoreError
from .indices import COMPOSITE_BANDS
from .landsat import COMPOSITE_TAG, SceneSource
from .mtl import REFLECTANCE_ROLES, open_scene
from .qa import QA_DEFAULT
from . import engine
from .raster import Grid, prepare_block, tile_windows

#: NoData of the clear-observation count outside the clip polygon.
COUNT_NODATA = -1

BAND_DESCRIPTIONS = {
    "blue": "blue surface reflectance", "green": "green surface reflectance", "red": "red surface reflectance",
    "nir": "NIR surface reflectance", "swir1": "SWIR1 surface reflectance", "swir2": "SWIR2 surface reflectance",
    "lst": "surface temperature (deg C)",
}


def nanmedian0(stack):
    """Median along axis 0 ignoring NaN (the mean of the two middle values for an even count); NaN where
    every value is NaN. Same result as ``numpy.nanmedian(stack, axis=0)``, but vectorised for the few
    observations per pixel of a composite, where numpy's nanmedian falls back to a per-pixel loop."""
    # Observations last and contiguous: sorting short contiguous rows is much faster than strided ones.
    ordered = np.ascontiguousarray(np.moveaxis(stack, 0, -1))
    ordered.sort(axis=-1)                                  # NaN sort last
    k = np.count_nonzero(~np.isnan(ordered), axis=-1)
    lo = np.maximum(k - 1, 0) // 2
    hi = k // 2
    a = np.take_along_axis(ordered, lo[..., None], axis=-1)[..., 0]
    b = np.take_along_axis(ordered, hi[..., None], axis=-1)[..., 0]
    med = (a + b) / 2
    med[k == 0] = np.nan
    return med


def _composite_task(sources, bands, grid, clip_geometries, kinds, window):
    """One window on an engine worker: QA-masked stack of the scenes, its median and clear counts.

    Returns (prepared median block, prepared count block or None, clear pixels per scene,
    observations in the window).
    """
    h, w = int(window.height), int(window.width)
    n, nb = len(sources), len(bands)
    inside = None
    if clip_geometries:
        wt = rasterio.windows.transform(window, grid.affine)
        inside = rasterio.features.geometry_mask(clip_geometries, (h, w), wt, invert=True)
    stack = np.full((n, nb, h, w), np.nan, dtype=np.float32)
    clear = []
    for i, src in enumerate(sources):
        data = src.read(window, bands)
        for j, b in enumerate(bands):
            stack[i, j] = data[b]
        ok = np.all(np.isfinite(stack[i]), axis=0)
        if inside is not None:
            ok &= inside
        stack[i][:, ~ok] = np.nan
        clear.append(int(np.count_nonzero(ok)))
    count = np.count_nonzero(np.isfinite(stack[:, 0]), axis=0)
    median = prepare_block(nanmedian0(stack), *kinds[0])
    counted = None
    if kinds[1] is not None:
        c = count.astype(np.int16)
        if inside is not None:
            c[~inside] = COUNT_NODATA
        counted = prepare_block(c, *kinds[1])
    return median, counted, clear, int(count.sum())


def select_scenes(mtl_paths, months, monitor):
    """Open the scenes and keep those acquired in ``months``; the others are noted in the log."""
    if not mtl_paths:
        raise CoreError("Input 'SCENES': no scene (MTL file) was given.")
    kept = []
    for path in mtl_paths:
        scene = open_scene(path)
        if not scene.date:
            raise CoreError("Scene {label}: the MTL has no DATE_ACQUIRED.", label=scene.label)
        if scene.month not in months:
            monitor.info("Scene {label} ({date}) skipped: month {month} is outside MONTHS.", label=scene.label,
                         date=scene.date, month=scene.month)
            continue
        if scene.level != "L2":
            raise CoreError("Scene {label} is a Level-1 product; the composite needs Collection 2 Level-2 surface "
                            "reflectance (L2SP or L2SR) so that scenes of different dates are comparable.",
                            label=scene.label)
        for role in REFLECTANCE_ROLES:
            scene.band(role, "OUTPUT")
        kept.append(scene)
    if not kept:
        raise CoreError("Input 'SCENES': none of the {n_scenes} scene(s) was acquired in the months {months}.",
                        n_scenes=len(mtl_paths), months=', '.join(str(m) for m in months))
    return kept


def scene_grid(scene):
    """The grid of a scene's reflectance bands."""
    with rasterio.open(scene.band("red").path) as ds:
        return Grid.from_dataset(ds)


def target_grid(reference, crs=None, resolution=None, bounds=None):
    """The output grid: the reference (first scene's) grid, optionally in another CRS/resolution/extent.

    ``crs`` is anything rasterio's ``CRS.from_user_input`` takes; ``bounds`` is
    (left, bottom, right, top) in the target CRS. With the reference CRS and pixel
    size the grid stays aligned to the reference pixels.
    """
    ref_crs = reference.crs
    dst_crs = rasterio.crs.CRS.from_user_input(crs) if crs else ref_crs
    same_crs = dst_crs == ref_crs
    res = float(resolution) if resolution else None
    px, py = reference.pixel_size
    if same_crs and (res is None or (abs(res - px) < 1e-9 * res and abs(res - py) < 1e-9 * res)):
        if bounds is None:
            return reference
        a, _, c, _, e, f = reference.transform
        left, bottom, right, top = bounds
        col0 = math.floor((left - c) / a + 1e-9)
        col1 = math.ceil((right - c) / a - 1e-9)
        row0 = math.floor((top - f) / e + 1e-9)
        row1 = math.ceil((bottom - f) / e - 1e-9)
        if col1 <= col0 or row1 <= row0:
            raise CoreError("The EXTENT is empty.")
        return Grid(dst_crs.to_wkt(), (a, 0.0, c + col0 * a, 0.0, e, f + row0 * e), col1 - col0, row1 - row0)
    if bounds is None:
        transform, width, height = rasterio.warp.calculate_default_transform(
            ref_crs, dst_crs, reference.width, reference.height, *reference.bounds,
            resolution=res)
        return Grid(dst_crs.to_wkt(), tuple(transform)[:6], width, height)
    if res is None:
        transform, _, _ = rasterio.warp.calculate_default_transform(
            ref_crs, dst_crs, reference.width, reference.height, *reference.bounds)
        res = abs(transform.a)
    return Grid.from_bounds(dst_crs.to_wkt(), *bounds, res)


def _overlaps(scene_grid_, grid):
    try:
        b = rasterio.warp.transform_bounds(scene_grid_.crs, grid.crs, *scene_grid_.bounds, densify_pts=21)
    except Exception:  # noqa: BLE001 - a failed transform means no usable overlap
        return False
    t = grid.bounds
    return b[0] < t[2] and b[2] > t[0] and b[1] < t[3] and b[3] > t[1]


def make_composite(scenes, grid, out_path, count_path, tx, monitor, qa_conditions=QA_DEFAULT,
                   resampling="nearest", clip_geometries=None, harmonize=False):
    """Write the median composite (and the clear-observation count) of ``scenes`` on ``grid``.

    ``clip_geometries``: GeoJSON-like polygons in the grid's CRS; pixels outside are
    NoData. ``harmonize``: TM/ETM+ reflectance is transformed to OLI-like reflectance
    (:mod:`.harmonize`, Roy et al. 2016) per scene and band before the median.
    Returns a summary dict (scenes used, sensors, bands, clear pixels per scene).
    """
    from . import harmonize as hz
    used = []
    for scene in scenes:
        if _overlaps(scene_grid(scene), grid):
            used.append(scene)
        else:
            monitor.warn("Scene {label} does not overlap the target grid; it is left out.", label=scene.label)
    if not used:
        raise CoreError("None of the scenes overlaps the target grid/extent: {scenes}.",
                        scenes=", ".join(s.label for s in scenes))
    with_thermal = all(s.has("thermal") for s in used)
    roles = list(REFLECTANCE_ROLES) + (["lst"] if with_thermal else [])
    if not with_thermal:
        lacking = [s.label for s in used if not s.has("thermal")]
        monitor.info("No surface-temperature band in {lacking}: the composite has the six reflectance bands only.",
                     lacking=', '.join(lacking))
    bands = [b for b in COMPOSITE_BANDS if b in roles]
    sensors = [s.sensor for s in used]
    sources = []
    try:
        for scene in used:
            src = SceneSource(scene, roles, qa_conditions, grid=grid, resampling=resampling, monitor=monitor)
            sources.append(hz.HarmonizedSource(src) if harmonize and hz.applies_to(scene.sensor) else src)
        out = tx.raster(out_path, grid, len(bands), "float32", descriptions=[BAND_DESCRIPTIONS[b] for b in bands])
        out.set_tags(**{COMPOSITE_TAG: "rsei:landsatcomposite", "RSEI_BANDS": ",".join(bands),
                        "RSEI_SENSORS": ",".join(sensors),
                        "RSEI_SCENES": ",".join(s.label for s in used),
                        **({hz.TAG: hz.METHOD} if harmonize else {})})
        counter = None
        if count_path:
            counter = tx.raster(count_path, grid, 1, "int16", nodata=COUNT_NODATA,
                                descriptions=["number of clear observations"])
        clear = [0] * len(used)
        total = 0
        n, nb = len(used), len(bands)
        # float32 stack of n scenes × nb bands, nanmedian's working copy of it, masks and the outputs,
        # per window of whole tiles (core.engine: computed on the workers, written here in order).
        bpp = 4 * (2 * n * nb + 2 * n + 3 * nb) + 16
        readers = [r for src in sources for r in src.readers_list()]
        kinds = ((out.dtype, out.nodata), (counter.dtype, counter.nodata) if counter is not None else None)
        task = engine.bind(_composite_task, sources, bands, grid, clip_geometries, kinds)
        with engine.ordered(task, tile_windows(grid, bpp, readers), monitor) as parts:
            for window, (median, count, clear_part, n_obs) in parts:
                out.write_prepared(window, median)
                if counter is not None:
                    counter.write_prepared(window, count)
                clear = [a + b for a, b in zip(clear, clear_part)]
                total += n_obs
    finally:
        for src in sources:
            src.close()
    for scene, n_clear in zip(used, clear):
        if n_clear == 0:
            monitor.warn("Scene {label} has no clear pixel in the target extent (all fill, out of range or masked by "
                         "QA).", label=scene.label)
        else:
            monitor.info("Scene {label} ({sensor}, {date}): {n_clear} clear pixels.", label=scene.label,
                         sensor=scene.sensor, date=scene.date, n_clear=n_clear)
    if total == 0:
        raise CoreError("No clear observation in the target extent in any scene: nothing to composite. "
                        "Check the months, the extent and the QA mask. No output was written.")
    summary = {"scenes": [s.label for s in used], "sensors": sensors, "composite_bands": bands,
               "clear_pixels_per_scene": dict(zip([s.label for s in used], clear))}
    if harmonize:
        summary["harmonization"] = dict(hz.summary(), scenes_transformed=[
            s.label for s in used if hz.applies_to(s.sensor)])
    return summary
