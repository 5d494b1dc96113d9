"""Ecological grade (EG) index from land cover (Han et al. 2025, section 3.2, eq. 14, Table 3).

Each land-cover class gets an ecological grade g (1 = best … 7 = worst, Table 3,
after Li et al. 2017). The EG index of a region is the area-weighted mean grade
(eq. 14), EG = Σ g_j·A_j / Σ A_j over the classes j present, reported — as in the
paper's Tables 8–9 — normalised and inverted so that higher is better:

    EG' = (g_max − EG) / (g_max − g_min)

with g_min, g_max the lowest and highest grade of the lookup table (1 and 7 for
Table 3). Lookup tables for products other than the paper's are kept here as data
with the reasoning for every mapping onto Table 3's categories.
"""
import math
import os
import tempfile
from dataclasses import dataclass, field

import numpy as np

from . import engine
from .deps import rasterio, require, scipy
from .errors import CoreError, Joined, Text
from .kinds import PRODUCT_TAG
from .monitor import NULL_MONITOR
from .raster import TILE, RasterReader, geojson_bounds, halo_window, prepare_block, tile_windows, valid_mask

# ----------------------------------------------------------------------------- Table 3

#: Table 3 of Han et al. (2025): category key → (label, ecological grade, ecological land).
TABLE3 = {
    "water": ("Water body", 1, True),
    "wetland": ("Wetland", 1, True),
    "forest": ("Forest", 2, True),
    "shrubland": ("Shrubland", 3, True),
    "grassland": ("Grassland", 4, True),
    "cropland": ("Cultivated land", 5, False),
    "construction": ("Construction land", 6, False),
    "barren": ("Barren land", 7, False),
}

TABLE3_REFERENCE = (
    "Han, C., Li, P., Xie, H., Pi, Y., Zhang, Y., Han, X., Jin, J., Zhao, Y. (2025). Assessment of ecological "
    "quality dynamics and driving factors in the Ningdong mining area, China, using the coupled remote sensing "
    "ecological index and ecological grade index. Sustainability 17, 9075 (section 3.2, eq. 14, Table 3).")
LI_2017 = ("Li, Y.R., Cao, Z., Long, H.L., Liu, Y.S., Li, W.J. (2017). Dynamic analysis of ecological environment "
           "combined with land cover and NDVI changes and implications for sustainable urban–rural development: "
           "the case of Mu Us Sandy Land, China. Journal of Cleaner Production 142, 697–715.")
CAS_LUCC = ("Liu, J., Kuang, W., Zhang, Z., et al. (2014). Spatiotemporal characteristics, patterns, and causes of "
            "land-use changes in China since the late 1980s. Journal of Geographical Sciences 24, 195–210 "
            "(CAS land-use classification: class 44 'permanent glacier and snow' belongs to 4 'water area').")


@dataclass(frozen=True)
class Preset:
    """A land-cover product's legend mapped onto Table 3's categories.

    ``classes`` holds (code, class name, Table 3 category key or None for no grade);
    ``fill_codes`` are codes the product uses for 'no data' (treated as NoData).
    """

    key: str
    label: str
    classes: tuple
    fill_codes: tuple
    reference: str
    notes: str


PRESETS = {
    "clcd": Preset(
        "clcd", "China Land Cover Dataset (CLCD, codes 1–9)",
        ((1, "cropland", "cropland"), (2, "forest", "forest"), (3, "shrub", "shrubland"),
         (4, "grassland", "grassland"), (5, "water", "water"), (6, "snow/ice", "water"),
         (7, "barren", "barren"), (8, "impervious", "construction"), (9, "wetland", "wetland")),
        (0,),
        "Yang, J., Huang, X. (2021). The 30 m annual land cover dataset and its dynamics in China from 1990 to "
        "2019. Earth System Science Data 13, 3907–3925.",
        "Codes 1–5 and 7–9 follow the paper (Table 3). Snow/ice (6) has no grade in the paper; it is graded 1 "
        "like water bodies because the Chinese land-use classification from which Table 3's categories come "
        "(CAS LUCC, Liu et al. 2014) files permanent glaciers and snow under water areas. Override with "
        "LOOKUP_TABLE (e.g. '6' with an empty grade to leave it ungraded). Code 0 (fill) is NoData."),
    "worldcover": Preset(
        "worldcover", "ESA WorldCover 10 m (2020 v100, 2021 v200; codes 10–100)",
        ((10, "tree cover", "forest"), (20, "shrubland", "shrubland"), (30, "grassland", "grassland"),
         (40, "cropland", "cropland"), (50, "built-up", "construction"),
         (60, "bare / sparse vegetation", "barren"), (70, "snow and ice", "water"),
         (80, "permanent water bodies", "water"), (90, "herbaceous wetland", "wetland"),
         (95, "mangroves", "wetland"), (100, "moss and lichen", "grassland")),
        (0,),
        "Zanaga, D., Van De Kerchove, R., et al. (2022). ESA WorldCover 10 m 2021 v200. "
        "doi:10.5281/zenodo.7254221.",
        "One-to-one where WorldCover has the category. Snow and ice (70) → water body as for CLCD. Mangroves "
        "(95) → wetland: they are tidal wetlands (Ramsar type I), and CLCD/CAS count tidal land as wetland or "
        "water. Moss and lichen (100) → grassland: low, non-woody perennial cover is closest to Table 3's "
        "grassland, not to bare land. Code 0 (no data) is NoData."),
    "nlcd": Preset(
        "nlcd", "US National Land Cover Database (NLCD 2001–2021, codes 11–95)",
        ((11, "open water", "water"), (12, "perennial ice/snow", "water"),
         (21, "developed, open space", "construction"), (22, "developed, low intensity", "construction"),
         (23, "developed, medium intensity", "construction"), (24, "developed, high intensity", "construction"),
         (31, "barren land", "barren"), (41, "deciduous forest", "forest"), (42, "evergreen forest", "forest"),
         (43, "mixed forest", "forest"), (51, "dwarf scrub", "shrubland"), (52, "shrub/scrub", "shrubland"),
         (71, "grassland/herbaceous", "grassland"), (72, "sedge/herbaceous", "grassland"),
         (73, "lichens", "grassland"), (74, "moss", "grassland"), (81, "pasture/hay", "cropland"),
         (82, "cultivated crops", "cropland"), (90, "woody wetlands", "wetland"),
         (95, "emergent herbaceous wetlands", "wetland")),
        (0,),
        "Homer, C., Dewitz, J., Yang, L., et al. (2015). Completion of the 2011 National Land Cover Database "
        "for the conterminous United States. Photogrammetric Engineering & Remote Sensing 81, 345–354.",
        "NLCD's Anderson level-I groups map onto Table 3: water (11) and ice/snow (12, as for CLCD) → 1; all "
        "developed classes (21–24, level I 'developed') → construction land 6 (open space is mostly lawns "
        "and roads; override 21 to 4 if parks dominate); barren (31) → 7; forests (41–43) → 2; scrub (51, 52) "
        "→ 3; herbaceous (71–74) → grassland 4; planted/cultivated (81 pasture/hay, 82 crops; level I "
        "'planted/cultivated') → cultivated land 5; wetlands (90, 95) → 1. Code 0 (unclassified) is NoData."),
}

#: Order of the LOOKUP choices in the algorithm ("none": LOOKUP_TABLE only).
PRESET_KEYS = ("clcd", "worldcover", "nlcd", "none")


def preset_grades(key):
    """{code: grade or None} of a preset (``'none'`` → empty)."""
    if key == "none":
        return {}
    if key not in PRESETS:
        raise CoreError("Unknown land-cover lookup preset '{key}'; use one of {presets}.", key=key,
                        presets=', '.join(PRESET_KEYS))
    return {code: (TABLE3[cat][1] if cat else None) for code, _, cat in PRESETS[key].classes}


# ----------------------------------------------------------------------------- lookup

@dataclass
class Lookup:
    """Class code → ecological grade (None: the class is known but has no grade, i.e. NoData)."""

    grades: dict
    names: dict = field(default_factory=dict)
    fill_codes: tuple = ()
    #: EG normalisation (the EG_SCALE choice): "range" EG′ = (g_max − g)/(g_max − g_min), i.e. (7 − EG)/6 for
    #: Table 3 (the default); "count" EG′ = (g_max + 1 − g)/(g_max − g_min + 1), i.e. (8 − EG)/7.
    scale: str = "range"

    def __post_init__(self):
        graded = [g for g in self.grades.values() if g is not None]
        if not graded:
            raise CoreError("The land-cover lookup is empty: no class has a grade. Choose a preset in LOOKUP "
                            "or give class → grade rows in LOOKUP_TABLE.")
        self.g_min = float(min(graded))
        self.g_max = float(max(graded))
        if self.g_max == self.g_min:
            raise CoreError("Every class of the land-cover lookup has grade {g_min:g}; the EG index is normalised by "
                            "(g_max − g_min) and needs at least two different grades.", g_min=self.g_min)
        self.codes = np.array(sorted(self.grades), dtype=np.float64)
        self.grade_of_index = np.array([np.nan if self.grades[c] is None else float(self.grades[c])
                                        for c in sorted(self.grades)])

    def name(self, code):
        return self.names.get(code, f"class {code:g}" if isinstance(code, float) else f"class {code}")

    def normalise(self, grade):
        """EG' = (g_max − g) / (g_max − g_min) (1 best, 0 worst), or with ``scale`` "count"
        (g_max + 1 − g) / (g_max − g_min + 1) (1 best, 1/7 worst for grades 1–7)."""
        top = self.g_max + (1.0 if self.scale == "count" else 0.0)
        return (top - np.asarray(grade, dtype=np.float64)) / (top - self.g_min)

    def classify(self, values, valid):
        """Index into ``codes`` of each pixel and masks (known, unknown) — fill codes count as NoData."""
        v = np.asarray(values)
        valid = np.asarray(valid, dtype=bool).copy()
        for code in self.fill_codes:
            valid &= v != code
        vf = v.astype(np.float64, copy=False)
        idx = np.searchsorted(self.codes, vf)
        idx[idx >= len(self.codes)] = 0
        known = valid & (self.codes[idx] == vf)
        return idx, known, valid & ~known

    def grade(self, values, valid):
        """Grade per pixel (float, NaN where NoData, ungraded or unknown)."""
        idx, known, _ = self.classify(values, valid)
        out = self.grade_of_index[idx]
        out[~known] = np.nan
        return out


def _number(text, what):
    if isinstance(text, (int, float)) and not isinstance(text, bool):
        value = float(text)
    else:
        s = str(text).strip()
        try:
            value = float(s)
        except ValueError:
            raise CoreError("{what} '{s}' is not a number.", what=what, s=s) from None
    if not math.isfinite(value):
        raise CoreError("{what} '{text}' is not a finite number.", what=what, text=text)
    return value


def class_code(value):
    return int(value) if float(value).is_integer() else float(value)


def parse_table(rows):
    """LOOKUP_TABLE rows [(class, grade), …] → {code: grade or None}; an empty grade means 'no grade'."""
    out = {}
    for cls, grade in rows:
        if cls is None or str(cls).strip() == "":
            if grade is None or str(grade).strip() == "":
                continue
            raise CoreError("LOOKUP_TABLE: a row with grade '{grade}' has no class value.", grade=grade)
        code = class_code(_number(cls, Text("LOOKUP_TABLE: class")))
        if code in out:
            raise CoreError("LOOKUP_TABLE: class {code} is given twice.", code=code)
        if grade is None or str(grade).strip() == "":
            out[code] = None
        else:
            out[code] = _number(grade, Text("LOOKUP_TABLE: the grade of class {code},", code=code))
    return out


def flat_rows(values, columns=2):
    """A QGIS matrix parameter's flat list → rows of ``columns`` values."""
    values = list(values or [])
    if values and all(isinstance(v, (list, tuple)) for v in values):  # already rows
        values = [x for row in values for x in row]
    if all(v is None or str(v).strip() == "" for v in values):  # an unset matrix parameter gives ['']
        return []
    if len(values) % columns:
        raise CoreError("LOOKUP_TABLE must have {columns} values per row (class, grade); it has {n_values} value(s).",
                        columns=columns, n_values=len(values))
    return [values[i:i + columns] for i in range(0, len(values), columns)]


#: Order of the EG_SCALE choices of rsei:egindex.
EG_SCALES = ("range", "count")


def build_lookup(preset="clcd", table_rows=(), scale="range"):
    """The lookup of a preset with LOOKUP_TABLE rows overriding or adding classes; ``scale``: see :class:`Lookup`."""
    if scale not in EG_SCALES:
        raise CoreError("Unknown EG scale '{scale}'; use one of {scales}.", scale=scale,
                        scales=', '.join(EG_SCALES))
    grades = dict(preset_grades(preset))
    names = {code: name for code, name, _ in PRESETS[preset].classes} if preset in PRESETS else {}
    fill = PRESETS[preset].fill_codes if preset in PRESETS else ()
    overrides = parse_table(table_rows)
    grades.update(overrides)
    fill = tuple(c for c in fill if c not in overrides)
    return Lookup(grades, names, fill, scale)


# ----------------------------------------------------------------------------- window mean

def window_mean(values, weights, size):
    """Weighted mean of ``values`` over a ``size``×``size`` window, NaN pixels excluded.

    ``weights`` (pixel areas) broadcast to ``values``. Pixels outside the array do
    not count (the window is truncated at the edges). Where the centre pixel is NaN
    the result is NaN, so the output keeps the input's footprint.
    """
    require(("scipy",))
    values = np.asarray(values, dtype=np.float64)
    ok = np.isfinite(values)
    w = np.where(ok, np.broadcast_to(weights, values.shape), 0.0)
    if size <= 1:
        return np.where(ok, values, np.nan)
    num = scipy.ndimage.uniform_filter(np.where(ok, values, 0.0) * w, size, mode="constant", cval=0.0)
    den = scipy.ndimage.uniform_filter(w, size, mode="constant", cval=0.0)
    out = np.full(values.shape, np.nan)
    # uniform_filter sums by a running window: tiny negative residues where the window is empty.
    good = ok & (den > 1e-12 * np.max(w, initial=0.0))
    out[good] = num[good] / den[good]
    # A weighted mean lies within the range of the values it averages; the running sums' rounding
    # (e.g. −7e-16 for a window of zeros) must not take it outside (EG′ stays in [0, 1]).
    if good.any():
        np.clip(out, np.min(values[ok]), np.max(values[ok]), out=out)
    return out


def check_codes(path, lookup, preset="clcd", name="INPUT"):
    """Refuse a raster that is not integer class codes, or none of whose codes the lookup knows.

    Reads block by block until a code of the lookup is found (one block for a right input). The error
    names the codes found and the presets that know them.
    """
    from .kinds import integer_codes
    known = {class_code(c) for c in lookup.grades}
    codes = integer_codes(path, name, stop=lambda found: not known.isdisjoint(found))
    codes = {class_code(c) for c in codes} - {class_code(c) for c in lookup.fill_codes}
    if not codes or not known.isdisjoint(codes):
        return
    shown = sorted(codes)
    listed = ", ".join(f"{c:g}" if isinstance(c, float) else str(c) for c in shown[:20])
    if len(shown) > 20:
        listed = Text("{listed}, … ({count} codes)", listed=listed, count=len(shown))
    label = PRESETS[preset].label if preset in PRESETS else Text("LOOKUP_TABLE only")
    matching = []
    for key, p in PRESETS.items():
        n = len(codes & {c for c, _, _ in p.classes})
        if n and key != preset:
            matching.append((-n, PRESET_KEYS.index(key), p.label, n))
    file = os.path.basename(str(path))
    if matching:
        presets = Joined("; ", [Text("LOOKUP={i} ({label}: {n} of the {total} codes)", i=i, label=label_, n=n,
                                     total=len(codes)) for _, i, label_, n in sorted(matching)])
        raise CoreError("{name}: none of the land-cover codes of '{file}' ({listed}) is in the lookup ({label}), so "
                        "every pixel would be NoData. Presets that know these codes: {presets}.", name=name,
                        file=file, listed=listed, label=label, presets=presets)
    raise CoreError("{name}: none of the land-cover codes of '{file}' ({listed}) is in the lookup ({label}), so every "
                    "pixel would be NoData. No preset knows them: give each class its grade in LOOKUP_TABLE (with "
                    "LOOKUP={none} the table alone is used).", name=name, file=file, listed=listed, label=label,
                    none=PRESET_KEYS.index('none'))


# ----------------------------------------------------------------------------- zones

@dataclass
class Zone:
    """A polygon zone: id, name and GeoJSON geometry in the CRS ``crs_wkt``."""

    zid: object
    name: str
    geometry: dict
    crs_wkt: str = ""


def _crs(text):
    try:
        return rasterio.crs.CRS.from_user_input(text)
    except Exception as exc:  # noqa: BLE001 - any CRS parsing failure becomes a user message
        raise CoreError("Input 'ZONES': its CRS cannot be read ({exc}).", exc=exc) from exc


def _zones_on_grid(zones, grid):
    """Zones reprojected onto the grid's CRS with their bounds."""
    out = []
    for z in zones:
        geom = z.geometry
        zcrs = _crs(z.crs_wkt) if z.crs_wkt else None
        if zcrs is not None and grid.crs_wkt and zcrs != grid.crs:
            geom = rasterio.warp.transform_geom(zcrs, grid.crs, geom)
        out.append((z, geom, geojson_bounds(geom)))
    return out


# ----------------------------------------------------------------------------- class areas

@dataclass
class ClassAreas:
    """Area (km²) per lookup class and of unknown codes, with the EG index they give."""

    lookup: Lookup
    area: np.ndarray = None
    pixels: np.ndarray = None
    unknown_area: dict = field(default_factory=dict)
    unknown_pixels: dict = field(default_factory=dict)

    def __post_init__(self):
        n = len(self.lookup.codes)
        self.area = np.zeros(n) if self.area is None else self.area
        self.pixels = np.zeros(n, dtype=np.int64) if self.pixels is None else self.pixels

    def merge(self, other):
        """Add the areas of another :class:`ClassAreas` of the same lookup (window partials, in window order)."""
        self.area += other.area
        self.pixels += other.pixels
        for code, a in other.unknown_area.items():
            self.unknown_area[code] = self.unknown_area.get(code, 0.0) + a
            self.unknown_pixels[code] = self.unknown_pixels.get(code, 0) + other.unknown_pixels[code]
        return self

    def add(self, idx, known, unknown, values, area):
        n = len(self.lookup.codes)
        self.area += np.bincount(idx[known], weights=area[known], minlength=n)
        self.pixels += np.bincount(idx[known], minlength=n)
        if unknown.any():
            u, inv = np.unique(np.asarray(values)[unknown], return_inverse=True)
            a = np.bincount(inv, weights=area[unknown], minlength=len(u))
            c = np.bincount(inv, minlength=len(u))
            for code, ai, ci in zip(u.tolist(), a, c):
                code = class_code(code)
                self.unknown_area[code] = self.unknown_area.get(code, 0.0) + float(ai)
                self.unknown_pixels[code] = self.unknown_pixels.get(code, 0) + int(ci)

    @property
    def graded(self):
        return np.isfinite(self.lookup.grade_of_index)

    @property
    def graded_area(self):
        return float(self.area[self.graded].sum())

    @property
    def mean_grade(self):
        """Eq. 14: Σ g_j·A_j / Σ A_j over graded classes (NaN without graded area)."""
        a = self.area[self.graded]
        if a.sum() <= 0:
            return float("nan")
        return float(np.sum(self.lookup.grade_of_index[self.graded] * a) / a.sum())

    @property
    def eg_index(self):
        """Eq. 14 normalised and inverted (Tables 8–9)."""
        g = self.mean_grade
        return float(self.lookup.normalise(g)) if math.isfinite(g) else float("nan")

    def class_rows(self):
        """[(code, name, grade, pixels, area_km2)] of the lookup classes present."""
        rows = []
        for i, code in enumerate(self.lookup.codes):
            if self.pixels[i]:
                c = class_code(code)
                g = self.lookup.grades[c]
                rows.append((c, self.lookup.name(c), g, int(self.pixels[i]), float(self.area[i])))
        return rows


def _pixel_areas(grid, window):
    rows = grid.row_pixel_areas_km2(int(window.row_off), int(window.row_off + window.height))
    return np.broadcast_to(rows[:, None], (int(window.height), int(window.width)))


def _block_transform(grid, window):
    return rasterio.windows.transform(window, grid.affine)


BYTES_PER_PIXEL = 96


def bytes_per_pixel(grid, halo, bpp=BYTES_PER_PIXEL):
    """Per-pixel estimate for tile_windows so that a window plus its halo of ``halo`` pixels fits the budget.

    Windows are at least one output tile (256 × 256) wide and high, so the halo adds at most
    ((256 + 2·halo) / 256)² − 1 of the window's pixels.
    """
    if halo <= 0:
        return bpp
    side = min(TILE, grid.width, grid.height)
    return int(math.ceil(bpp * ((side + 2 * halo) / side) ** 2))


class Footprint:
    """Where a reference raster is valid, on another grid (nearest neighbour, block by block).

    Used to count only the land-cover pixels whose centre lies on a valid pixel of
    REFERENCE. An alpha band marks pixels outside the reference extent, so this works
    for references without a NoData value, too. Thread-safe and picklable (a
    :class:`~.raster.RasterReader` underneath).
    """

    def __init__(self, path, grid, name="REFERENCE"):
        require(("rasterio",))
        self._reader = RasterReader(path, name, grid=grid, resampling="nearest", alpha=True)
        self.nodata = self._reader.source_nodata

    def valid(self, window):
        ds = self._reader.ds
        values = ds.read(1, window=window)
        ok = ds.read(ds.count, window=window) > 0
        return ok & valid_mask(values, self.nodata)

    def close(self):
        self._reader.close()


def _accumulate_task(reader, lookup, zoned, halo, footprint, make_block, window):
    """One window on an engine worker: class areas of the window and of each zone it meets, and its output block.

    Returns (ClassAreas of the window, [(zone index, ClassAreas)], make_block's result or None).
    """
    grid = reader.grid
    big, core = halo_window(grid, window, halo)
    values, valid = reader.read_valid(big)
    idx, known, unknown = lookup.classify(values, valid)
    area = _pixel_areas(grid, big)
    c_idx, c_known, c_unknown, c_vals, c_area = idx[core], known[core], unknown[core], values[core], area[core]
    if footprint is not None:
        inside = footprint.valid(window)
        c_known = c_known & inside
        c_unknown = c_unknown & inside
    total = ClassAreas(lookup)
    total.add(c_idx, c_known, c_unknown, c_vals, c_area)
    zone_parts = []
    if zoned:
        r0, c0 = int(window.row_off), int(window.col_off)
        left, top = grid.affine * (c0, r0)
        right, bottom = grid.affine * (c0 + int(window.width), r0 + int(window.height))
        bx0, bx1 = min(left, right), max(left, right)
        by0, by1 = min(top, bottom), max(top, bottom)
        tr = _block_transform(grid, window)
        for k, (zone, geom, bounds) in enumerate(zoned):
            if bounds is None or bounds[2] < bx0 or bounds[0] > bx1 or bounds[3] < by0 or bounds[1] > by1:
                continue
            mask = rasterio.features.rasterize([(geom, 1)], out_shape=c_idx.shape, transform=tr, fill=0,
                                               dtype="uint8").astype(bool)
            if mask.any():
                acc = ClassAreas(lookup)
                acc.add(c_idx, c_known & mask, c_unknown & mask, c_vals, c_area)
                zone_parts.append((k, acc))
    block = make_block(core, values, valid, idx, known, area) if make_block is not None else None
    return total, zone_parts, block


def accumulate(reader, lookup, zones=(), monitor=NULL_MONITOR, make_block=None, halo=0, footprint=None,
               on_block=None):
    """One pass over ``reader``: class areas of the whole raster and of each zone.

    Windows of whole tiles run on the engine (:mod:`.engine`). ``make_block(core, values,
    valid, idx, known, area)`` (a picklable callable, run in the task) makes each window's
    output from the window read with ``halo`` extra pixels on every side (``core``: the
    slices of the window itself); ``on_block(window, result)`` consumes it on the calling
    thread in window order (e.g. writes it). Returns (ClassAreas of the raster, [ClassAreas
    per zone]).
    """
    require(("rasterio",))
    grid = reader.grid
    total = ClassAreas(lookup)
    zoned = _zones_on_grid(zones, grid)
    per_zone = [ClassAreas(lookup) for _ in zoned]
    task = engine.bind(_accumulate_task, reader, lookup, zoned, halo, footprint, make_block)
    windows = tile_windows(grid, bytes_per_pixel(grid, halo), [reader])
    with engine.ordered(task, windows, monitor) as parts:
        for window, (part, zone_parts, block) in parts:
            total.merge(part)
            for k, acc in zone_parts:
                per_zone[k].merge(acc)
            if on_block is not None:
                on_block(window, block)
    return total, per_zone


def _eg_block(lookup, eg_window, grade_kind, eg_kind, core, values, valid, idx, known, area):
    """Grade and EG blocks of one window (EG: window mean over the halo), prepared for writing."""
    grades = lookup.grade_of_index[idx]
    grades[~known] = np.nan
    g = prepare_block(grades[core], *grade_kind) if grade_kind else None
    e = None
    if eg_kind:
        e = prepare_block(window_mean(lookup.normalise(grades), area, eg_window)[core], *eg_kind)
    return g, e


def _eg_source_block(lookup, kind, core, values, valid, idx, known, area):
    """The normalised grade of one window on the land cover's own grid (later resampled onto REFERENCE)."""
    grades = lookup.grade_of_index[idx]
    grades[~known] = np.nan
    return prepare_block(lookup.normalise(grades)[core], *kind)


def unknown_message(name, areas):
    """Log text (a :class:`~.errors.Text`) for land-cover codes that the lookup does not know (None if none)."""
    if not areas.unknown_pixels:
        return None
    items = sorted(areas.unknown_pixels.items(), key=lambda kv: -kv[1])
    listed = Joined(", ", [Text("{code}: {n} pixel(s)", code=code, n=n) for code, n in items[:20]])
    more = Text(" and {n} more", n=len(items) - 20) if len(items) > 20 else ""
    return Text("Input '{name}': {count} land-cover code(s) are not in the lookup and were left ungraded (NoData): "
                "{listed}{more}. Add them to LOOKUP_TABLE or choose the preset of your product.", name=name,
                count=len(items), listed=listed, more=more)


# ----------------------------------------------------------------------------- the run

@dataclass
class EgResult:
    areas: ClassAreas
    zones: list
    zone_areas: list
    series: list  # [(year, path, ClassAreas, [ClassAreas per zone])]


def run_egindex(path, lookup, tx=None, grade_path=None, eg_path=None, window=1, reference=None,
                zones=(), series=(), fail_on_unknown=False, monitor=NULL_MONITOR, name="INPUT"):
    """Grade raster, EG raster (per pixel or window mean), EG index, zone and series class areas.

    ``reference``: path of a raster whose grid the raster outputs are put on (classes by
    nearest neighbour; EG′ is computed on the land cover's grid, average-resampled, then
    windowed on the output grid). The EG index and the tables always use the land cover on
    its own grid (exact class areas), restricted to the pixels whose centre lies on a valid
    pixel of the reference, so they describe the same area as the RSEI.
    """
    require(("rasterio", "scipy"))
    window = int(window)
    if window < 1 or window % 2 == 0:
        raise CoreError("WINDOW must be an odd number of pixels ≥ 1 (got {window}).", window=window)
    halo = window // 2
    series = list(series)
    n_steps = 1 + len(series)
    outputs = bool(grade_path or eg_path)
    ref_grid = None
    if reference is not None:
        with RasterReader(reference, "REFERENCE") as ref:
            ref_grid = ref.grid
    with RasterReader(path, name) as src:
        out_grid = src.grid
        if ref_grid is not None and src.grid.differences(ref_grid):
            if not src.grid.crs_wkt:
                raise CoreError("Input '{name}' has no CRS, so it cannot be put on the REFERENCE grid.", name=name)
            out_grid = ref_grid
        same = out_grid is src.grid
        main_share = 1.0 / n_steps
        mon = monitor.sub(0.0, main_share * (1.0 if same else 0.5))
        grade_w = tx.raster(grade_path, out_grid, descriptions=["ecological grade (Table 3)"]) \
            if grade_path else None
        eg_w = tx.raster(eg_path, out_grid, descriptions=[
            "EG index, normalised and inverted" + (f", mean over {window}x{window} pixels" if window > 1 else "")]) \
            if eg_path else None
        for writer, product in ((grade_w, "eg_grade"), (eg_w, "eg_index")):
            if writer is not None:
                writer.set_tags(**{PRODUCT_TAG: product})
        tmp_dir = None
        footprint = Footprint(reference, src.grid) if reference is not None else None
        try:
            if same:
                def write(win, blocks):
                    if grade_w is not None:
                        grade_w.write_prepared(win, blocks[0])
                    if eg_w is not None:
                        eg_w.write_prepared(win, blocks[1])
                make = engine.bind(_eg_block, lookup, window, _kind(grade_w), _kind(eg_w)) if outputs else None
                areas, zone_areas = accumulate(src, lookup, zones, mon, make, halo if eg_w is not None else 0,
                                               footprint, write if outputs else None)
            else:
                tmp_eg = None
                tmp_w = None
                if eg_w is not None:
                    tmp_dir = tempfile.mkdtemp(prefix="rsei-eg-")
                    tmp_eg = os.path.join(tmp_dir, "eg_source_grid.tif")
                    from .raster import RasterWriter
                    tmp_w = RasterWriter(tmp_eg, src.grid)

                def write_tmp(win, block):
                    tmp_w.write_prepared(win, block)
                make = engine.bind(_eg_source_block, lookup, _kind(tmp_w)) if tmp_w else None
                areas, zone_areas = accumulate(src, lookup, zones, mon, make, 0, footprint,
                                               write_tmp if tmp_w else None)
                if tmp_w is not None:
                    tmp_w.close()
                _write_on_reference(path, name, lookup, out_grid, grade_w, eg_w, tmp_eg, window,
                                    monitor.sub(main_share * 0.5, main_share))
        finally:
            if footprint is not None:
                footprint.close()
            if tmp_dir:
                for f in os.listdir(tmp_dir):
                    os.remove(os.path.join(tmp_dir, f))
                os.rmdir(tmp_dir)
    if areas.pixels.sum() + sum(areas.unknown_pixels.values()) == 0:
        if reference is not None:
            raise CoreError("Input '{name}' has no land-cover pixel under a valid pixel of 'REFERENCE': do the two "
                            "rasters overlap (check their extents and CRS)?", name=name)
        monitor.warn("Input '{name}' has no valid land-cover pixel; the EG index is undefined (NULL).", name=name)
    msg = unknown_message(name, areas)
    if msg:
        if fail_on_unknown:
            raise CoreError("{unknown} (FAIL_ON_UNKNOWN is set, so no output was written.)", unknown=msg)
        monitor.warn(msg)
    series_out = []
    for i, (year, spath) in enumerate(series):
        sname = f"SERIES ({os.path.basename(str(spath))})"
        with RasterReader(spath, sname) as s:
            fp = Footprint(reference, s.grid) if reference is not None else None
            try:
                s_areas, s_zones = accumulate(s, lookup, zones, monitor.sub((i + 1) / n_steps, (i + 2) / n_steps),
                                              footprint=fp)
            finally:
                if fp is not None:
                    fp.close()
        smsg = unknown_message(sname, s_areas)
        if smsg:
            if fail_on_unknown:
                raise CoreError("{unknown} (FAIL_ON_UNKNOWN is set, so no output was written.)", unknown=smsg)
            monitor.warn(smsg)
        series_out.append((year, spath, s_areas, s_zones))
    return EgResult(areas, list(zones), zone_areas, series_out)


def _kind(writer):
    """(dtype, nodata) of a writer for :func:`~.raster.prepare_block` in a task, or None."""
    return (writer.dtype, writer.nodata) if writer is not None else None


def _reference_task(lookup, grid, lc, eg, window_size, grade_kind, eg_kind, halo, window):
    """One window of the second pass on the REFERENCE grid: grades (nearest) and the windowed EG."""
    g = e = None
    if lc is not None:
        values, valid = lc.read_valid(window)
        g = prepare_block(lookup.grade(values, valid), *grade_kind)
    if eg is not None:
        big, core = halo_window(grid, window, halo)
        m = window_mean(eg.read(big), _pixel_areas(grid, big), window_size)
        e = prepare_block(m[core], *eg_kind)
    return g, e


def _write_on_reference(path, name, lookup, grid, grade_w, eg_w, tmp_eg, window, monitor):
    """Second pass on the REFERENCE grid: nearest-neighbour grades, average-resampled EG, window mean."""
    halo = window // 2 if eg_w is not None else 0
    lc = RasterReader(path, name, grid=grid, resampling="nearest") if grade_w is not None else None
    eg = RasterReader(tmp_eg, name, grid=grid, resampling="average") if eg_w is not None else None
    try:
        task = engine.bind(_reference_task, lookup, grid, lc, eg, window, _kind(grade_w), _kind(eg_w), halo)
        with engine.ordered(task, tile_windows(grid, bytes_per_pixel(grid, halo, 64)), monitor) as parts:
            for win, (g, e) in parts:
                if g is not None:
                    grade_w.write_prepared(win, g)
                if e is not None:
                    eg_w.write_prepared(win, e)
    finally:
        for r in (lc, eg):
            if r is not None:
                r.close()
