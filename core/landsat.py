"""Landsat scenes: MTL metadata, sensor and band files, scaling, QA_PIXEL masks, band sources.

A *scene* is found from its MTL file (``*_MTL.txt`` in ODL, ``*_MTL.xml`` or
``*_MTL.json``) of a Collection 2 Level-2 product (surface reflectance SR_B*,
surface temperature ST_B6/ST_B10, QA_PIXEL) or of a Level-1 product (Collection 1
or 2: DN bands B*, BQA or QA_PIXEL). Every scale factor and offset comes from the
MTL. A *band source* hands out blocks of reflectance (0–1) and temperature (°C)
or thermal radiance with NaN for NoData, for a scene, a composite made by
rsei:landsatcomposite, or any multiband reflectance raster.

References: USGS (2022) Landsat 8-9 Collection 2 Level 2 Science Product Guide
(LSDS-1619) and Landsat 4-7 C2 L2 guide (LSDS-1618); USGS Landsat 8 Data Users
Handbook (LSDS-1574), section 5 (DN → radiance and TOA reflectance).
"""
import glob
import json
import math
import os
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

import numpy as np

from .deps import rasterio
from .errors import CoreError
from .raster import RasterReader

#: Reflectance roles in the order of core.indices.COMPOSITE_BANDS (minus LST).
REFLECTANCE_ROLES = ("blue", "green", "red", "nir", "swir1", "swir2")

#: Landsat band number of each role, per sensor family (TM and ETM+ share one layout).
BAND_NUMBERS = {
    "TM": {"blue": "1", "green": "2", "red": "3", "nir": "4", "swir1": "5", "swir2": "7", "thermal": "6"},
    "ETM": {"blue": "1", "green": "2", "red": "3", "nir": "4", "swir1": "5", "swir2": "7", "thermal": "6"},
    "OLI": {"blue": "2", "green": "3", "red": "4", "nir": "5", "swir1": "6", "swir2": "7", "thermal": "10"},
}

#: Thermal constants of the paper's Table 2 (W·m⁻²·sr⁻¹·µm⁻¹, K), used when the MTL has none.
TABLE2_THERMAL_CONSTANTS = {
    "LANDSAT_5": (607.76, 1260.56),
    "LANDSAT_7": (666.09, 1282.71),
    "LANDSAT_8": (774.89, 1321.08),
}

# ----------------------------------------------------------------------------- QA bits

#: Collection 2 QA_PIXEL bits (LSDS-1619 table 6-3; LSDS-1618): single-bit flags.
QA_BITS = {
    "fill": 0,
    "dilated_cloud": 1,
    "cirrus": 2,
    "cloud": 3,
    "cloud_shadow": 4,
    "snow": 5,
    "clear": 6,
    "water": 7,
}

#: Conditions a user can mask, in the order of the algorithms' QA_MASK option.
QA_CONDITIONS = ("fill", "dilated_cloud", "cirrus", "cloud", "cloud_shadow", "snow", "water")
#: Masked by default (the paper's CFMask masking: everything but water).
QA_DEFAULT = ("fill", "dilated_cloud", "cirrus", "cloud", "cloud_shadow", "snow")


def qa_pixel_mask(qa, conditions=QA_DEFAULT):
    """True where a Collection 2 QA_PIXEL value has any of ``conditions`` set (pixel to drop)."""
    qa = np.asarray(qa).astype(np.uint16, copy=False)
    bits = 0
    for name in conditions:
        if name not in QA_BITS:
            raise CoreError(f"Unknown QA condition '{name}'; use one of {', '.join(QA_CONDITIONS)}.")
        bits |= 1 << QA_BITS[name]
    return (qa & np.uint16(bits)) != 0


def bqa_c1_mask(qa, conditions=QA_DEFAULT):
    """True where a Collection 1 Level-1 BQA value has any of ``conditions`` (high confidence).

    Collection 1 BQA: bit 0 designated fill, bit 4 cloud, bits 7–8 cloud-shadow,
    9–10 snow/ice and 11–12 cirrus confidence (3 = high). It has no dilated-cloud or
    water flag, so those conditions are ignored.
    """
    qa = np.asarray(qa).astype(np.int64)
    out = np.zeros(qa.shape, dtype=bool)
    for name in conditions:
        if name == "fill":
            out |= (qa & 1) != 0
        elif name == "cloud":
            out |= (qa >> 4) & 1 != 0
        elif name == "cloud_shadow":
            out |= ((qa >> 7) & 3) == 3
        elif name == "snow":
            out |= ((qa >> 9) & 3) == 3
        elif name == "cirrus":
            out |= ((qa >> 11) & 3) == 3
    return out


# ----------------------------------------------------------------------------- MTL parsing

def read_mtl(path):
    """The MTL as ``{group: {key: value}}`` (all groups at any depth, values as strings).

    Reads the ODL text (``.txt``), XML and JSON forms USGS delivers.
    """
    path = str(path)
    try:
        with open(path, "r", encoding="utf-8", errors="replace") as fh:
            text = fh.read()
    except OSError as exc:
        raise CoreError(f"Cannot read the MTL file '{path}' ({exc}).") from exc
    ext = os.path.splitext(path)[1].lower()
    groups = {}
    try:
        if ext == ".json" or text.lstrip().startswith("{"):
            _flatten_json(json.loads(text), "", groups)
        elif ext == ".xml" or text.lstrip().startswith("<"):
            _flatten_xml(ET.fromstring(text), groups)
        else:
            _parse_odl(text, groups)
    except (ValueError, ET.ParseError) as exc:
        raise CoreError(f"'{path}' is not a readable Landsat MTL file ({exc}).") from exc
    if not any(groups.values()):
        raise CoreError(f"'{path}' is not a Landsat MTL file: it holds no metadata groups.")
    return groups


def _parse_odl(text, groups):
    stack = []
    for line in text.splitlines():
        line = line.strip()
        if not line or line == "END" or "=" not in line:
            continue
        key, value = (s.strip() for s in line.split("=", 1))
        if key == "GROUP":
            stack.append(value)
            groups.setdefault(value, {})
        elif key == "END_GROUP":
            if stack:
                stack.pop()
        elif stack:
            groups[stack[-1]][key] = value.strip('"')


def _flatten_json(obj, name, groups):
    for key, value in obj.items():
        if isinstance(value, dict):
            groups.setdefault(key, {})
            _flatten_json(value, key, groups)
        elif name:
            groups[name][key] = str(value)


def _flatten_xml(elem, groups):
    for child in elem:
        if len(child):
            groups.setdefault(child.tag, {})
            _flatten_xml(child, groups)
        else:
            groups.setdefault(elem.tag, {})[child.tag] = (child.text or "").strip()


def _lookup(groups, key, group_names):
    for g in group_names:
        if key in groups.get(g, {}):
            return groups[g][key]
    return None


def _float(groups, key, group_names):
    value = _lookup(groups, key, group_names)
    if value in (None, ""):
        return None
    try:
        return float(value)
    except ValueError:
        return None


# Where each quantity lives in Collection 2 and Collection 1 MTL files.
_G_CONTENTS = ("PRODUCT_CONTENTS", "PRODUCT_METADATA", "LEVEL1_PROCESSING_RECORD")
_G_ATTRS = ("IMAGE_ATTRIBUTES", "PRODUCT_METADATA")
_G_L2_SR = ("LEVEL2_SURFACE_REFLECTANCE_PARAMETERS",)
_G_L2_ST = ("LEVEL2_SURFACE_TEMPERATURE_PARAMETERS",)
_G_L1_RESCALE = ("LEVEL1_RADIOMETRIC_RESCALING", "RADIOMETRIC_RESCALING")
_G_L1_THERMAL = ("LEVEL1_THERMAL_CONSTANTS", "TIRS_THERMAL_CONSTANTS", "THERMAL_CONSTANTS")


@dataclass
class Band:
    """One band file of a scene with the linear scaling from its DN (value = DN × mult + add)."""

    role: str
    path: str
    mult: float
    add: float
    exists: bool = True


@dataclass
class Scene:
    """A Landsat scene described by its MTL file."""

    mtl: str
    product_id: str
    spacecraft: str
    sensor: str          # "TM", "ETM" or "OLI" (OLI-2 included)
    level: str           # "L2" or "L1"
    date: str            # YYYY-MM-DD
    path_row: str
    bands: dict = field(default_factory=dict)   # role → Band (reflective roles and "thermal")
    qa_path: str = None
    qa_kind: str = None  # "c2" (QA_PIXEL) or "c1" (BQA)
    sun_elevation: float = None
    k1: float = None
    k2: float = None
    k_source: str = None

    @property
    def month(self):
        return int(self.date[5:7])

    @property
    def label(self):
        return self.product_id or os.path.basename(self.mtl)

    def band(self, role, output=None):
        """The band of ``role``; an error naming the file (and the output needing it) if missing."""
        b = self.bands.get(role)
        if b is None or not b.exists:
            what = f"{output} needs" if output else "needs"
            name = b.path if b is not None else f"the {role} band (not listed in the MTL)"
            raise CoreError(f"Scene {self.label}: {what} the {role} band file '{name}', which is missing. "
                            f"Download it with the scene, or leave {output or 'that output'} unset.")
        return b

    def has(self, role):
        b = self.bands.get(role)
        return b is not None and b.exists


def _sensor_family(sensor_id, spacecraft):
    s = (sensor_id or "").upper()
    if s.startswith("OLI") or spacecraft in ("LANDSAT_8", "LANDSAT_9"):
        return "OLI"
    if s.startswith("ETM") or spacecraft == "LANDSAT_7":
        return "ETM"
    if s == "TM" or spacecraft in ("LANDSAT_4", "LANDSAT_5"):
        return "TM"
    raise CoreError(f"Sensor '{sensor_id}' ({spacecraft}) is not supported: use TM, ETM+ or OLI scenes "
                    f"(MSS has no SWIR bands for wetness and dryness).")


def _find_file(folder, name):
    """The file ``name`` in ``folder`` (also matching a different case of the extension)."""
    path = os.path.join(folder, name)
    if os.path.exists(path):
        return path, True
    stem = os.path.splitext(name)[0]
    for candidate in glob.glob(os.path.join(glob.escape(folder), glob.escape(stem) + ".*")):
        if os.path.splitext(candidate)[1].lower() in (".tif", ".tiff"):
            return candidate, True
    return path, False


def open_scene(mtl_path):
    """Read a scene's MTL and locate its band files in the MTL's folder."""
    mtl_path = os.path.abspath(str(mtl_path))
    if not os.path.exists(mtl_path):
        raise CoreError(f"The MTL file '{mtl_path}' does not exist.")
    g = read_mtl(mtl_path)
    folder = os.path.dirname(mtl_path)
    spacecraft = (_lookup(g, "SPACECRAFT_ID", _G_ATTRS) or "").upper()
    sensor_id = _lookup(g, "SENSOR_ID", _G_ATTRS)
    if not spacecraft and not sensor_id:
        raise CoreError(f"'{mtl_path}' does not name a spacecraft or sensor; is it a Landsat MTL file?")
    sensor = _sensor_family(sensor_id, spacecraft)
    level_text = (_lookup(g, "PROCESSING_LEVEL", ("PRODUCT_CONTENTS", "PRODUCT_METADATA",
                                                   "METADATA_FILE_INFO")) or "")
    product_id = _lookup(g, "LANDSAT_PRODUCT_ID", ("PRODUCT_CONTENTS", "METADATA_FILE_INFO")) or ""
    level = "L2" if level_text.upper().startswith("L2") or "_L2S" in product_id else "L1"
    date = _lookup(g, "DATE_ACQUIRED", _G_ATTRS) or ""
    path_row = f"{_lookup(g, 'WRS_PATH', _G_ATTRS) or ''}/{_lookup(g, 'WRS_ROW', _G_ATTRS) or ''}"
    scene = Scene(mtl_path, product_id, spacecraft, sensor, level, date, path_row,
                  sun_elevation=_float(g, "SUN_ELEVATION", _G_ATTRS))
    numbers = BAND_NUMBERS[sensor]
    contents = ("PRODUCT_CONTENTS", "PRODUCT_METADATA")  # never the L1 record inside an L2 MTL
    for role in REFLECTANCE_ROLES:
        n = numbers[role]
        name = _lookup(g, f"FILE_NAME_BAND_{n}", contents)
        if level == "L2":
            mult = _float(g, f"REFLECTANCE_MULT_BAND_{n}", _G_L2_SR)
            add = _float(g, f"REFLECTANCE_ADD_BAND_{n}", _G_L2_SR)
        else:
            mult = _float(g, f"REFLECTANCE_MULT_BAND_{n}", _G_L1_RESCALE)
            add = _float(g, f"REFLECTANCE_ADD_BAND_{n}", _G_L1_RESCALE)
        _add_band(scene, folder, role, name, mult, add, mtl_path)
    _thermal_band(scene, g, folder, numbers["thermal"], mtl_path)
    qa_name = _lookup(g, "FILE_NAME_QUALITY_L1_PIXEL", contents)
    kind = "c2"
    if qa_name is None:
        qa_name = _lookup(g, "FILE_NAME_BAND_QUALITY", contents)
        kind = "c1"
    if qa_name:
        path, exists = _find_file(folder, qa_name)
        if exists:
            scene.qa_path, scene.qa_kind = path, kind
    return scene


def _add_band(scene, folder, role, name, mult, add, mtl_path):
    if not name:
        return
    if mult is None or add is None:
        raise CoreError(f"The MTL file '{mtl_path}' has no scale factor/offset for the {role} band '{name}'.")
    path, exists = _find_file(folder, name)
    scene.bands[role] = Band(role, path, mult, add, exists)


def _thermal_band(scene, g, folder, n, mtl_path):
    contents = ("PRODUCT_CONTENTS", "PRODUCT_METADATA")
    if scene.level == "L2":
        name = _lookup(g, f"FILE_NAME_BAND_ST_B{n}", contents)
        mult = _float(g, f"TEMPERATURE_MULT_BAND_ST_B{n}", _G_L2_ST)
        add = _float(g, f"TEMPERATURE_ADD_BAND_ST_B{n}", _G_L2_ST)
        _add_band(scene, folder, "thermal", name, mult, add, mtl_path)
        return
    # Level 1: DN → at-sensor radiance. ETM+ band 6 comes in a low-gain (VCID_1) and a high-gain
    # (VCID_2) file; the low-gain one is used because it does not saturate over hot surfaces.
    suffix = f"{n}_VCID_1" if _lookup(g, f"FILE_NAME_BAND_{n}_VCID_1", contents) else n
    name = _lookup(g, f"FILE_NAME_BAND_{suffix}", contents)
    mult = _float(g, f"RADIANCE_MULT_BAND_{suffix}", _G_L1_RESCALE)
    add = _float(g, f"RADIANCE_ADD_BAND_{suffix}", _G_L1_RESCALE)
    _add_band(scene, folder, "thermal", name, mult, add, mtl_path)
    k1 = _float(g, f"K1_CONSTANT_BAND_{suffix}", _G_L1_THERMAL)
    k2 = _float(g, f"K2_CONSTANT_BAND_{suffix}", _G_L1_THERMAL)
    if k1 is not None and k2 is not None:
        scene.k1, scene.k2, scene.k_source = k1, k2, "MTL"
    elif scene.spacecraft in TABLE2_THERMAL_CONSTANTS:
        scene.k1, scene.k2 = TABLE2_THERMAL_CONSTANTS[scene.spacecraft]
        scene.k_source = "paper Table 2"


def is_mtl(path):
    """True for an MTL file by extension (.txt, .xml, .json)."""
    return os.path.splitext(str(path))[1].lower() in (".txt", ".xml", ".json")


# ----------------------------------------------------------------------------- months

def parse_months(text):
    """Months from '6-9', '1-12', '5,6,7', '11-2' (wrap-around) or a mix; returns a sorted tuple."""
    text = (text or "").strip()
    if not text:
        raise CoreError("MONTHS is empty; give a range such as 6-9 or a list such as 5,6,7.")
    months = set()
    for part in text.replace(" ", "").split(","):
        m = re.fullmatch(r"(\d{1,2})(?:-(\d{1,2}))?", part)
        if not m:
            raise CoreError(f"MONTHS: '{part}' is not a month or a range of months (e.g. 6-9, 11-2, 5,6,7).")
        a = int(m.group(1))
        b = int(m.group(2)) if m.group(2) else a
        for v in (a, b):
            if not 1 <= v <= 12:
                raise CoreError(f"MONTHS: {v} is not a month (1–12).")
        if a <= b:
            months.update(range(a, b + 1))
        else:  # wrap around the year end, e.g. 11-2 = Nov, Dec, Jan, Feb
            months.update(range(a, 13))
            months.update(range(1, b + 1))
    return tuple(sorted(months))


# ----------------------------------------------------------------------------- band sources

def _band_role(role):
    """The scene band behind a source role ('lst' and 'radiance' both come from the thermal band)."""
    return "thermal" if role in ("lst", "radiance") else role


def to_reflectance(dn, valid, mult, add, sun_elevation=None, dtype=np.float64):
    """Reflectance from DN (× mult + add, then ÷ sin(sun elevation) for Level-1 TOA).

    Fill, NoData and values outside 0–1 (for Level-2 SR: DN outside 7273–43636)
    become NaN.
    """
    if sun_elevation is not None:
        s = math.sin(math.radians(sun_elevation))
        mult, add = mult / s, add / s
    out = dn.astype(dtype)
    out *= mult
    out += add
    bad = ~valid | (dn == 0)
    if dn.dtype.kind in "ui" and mult > 0:
        # the 0–1 range as DN limits: cheaper on integers and exact (no rounding at the edges)
        lo, hi = math.ceil(-add / mult - 1e-9), math.floor((1.0 - add) / mult + 1e-9)
        bad |= (dn < lo) | (dn > hi)
    else:
        bad |= ~((out >= 0.0) & (out <= 1.0))
    out[bad] = np.nan
    return out


class SceneSource:
    """Blocks of reflectance, LST (Level 2, °C) or thermal radiance (Level 1) of one scene.

    All bands are read on the grid of the red band (``grid``/``resampling`` warp
    them onto another grid for compositing), as float32 by default (the indices
    are stored as float32; this halves the memory traffic). QA_PIXEL (or BQA) pixels with any of
    ``qa_conditions`` become NaN in every band.
    """

    kind = "scene"

    def __init__(self, scene, roles, qa_conditions=QA_DEFAULT, grid=None, resampling=None, monitor=None,
                 outputs_for_roles=None, dtype=np.float32):
        self.scene = scene
        self.dtype = dtype
        self.sensor = scene.sensor
        self.level = scene.level
        self.sensors = (scene.sensor,)
        self.qa_conditions = tuple(qa_conditions)
        self._readers = {}
        outputs_for_roles = outputs_for_roles or {}
        bands = []
        for role in roles:
            b = scene.band(_band_role(role), outputs_for_roles.get(role))
            if b not in bands:
                bands.append(b)
        # The reference grid is the red band's (every SR/ST band of a product shares it).
        ref_band = scene.bands["red"] if scene.has("red") else bands[0]
        if grid is not None and resampling is None:
            resampling = "nearest"
        ref = RasterReader(ref_band.path, ref_band.path, grid=grid, resampling=resampling)
        self.grid = ref.grid
        self._readers[ref_band.role] = ref
        for b in bands:
            if b.role not in self._readers:
                self._readers[b.role] = RasterReader(b.path, b.path, grid=self.grid,
                                                     resampling=resampling or "nearest")
        self._qa = None
        if scene.qa_path and self.qa_conditions:
            self._qa = RasterReader(scene.qa_path, scene.qa_path, grid=self.grid, resampling="nearest")
        elif self.qa_conditions and monitor is not None:
            monitor.warn(f"Scene {scene.label}: no QA_PIXEL file was found beside the MTL, so clouds, "
                         f"shadows and snow are NOT masked (only fill and out-of-range values are).")

    @property
    def has_qa(self):
        return self._qa is not None

    def qa_drop(self, window):
        """Boolean mask of pixels the QA drops in ``window`` (all False without QA)."""
        if self._qa is None:
            return None
        values, valid = self._qa.read_valid(window)
        if self.scene.qa_kind == "c1":
            drop = bqa_c1_mask(values, self.qa_conditions)
        else:
            drop = qa_pixel_mask(values, self.qa_conditions)
        return drop | ~valid

    def read(self, window, roles):
        """``{role: float64 array}`` for the window; reflectance 0–1, 'lst' °C, 'radiance' W/(m²·sr·µm)."""
        drop = self.qa_drop(window)
        out = {}
        for role in roles:
            src = _band_role(role)
            band = self.scene.band(src)
            dn, valid = self._readers[src].read_valid(window)
            if src == "thermal":
                # float64: kelvin in float32 would lose ~3e-5 K before the −273.15
                values = dn.astype(np.float64) * band.mult + band.add
                bad = ~valid | (dn == 0)
                if self.level == "L2":
                    values -= 273.15  # ST band in K → °C
                values[bad] = np.nan
            else:
                sun = self.scene.sun_elevation if self.level == "L1" else None
                if self.level == "L1" and sun is None:
                    raise CoreError(f"Scene {self.scene.label}: the MTL has no SUN_ELEVATION for TOA reflectance.")
                values = to_reflectance(dn, valid, band.mult, band.add, sun, self.dtype)
            if drop is not None:
                values[drop] = np.nan
            out[role] = values
        return out

    def close(self):
        for r in self._readers.values():
            r.close()
        if self._qa is not None:
            self._qa.close()


class RasterSource:
    """Blocks of a multiband raster: a rsei:landsatcomposite output or any reflectance stack.

    ``band_map`` gives the 1-based band of each role ('blue' … 'swir2', 'lst');
    reflectance = value × ``refl_scale`` + ``refl_offset``; temperature =
    value × ``thermal_scale`` + ``thermal_offset``, in K or °C as ``thermal_unit`` says.
    """

    kind = "raster"
    level = "L2"

    def __init__(self, path, band_map, sensor=None, refl_scale=1.0, refl_offset=0.0, thermal_scale=1.0,
                 thermal_offset=0.0, thermal_unit="K", sensors=None):
        self.path = str(path)
        self._reader = RasterReader(self.path, "INPUT")
        self.grid = self._reader.grid
        self.band_map = dict(band_map)
        self.sensor = sensor
        self.sensors = tuple(sensors or ((sensor,) if sensor else ()))
        self.refl = (float(refl_scale), float(refl_offset))
        self.thermal = (float(thermal_scale), float(thermal_offset), thermal_unit)
        self.has_qa = False
        self.is_composite = False

    def check(self, roles, outputs_for_roles=None):
        outputs_for_roles = outputs_for_roles or {}
        for role in roles:
            b = self.band_map.get(role)
            if not b or b < 1 or b > self._reader.count:
                out = outputs_for_roles.get(role, "an output")
                if self.is_composite:
                    raise CoreError(f"Input '{self.path}' is a composite without a {role} band (not every scene "
                                    f"had a surface-temperature band), so {out} cannot be made; leave it unset.")
                raise CoreError(f"Input '{self.path}' has {self._reader.count} band(s), so it has no {role} "
                                f"band {b or '(none chosen)'} for {out}. Choose the band, or leave {out} unset.")

    def read(self, window, roles):
        out = {}
        for role in roles:
            src = "lst" if role in ("lst", "radiance") else role
            values = self._reader.read(window, self.band_map[src], dtype=np.float32)
            if src == "lst":
                scale, offset, unit = self.thermal
                values = values.astype(np.float64) * scale + offset
                if unit == "K":
                    values -= 273.15
            else:
                values = values * self.refl[0] + self.refl[1]
                values[~(values >= 0.0) | ~(values <= 1.0)] = np.nan
            out[role] = values
        return out

    def close(self):
        self._reader.close()


#: GeoTIFF tags written on a composite, read back by :func:`composite_info`.
COMPOSITE_TAG = "RSEI_COMPOSITE"


def composite_info(path):
    """The tags of a rsei:landsatcomposite output, or None for any other raster."""
    with rasterio.open(str(path)) as ds:
        tags = ds.tags()
        if tags.get(COMPOSITE_TAG):
            return {"bands": tags.get("RSEI_BANDS", "").split(","), "sensors": tags.get("RSEI_SENSORS", ""),
                    "count": ds.count}
    return None


# ----------------------------------------------------------------------------- indices pipeline

#: Output key → (roles needed from a Level-2 / raster source, description, unit).
INDEX_OUTPUTS = {
    "ndvi": (("red", "nir"), "NDVI (greenness, eq. 2)"),
    "wet": (REFLECTANCE_ROLES, "WET tasseled-cap wetness (eq. 3-5)"),
    "ndbsi": (("blue", "green", "red", "nir", "swir1"), "NDBSI dryness (eq. 9-11)"),
    "lst": (("lst",), "LST land surface temperature (deg C)"),
    "mndwi": (("green", "swir1"), "MNDWI (Xu 2006)"),
}


def roles_for(outputs, level):
    """The band roles needed for the requested outputs (Level-1 LST needs radiance, red and NIR)."""
    roles = []
    for name in outputs:
        need = INDEX_OUTPUTS[name][0]
        if name == "lst" and level == "L1":
            need = ("radiance", "red", "nir")
        for r in need:
            if r not in roles:
                roles.append(r)
    return roles


def compute_indices(source, outputs, tx, monitor, wetness_sensor, atmosphere=(1.0, 0.0, 0.0),
                    thermal_constants=None):
    """Write the requested index rasters (``{name: path}``) block by block from ``source``.

    ``wetness_sensor`` picks the tasseled-cap coefficients; ``atmosphere`` is
    (τ, L↑, L↓) and ``thermal_constants`` (K1, K2) for Level-1 LST. Returns
    ``{name: number of valid pixels}``.
    """

    # GDAL compresses the (deflate) outputs on every core: writing is the costliest step.
    with rasterio.Env(GDAL_NUM_THREADS=os.environ.get("GDAL_NUM_THREADS", "ALL_CPUS")):
        return _compute_indices(source, outputs, tx, monitor, wetness_sensor, atmosphere, thermal_constants)


def _compute_indices(source, outputs, tx, monitor, wetness_sensor, atmosphere, thermal_constants):
    from . import indices, lst as lstmod
    from .raster import TILE, budget_bytes, iter_windows

    roles = roles_for(outputs, source.level)
    grid = source.grid
    writers = {name: tx.raster(path, grid, 1, "float32", descriptions=[INDEX_OUTPUTS[name][1]])
               for name, path in outputs.items()}
    valid = {name: 0 for name in outputs}
    # Working memory per pixel: the input bands plus ~8 temporaries, float64.
    # float32 working set: the input bands plus ~10 temporaries. Blocks are at least one output
    # tile (256 rows) high: a block ending mid-tile makes GDAL compress, re-read and recompress
    # the tile row, which costs several times the whole computation.
    bpp = 4 * (len(roles) + 10)
    budget_mb = max(budget_bytes(), bpp * grid.width * TILE) / 2 ** 20
    for window in iter_windows(grid, bpp, monitor, budget_mb=budget_mb):
        b = source.read(window, roles)
        for name, writer in writers.items():
            if name == "lst" and source.level == "L1":
                k1, k2 = thermal_constants
                arr = lstmod.lst_radiative_transfer(b["radiance"], b["red"], b["nir"], k1, k2, *atmosphere)
            else:
                arr = indices.indicator_from_bands(name, b, wetness_sensor)
            writer.write(window, arr)
            valid[name] += int(np.count_nonzero(np.isfinite(arr)))
    return valid
