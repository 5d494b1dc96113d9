"""The four RSEI indicators (and MNDWI) from surface reflectance, one function per formula.

Inputs are reflectance arrays (0–1) with NaN for NoData; a zero denominator gives
NaN, never a warning. float32 inputs are computed in float32 (the block-wise
Landsat path uses it for speed); anything else in float64. Equation numbers refer to Han et al. (2025), Sustainability
17, 9075, section 3.1.
"""
import numpy as np

#: Band order of a composite made by rsei:landsatcomposite (reflectance, then LST in °C).
COMPOSITE_BANDS = ("blue", "green", "red", "nir", "swir1", "swir2", "lst")

#: Tasseled-cap wetness coefficients for (blue, green, red, NIR, SWIR1, SWIR2) reflectance.
#: TM: Crist (1985) — the paper's eq. 5 prints −0.6706 for SWIR1, a misprint of Crist's −0.6806.
#: ETM+: Huang et al. (2002), eq. 4. OLI/OLI-2: Baig et al. (2014), eq. 3.
WETNESS_COEFFICIENTS = {
    "TM": (0.0315, 0.2021, 0.3102, 0.1594, -0.6806, -0.6109),
    "ETM": (0.2626, 0.2141, 0.0926, 0.0656, -0.7629, -0.5388),
    "OLI": (0.1511, 0.1973, 0.3283, 0.3407, -0.7117, -0.4559),
}

def _float(x):
    """``x`` as a float array: float32 stays float32, everything else becomes float64."""
    x = np.asarray(x)
    return x if x.dtype == np.float32 else x.astype(np.float64, copy=False)


def _ratio(num, den):
    """num/den with NaN where den is 0 or either is NaN, without warnings."""
    num = _float(num)
    den = _float(den)
    out = np.full(np.broadcast(num, den).shape, np.nan, dtype=np.result_type(num, den))
    ok = np.isfinite(num) & np.isfinite(den) & (den != 0)
    np.divide(num, den, out=out, where=ok)
    return out


def normalized_difference(a, b):
    """(a − b) / (a + b)."""
    a = _float(a)
    b = _float(b)
    return _ratio(a - b, a + b)


def ndvi(red, nir):
    """Greenness: NDVI = (NIR − red) / (NIR + red) (eq. 2; Rouse et al. 1974)."""
    return normalized_difference(nir, red)


def mndwi(green, swir1):
    """Modified NDWI = (green − SWIR1) / (green + SWIR1) (Xu 2006), for water masks."""
    return normalized_difference(green, swir1)


def wetness(blue, green, red, nir, swir1, swir2, sensor):
    """Wetness: tasseled-cap wetness with the sensor's coefficients (eq. 3–5).

    ``sensor`` is "TM", "ETM" or "OLI" (see :data:`WETNESS_COEFFICIENTS`).
    """
    try:
        c = WETNESS_COEFFICIENTS[sensor]
    except KeyError:
        raise ValueError(f"unknown sensor '{sensor}' for wetness; use TM, ETM or OLI") from None
    bands = (blue, green, red, nir, swir1, swir2)
    return sum(k * _float(b) for k, b in zip(c, bands))


def soil_index(blue, red, nir, swir1):
    """Bare-soil index SI = ((SWIR1 + red) − (NIR + blue)) / ((SWIR1 + red) + (NIR + blue)) (eq. 10)."""
    s = _float(swir1) + _float(red)
    v = _float(nir) + _float(blue)
    return _ratio(s - v, s + v)


def built_up_index(green, red, nir, swir1):
    """Index-based built-up index IBI (eq. 11; Xu 2008):
    [2·S/(S+N) − N/(N+R) − G/(G+S)] / [2·S/(S+N) + N/(N+R) + G/(G+S)].
    """
    swir1, nir, red, green = _float(swir1), _float(nir), _float(red), _float(green)
    a = 2.0 * _ratio(swir1, swir1 + nir)
    b = _ratio(nir, nir + red)
    c = _ratio(green, green + swir1)
    return _ratio(a - b - c, a + b + c)


def ndbsi(blue, green, red, nir, swir1):
    """Dryness: NDBSI = (SI + IBI) / 2 (eq. 9)."""
    return (soil_index(blue, red, nir, swir1) + built_up_index(green, red, nir, swir1)) / 2.0


#: The indicators :func:`indicator_from_bands` computes.
INDICATOR_NAMES = ("ndvi", "wet", "ndbsi", "lst", "mndwi")


def indicator_from_bands(name, bands, sensor):
    """One indicator from a ``{role: array}`` dict of bands ('blue' … 'swir2' reflectance, 'lst' in °C).

    ``name`` is one of :data:`INDICATOR_NAMES`: NDVI (eq. 2), tasseled-cap wetness
    with the ``sensor``'s coefficients (eq. 3–5), NDBSI (eq. 9–11), MNDWI, or the
    LST band as it is.
    """
    if name == "ndvi":
        return ndvi(bands["red"], bands["nir"])
    if name == "wet":
        return wetness(bands["blue"], bands["green"], bands["red"], bands["nir"], bands["swir1"], bands["swir2"],
                       sensor)
    if name == "ndbsi":
        return ndbsi(bands["blue"], bands["green"], bands["red"], bands["nir"], bands["swir1"])
    if name == "mndwi":
        return mndwi(bands["green"], bands["swir1"])
    if name == "lst":
        return bands["lst"]
    raise ValueError(f"unknown indicator '{name}'; use one of {', '.join(INDICATOR_NAMES)}")


def indicators_from_bands(bands, sensor, outputs=("ndvi", "wet", "ndbsi", "lst")):
    """``{name: array}`` of the indicators ``outputs`` (see :func:`indicator_from_bands`), in that order."""
    return {name: indicator_from_bands(name, bands, sensor) for name in outputs}
