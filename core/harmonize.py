"""Cross-sensor harmonisation of Landsat surface reflectance: TM/ETM+ → OLI-like (Roy et al. 2016).

Roy et al. (2016, Remote Sensing of Environment 185, 57–70, Table 2) fitted between-sensor transformation
functions on 59 million pairs of Landsat-7 ETM+ and Landsat-8 OLI 30 m surface reflectance observations sensed
one day apart over the conterminous United States. Their ordinary-least-squares (OLS) functions that predict OLI
from ETM+ surface reflectance are, per band (reflectance 0–1)::

    OLI = a + b · ETM+

    band   blue    green   red     NIR     SWIR1   SWIR2
    a      0.0003  0.0088  0.0061  0.0412  0.0254  0.0172
    b      0.8474  0.8483  0.9047  0.8462  0.8937  0.9071

Direction: TM and ETM+ reflectance is transformed to OLI-like reflectance; OLI (and OLI-2) is left as it is.
The same ETM+ coefficients are applied to TM, as is common practice (TM and ETM+ bands are nearly identical; the
Google Earth Engine harmonisation tutorial does the same). The coefficients and their direction were checked
against two independent copies: the Earth Engine tutorial "Landsat ETM+ to OLI Harmonization" (Braaten 2019,
google/earthengine-community: "linear transformation of ETM+ spectral space to OLI spectral space according to
Roy et al. (2016) Table 2 OLS regression coefficients", applied as slope·ETM+ + intercept) and Table 3 of the
article PMC8113344 ("Harmonizing Landsat TM, ETM+ and OLI", the same intercepts and slopes). As a consistency
check, the reduced-major-axis slopes of the same table equal √(b_OLI|ETM / b_ETM|OLI) of the two OLS fits (e.g.
NIR √(0.8462/0.8339) = 1.0073). The reverse OLS functions (ETM+ = a + b·OLI) are not the inverse of these (OLS
is not symmetric), so only the TM/ETM+ → OLI direction is offered.
"""
import numpy as np

#: Band roles in the order of the coefficient arrays.
ROLES = ("blue", "green", "red", "nir", "swir1", "swir2")
#: Roy et al. (2016) Table 2, OLS, OLI = intercept + slope · ETM+ (surface reflectance 0–1).
ROY2016_OLS_SLOPE = (0.8474, 0.8483, 0.9047, 0.8462, 0.8937, 0.9071)
ROY2016_OLS_INTERCEPT = (0.0003, 0.0088, 0.0061, 0.0412, 0.0254, 0.0172)
COEFFICIENTS = {role: (a, b) for role, a, b in zip(ROLES, ROY2016_OLS_INTERCEPT, ROY2016_OLS_SLOPE)}
#: Sensors whose reflectance is transformed.
SENSORS = ("TM", "ETM")
#: Value of the GeoTIFF tag RSEI_HARMONIZED and of the sidecar's "harmonization".
METHOD = "Roy et al. (2016) Table 2 OLS, TM/ETM+ surface reflectance to OLI-like: OLI = a + b*ETM+"
TAG = "RSEI_HARMONIZED"
REFERENCE = ("Roy, D.P., Kovalskyy, V., Zhang, H.K., Vermote, E.F., Yan, L., Kumar, S.S., Egorov, A. (2016). "
             "Characterization of Landsat-7 to Landsat-8 reflective wavelength and normalized difference "
             "vegetation index continuity. Remote Sensing of Environment 185, 57–70 (Table 2, OLS).")


def applies_to(sensor):
    """True for the sensors whose reflectance is transformed (TM, ETM+)."""
    return sensor in SENSORS


def etm_to_oli(values, role):
    """OLI-like reflectance a + b·x of TM/ETM+ reflectance ``x`` of band ``role`` (NaN stays NaN).

    float32 input stays float32 (the block-wise Landsat path), anything else is computed in float64.
    Roles without coefficients (e.g. 'lst') are returned unchanged.
    """
    if role not in COEFFICIENTS:
        return values
    a, b = COEFFICIENTS[role]
    x = np.asarray(values)
    dtype = np.float32 if x.dtype == np.float32 else np.float64
    return (x.astype(dtype, copy=False) * dtype(b) + dtype(a)).astype(dtype, copy=False)


def summary():
    """What the sidecar records: method, direction, coefficients per band, reference."""
    return {"method": METHOD, "sensors_transformed": list(SENSORS), "reference": REFERENCE,
            "coefficients": {role: {"intercept": a, "slope": b} for role, (a, b) in COEFFICIENTS.items()}}


class HarmonizedSource:
    """A band source whose TM/ETM+ reflectance is read as OLI-like (Roy et al. 2016); other roles unchanged.

    Wraps any source with ``read(window, roles)`` (a :class:`~.landsat.SceneSource` or
    :class:`~.landsat.BandRasterSource`); every other attribute is the wrapped source's.
    """

    def __init__(self, source):
        self._source = source

    def __getattr__(self, name):
        # Only for attributes of the wrapped source: not while unpickled (Dask workers), when ``_source``
        # is not set yet and pickle looks up ``__setstate__`` and the like.
        if name.startswith("__") or name == "_source":
            raise AttributeError(name)
        return getattr(self._source, name)

    def read(self, window, roles):
        out = self._source.read(window, roles)
        return {role: etm_to_oli(values, role) for role, values in out.items()}

    def close(self):
        self._source.close()


def already_harmonized(path):
    """True when the raster carries the RSEI_HARMONIZED tag (a harmonised rsei:landsatcomposite output)."""
    from .deps import rasterio
    with rasterio.open(str(path)) as ds:
        return bool(ds.tags().get(TAG))


def plan(kind, sensors, level="L2", harmonized=False):
    """Whether to transform an input of rsei:landsatindices; returns (apply, message) or raises CoreError.

    ``kind``: 'scene', 'composite' or 'raster'; ``sensors``: the sensors it holds.
    """
    from .errors import CoreError, Text
    sensors = tuple(s for s in sensors if s)
    if kind == "scene" and level != "L2":
        raise CoreError("HARMONIZE: the Roy et al. (2016) functions are for surface reflectance; this is a "
                        "Level-1 scene (top-of-atmosphere reflectance). Use a Collection 2 Level-2 scene or "
                        "switch HARMONIZE off.")
    if kind == "raster" or not sensors:
        raise CoreError("HARMONIZE: the input has no sensor information, so it is unknown whether it is TM/ETM+ "
                        "(to transform) or OLI; harmonise its scenes in rsei:landsatcomposite, or switch "
                        "HARMONIZE off.")
    if harmonized:
        return False, Text("HARMONIZE: the composite is already harmonised (RSEI_HARMONIZED tag); not applied "
                           "again.")
    old = [s for s in sensors if applies_to(s)]
    if not old:
        return False, Text("HARMONIZE: the input is {sensors}; OLI reflectance is unchanged.",
                           sensors=", ".join(sorted(set(sensors))))
    if len(old) < len(sensors):
        raise CoreError("HARMONIZE: the composite mixes OLI with TM/ETM+ scenes ({sensors}), so it is unknown which "
                        "pixels to transform. Make the composite with rsei:landsatcomposite HARMONIZE=true instead.",
                        sensors=', '.join(sensors))
    return True, Text("HARMONIZE: {sensors} surface reflectance transformed to OLI-like reflectance (Roy et al. "
                      "2016, Table 2, OLS: OLI = a + b·ETM+).", sensors=", ".join(sorted(set(old))))
