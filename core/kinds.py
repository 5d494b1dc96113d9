"""What kind of raster a file is, from the tags and band descriptions the toolbox writes.

Every output the toolbox makes that another tool takes as input is recognisable: a composite by its
``RSEI_COMPOSITE`` tag (:data:`COMPOSITE_TAG`), the other products by the ``RSEI_PRODUCT`` tag
(:data:`PRODUCT_TAG`), and files written before that tag existed by their band description. A raster from
elsewhere is of unknown kind (None) and is never refused for its kind.
"""
import math
import os

import numpy as np

from .deps import rasterio, require
from .errors import CoreError, Text

#: Dataset tag of a rsei:landsatcomposite output (its value: the tool id).
COMPOSITE_TAG = "RSEI_COMPOSITE"
#: Dataset tag naming the product of a single-band output (see :data:`PRODUCTS`).
PRODUCT_TAG = "RSEI_PRODUCT"

#: Product key → (what it is (translatable), the tool and output that make it).
PRODUCTS = {
    "composite": (Text("a Landsat composite (7 bands: reflectance and temperature)"), "rsei:landsatcomposite OUTPUT"),
    "ndvi": (Text("NDVI (greenness)"), "rsei:landsatindices OUTPUT_NDVI"),
    "wet": (Text("WET (wetness)"), "rsei:landsatindices OUTPUT_WET"),
    "ndbsi": (Text("NDBSI (dryness)"), "rsei:landsatindices OUTPUT_NDBSI"),
    "lst": (Text("LST (heat)"), "rsei:landsatindices OUTPUT_LST"),
    "mndwi": (Text("MNDWI (water index)"), "rsei:landsatindices OUTPUT_MNDWI"),
    "rsei": (Text("a RSEI raster"), "rsei:rsei OUTPUT"),
    "rsei_grades": (Text("RSEI grades (classes 1–5)"), "rsei:rsei OUTPUT_GRADES"),
    "eg_grade": (Text("ecological grades of land cover (1–7)"), "rsei:egindex OUTPUT_GRADE"),
    "eg_index": (Text("an EG index raster (0–1)"), "rsei:egindex OUTPUT_EG"),
    "coupling": (Text("coupling codes (11–33)"), "rsei:coupling OUTPUT"),
    "grade_change": (Text("a grade-change map (−4…+4)"), "rsei:gradechange OUTPUT"),
    "trend_class": (Text("trend classes (1–5)"), "rsei:senmk OUTPUT_TREND"),
}
#: Products whose values are class codes.
CLASS_PRODUCTS = ("rsei_grades", "eg_grade", "coupling", "grade_change", "trend_class")

#: Band descriptions of outputs written before the RSEI_PRODUCT tag (prefix → product).
_DESCRIPTION_PREFIXES = (
    ("NDVI (greenness", "ndvi"), ("WET tasseled-cap", "wet"), ("NDBSI dryness", "ndbsi"),
    ("LST land surface", "lst"), ("MNDWI", "mndwi"), ("RSEI grade", "rsei_grades"), ("RSEI", "rsei"),
    ("ecological grade (Table 3)", "eg_grade"), ("EG index", "eg_index"), ("10 x EG class", "coupling"),
)


def product_of(path):
    """The product key of a toolbox output (see :data:`PRODUCTS`), or None for a raster of unknown kind."""
    require(("rasterio",))
    try:
        with rasterio.open(str(path)) as ds:
            tags = ds.tags()
            descriptions = [d or "" for d in ds.descriptions]
    except Exception:  # noqa: BLE001 - unreadable files are reported by the reader that opens them
        return None
    if tags.get(COMPOSITE_TAG):
        return "composite"
    if tags.get(PRODUCT_TAG) in PRODUCTS:
        return tags[PRODUCT_TAG]
    if len(descriptions) == 1:
        for prefix, key in _DESCRIPTION_PREFIXES:
            if descriptions[0].startswith(prefix):
                return key
    return None


def describe(key):
    """What the product ``key`` is and which tool makes it (a :class:`~.errors.Text`: English as ``str``)."""
    what, made_by = PRODUCTS[key]
    return Text("{what}, made by {made_by}", what=what, made_by=made_by)


def _either(texts):
    """``a or b or …`` of translatable texts."""
    out = texts[0]
    for t in texts[1:]:
        out = Text("{first} or {second}", first=out, second=t)
    return out


def expect_product(path, name, expected, advice=""):
    """Raise CoreError when ``path`` is a toolbox output other than one of ``expected`` (keys)."""
    key = product_of(path)
    if key is None or key in expected:
        return key
    wanted = _either([PRODUCTS[e][0] for e in expected])
    if advice:
        raise CoreError("{name}: '{file}' is {kind}, but {name} expects {wanted}. {advice}", name=name,
                        file=os.path.basename(str(path)), kind=describe(key), wanted=wanted, advice=advice)
    raise CoreError("{name}: '{file}' is {kind}, but {name} expects {wanted}.", name=name,
                    file=os.path.basename(str(path)), kind=describe(key), wanted=wanted)


def integer_codes(path, name, max_codes=100000, stop=None, monitor=None):
    """Distinct class codes of band 1 (a set of ints), reading block by block.

    Raises CoreError when a valid value is not a whole number (a continuous raster, not class codes) or when
    there are more than ``max_codes`` distinct values. ``stop(codes)`` may return True to end the scan early
    (e.g. once a code the lookup knows is found): the set is then partial.
    """
    require(("rasterio",))
    from .monitor import NULL_MONITOR
    from .raster import RasterReader, iter_windows
    monitor = monitor or NULL_MONITOR
    codes = set()
    with RasterReader(path, name) as reader:
        kind = np.dtype(reader.ds.dtypes[0]).kind
        for window in iter_windows(reader.grid, 16, monitor):
            values, valid = reader.read_valid(window)
            v = values[valid]
            if v.size == 0:
                continue
            if kind == "f":
                frac = v != np.floor(v)
                if frac.any():
                    example = float(v[frac][0])
                    key = product_of(path)
                    if key:
                        raise CoreError("{name}: '{file}' holds values that are not whole numbers (e.g. "
                                        "{example:.6g}): it is a continuous raster, not integer class codes ({kind}).",
                                        name=name,
                                        file=os.path.basename(str(path)), example=example, kind=describe(key))
                    raise CoreError("{name}: '{file}' holds values that are not whole numbers (e.g. {example:.6g}): it "
                                    "is a continuous raster, not integer class codes.", name=name,
                                    file=os.path.basename(str(path)), example=example)
            block = np.unique(v)
            codes.update(int(c) if math.isfinite(c) else c for c in block.tolist())
            if len(codes) > max_codes:
                raise CoreError("{name}: '{file}' has more than {max_codes} distinct values: it is not a raster of "
                                "class codes.", name=name, file=os.path.basename(str(path)), max_codes=max_codes)
            if stop is not None and stop(codes):
                break
    return codes


def band_count(path):
    """Number of bands of a raster."""
    require(("rasterio",))
    with rasterio.open(str(path)) as ds:
        return ds.count


def dtype_of(path):
    """numpy dtype of band 1."""
    require(("rasterio",))
    with rasterio.open(str(path)) as ds:
        return np.dtype(ds.dtypes[0])
