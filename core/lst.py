"""Land surface temperature by the radiative-transfer equation (paper eq. 6–8) for Level-1 scenes.

Steps: DN → at-sensor radiance I = ML·DN + AL (from the MTL); emissivity ε from
NDVI thresholds (Sobrino et al. 2004); blackbody radiance B_T from eq. 7 with the
user's atmospheric transmittance τ and up/down-welling radiance; then
LST = K2 / ln(1 + K1/B_T) − 273.15 (eq. 8). Arrays carry NaN for NoData.
"""
import numpy as np

from .indices import ndvi as _ndvi

#: Sobrino et al. (2004) NDVI-threshold method: bare-soil and full-vegetation NDVI,
#: vegetation emissivity, and the soil emissivity from red reflectance (TM band 6).
NDVI_SOIL = 0.2
NDVI_VEG = 0.5
EMISSIVITY_VEG = 0.99
SOIL_A, SOIL_B = 0.979, -0.035          # ε_soil = 0.979 − 0.035·ρ_red
MIXED_A, MIXED_B = 0.986, 0.004         # ε_mixed = 0.986 + 0.004·Pv


def vegetation_proportion(ndvi):
    """Pv = ((NDVI − NDVI_s) / (NDVI_v − NDVI_s))², clipped to 0–1 (Carlson & Ripley 1997)."""
    ndvi = np.asarray(ndvi, dtype=np.float64)
    pv = ((ndvi - NDVI_SOIL) / (NDVI_VEG - NDVI_SOIL)) ** 2
    return np.where(np.isnan(ndvi), np.nan, np.clip(pv, 0.0, 1.0))


def emissivity_ndvi_threshold(ndvi, red):
    """Surface emissivity by the NDVI thresholds method (Sobrino et al. 2004).

    NDVI < 0.2 (bare soil, water): ε = 0.979 − 0.035·ρ_red;
    0.2 ≤ NDVI ≤ 0.5 (mixed): ε = 0.986 + 0.004·Pv;
    NDVI > 0.5 (full vegetation): ε = 0.99.
    """
    ndvi = np.asarray(ndvi, dtype=np.float64)
    red = np.asarray(red, dtype=np.float64)
    eps = np.where(ndvi < NDVI_SOIL, SOIL_A + SOIL_B * red,
                   np.where(ndvi > NDVI_VEG, EMISSIVITY_VEG, MIXED_A + MIXED_B * vegetation_proportion(ndvi)))
    eps[np.isnan(ndvi)] = np.nan
    return eps


def blackbody_radiance(radiance, emissivity, transmittance, upwelling, downwelling):
    """B_T = [I − R↑ − τ(1 − ε)R↓] / (ετ) (eq. 7, the inverse of eq. 6)."""
    radiance = np.asarray(radiance, dtype=np.float64)
    emissivity = np.asarray(emissivity, dtype=np.float64)
    return (radiance - upwelling - transmittance * (1.0 - emissivity) * downwelling) / (emissivity * transmittance)


def planck_temperature_c(bt, k1, k2):
    """LST = K2 / ln(1 + K1/B_T) − 273.15 in °C (eq. 8); NaN where B_T ≤ 0."""
    bt = np.asarray(bt, dtype=np.float64)
    out = np.full(bt.shape, np.nan)
    ok = np.isfinite(bt) & (bt > 0)
    out[ok] = k2 / np.log1p(k1 / bt[ok]) - 273.15
    return out


def lst_radiative_transfer(radiance, red, nir, k1, k2, transmittance=1.0, upwelling=0.0, downwelling=0.0):
    """LST (°C) from at-sensor radiance and red/NIR reflectance (eq. 6–8 with Sobrino 2004 ε)."""
    eps = emissivity_ndvi_threshold(_ndvi(red, nir), red)
    return planck_temperature_c(blackbody_radiance(radiance, eps, transmittance, upwelling, downwelling), k1, k2)
