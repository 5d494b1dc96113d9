"""Landsat MTL metadata: the ODL, XML and JSON parsers, and the :class:`Scene` with its band files.

A *scene* is found from its MTL file (``*_MTL.txt`` in ODL, ``*_MTL.xml`` or
``*_MTL.json``) of a Collection 2 Level-2 product (surface reflectance SR_B*,
surface temperature ST_B6/ST_B10, QA_PIXEL) or of a Level-1 product (Collection 1
or 2: DN bands B*, BQA or QA_PIXEL). Every scale factor and offset comes from the
MTL.

References: USGS (2022) Landsat 8-9 Collection 2 Level 2 Science Product Guide
(LSDS-1619) and Landsat 4-7 C2 L2 guide (LSDS-1618); USGS Landsat 8 Data Users
Handbook (LSDS-1574), section 5 (DN → radiance and TOA reflectance).
"""
import glob
import json
import os
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

from .errors import CoreError, Text

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

def read_mtl(path):
    """The MTL as ``{group: {key: value}}`` (all groups at any depth, values as strings).

    Reads the ODL text (``.txt``), XML and JSON forms USGS delivers.
    """
    path = str(path)
    try:
        with open(path, "r", encoding="utf-8", errors="replace") as fh:
            text = fh.read()
    except OSError as exc:
        raise CoreError("Cannot read the MTL file '{path}' ({exc}).", path=path, exc=exc) from exc
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
        raise CoreError("'{path}' is not a readable Landsat MTL file ({exc}).", path=path, exc=exc) from exc
    if not any(groups.values()):
        raise CoreError("'{path}' is not a Landsat MTL file: it holds no metadata groups.", path=path)
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
            name = b.path if b is not None else Text("the {role} band (not listed in the MTL)", role=role)
            if output:
                raise CoreError("Scene {label}: {output} needs the {role} band file '{name}', which is missing. "
                                "Download it with the scene, or leave {output} unset.", label=self.label,
                                output=output, role=role, name=name)
            raise CoreError("Scene {label}: needs the {role} band file '{name}', which is missing. Download it with "
                            "the scene, or leave that output unset.", label=self.label, role=role, name=name)
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
    raise CoreError("Sensor '{sensor_id}' ({spacecraft}) is not supported: use TM, ETM+ or OLI scenes (MSS has no SWIR "
                    "bands for wetness and dryness).", sensor_id=sensor_id, spacecraft=spacecraft)


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
        raise CoreError("The MTL file '{mtl_path}' does not exist.", mtl_path=mtl_path)
    g = read_mtl(mtl_path)
    folder = os.path.dirname(mtl_path)
    spacecraft = (_lookup(g, "SPACECRAFT_ID", _G_ATTRS) or "").upper()
    sensor_id = _lookup(g, "SENSOR_ID", _G_ATTRS)
    if not spacecraft and not sensor_id:
        raise CoreError("'{mtl_path}' does not name a spacecraft or sensor; is it a Landsat MTL file?",
                        mtl_path=mtl_path)
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
        raise CoreError("The MTL file '{mtl_path}' has no scale factor/offset for the {role} band '{name}'.",
                        mtl_path=mtl_path, role=role, name=name)
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


#: A band file of a Landsat product: <product id>_<band>.TIF (SR_B4, ST_B10, B4, QA_PIXEL, …).
BAND_FILE = re.compile(r"^(L[CEOTM]0\d_L[12][A-Z0-9]{2}_\d{6}_\d{8}_\d{8}_\d{2}_[A-Z0-9]{2})_(\w+)\.tiff?$", re.I)


def mtl_beside_band(path):
    """For a Landsat band file: (product id, the MTL beside it or None); None for any other file."""
    m = BAND_FILE.match(os.path.basename(str(path)))
    if not m:
        return None
    folder = os.path.dirname(os.path.abspath(str(path)))
    for ext in ("txt", "xml", "json"):
        for candidate in (f"{m.group(1)}_MTL.{ext}", f"{m.group(1)}_MTL.{ext.upper()}"):
            if os.path.exists(os.path.join(folder, candidate)):
                return m.group(1), os.path.join(folder, candidate)
    return m.group(1), None


def is_mtl(path):
    """True for an MTL file by extension (.txt, .xml, .json)."""
    return os.path.splitext(str(path))[1].lower() in (".txt", ".xml", ".json")
