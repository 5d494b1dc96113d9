#!/usr/bin/env python3
"""Generate the RSEI Toolbox demo data: a synthetic coal-mining landscape near Ningdong (Ningxia, China).

The data is made here, deterministically (fixed seed), instead of being downloaded or committed:
this script *is* the embedded demo data. It writes, under ``--out`` (default ``demo-output/data``):

``landsat/<product id>/``
    Landsat Collection 2 Level-2 (L2SP) products for WRS-2 path 129 row 033, 2000–2024, laid out and named
    exactly as USGS delivers them: ``LT05_L2SP_129033_20000715_20200908_02_T1_SR_B1.TIF`` …, ``_ST_B6.TIF``
    (TM/ETM+) or ``_ST_B10.TIF`` (OLI), ``_QA_PIXEL.TIF``, ``_QA_RADSAT.TIF`` and ``_MTL.txt`` (the C2 ODL
    structure and keys: REFLECTANCE_MULT/ADD_BAND_x, TEMPERATURE_MULT/ADD_BAND_ST_Bx, FILE_NAME_BAND_x, …).
    Each product is a 300 × 300 pixel (9 × 9 km) crop at 30 m in WGS 84 / UTM zone 48N (EPSG:32648).
    Digital numbers follow the C2 scaling (reflectance = DN × 2.75e-5 − 0.2, temperature K = DN × 0.00341802
    + 149); QA_PIXEL carries fill (bit 0), dilated cloud (1), cloud (3), cloud shadow (4), clear (6), water
    (7) and the confidence pairs; ETM+ scenes after 31 May 2003 have the SLC-off gaps (fill).
``landcover/CLCD_v01_<year>.tif``
    China Land Cover Dataset–coded land cover (1 cropland, 2 forest, 3 shrub, 4 grassland, 5 water,
    7 barren, 8 impervious, 9 wetland; 0 NoData) in geographic coordinates (EPSG:4326), as CLCD is
    distributed, consistent with the scenes of that year.
``dem/srtm_dem_30m.tif``
    An elevation model (m) on the Landsat grid (slope and aspect derivable).
``mines/mines.gpkg``
    Layer ``mines`` (polygons: mine_id, name, method, opened, capacity_10kt) and table ``production``
    (mine_id, year, coal_production_10kt).
``climate/temperature_<year>.tif``, ``climate/precipitation_<year>.tif``
    June–September mean air temperature (°C) and annual precipitation (mm) on a 0.01° grid (EPSG:4326),
    the resolution of gridded climate products.

The story in the data: desert steppe, irrigated cropland in the west, a reservoir, a town and a growing
chemical-industry park; seven open-pit and nine underground coal mines whose pits and spoil heaps
expand from 2000 to 2012 (with dust lowering the vegetation around them and grazing pressure on the
steppe), then reclamation from about 2012 (spoil heaps regraded and planted with grass and shrubs,
pits partly backfilled, grazing ban) so that ecological quality degrades and then recovers.

Run:  /usr/bin/python3 demo/make_data.py --out demo-output/data
"""
import argparse
import datetime as dt
import json
import os
import sys
import zlib

import numpy as np

SEED = 20250917
SIZE = 300
RES = 30.0
EPSG = 32648
UTM_ZONE = 48
WRS_PATH, WRS_ROW = 129, 33
# Upper-left pixel edge; pixel centres fall on multiples of 30 m as in USGS products.
X0, Y0 = 627185.0, 4211385.0

YEARS = (2000, 2003, 2006, 2009, 2012, 2015, 2018, 2021, 2024)

# (date, mission, cloud cover fraction) per scene.  TM stopped imaging in November 2011, so 2012 has only
# SLC-off ETM+ scenes; Landsat 9 data starts in late 2021.  The April 2009 scene lies outside June–September
# and must be skipped by the composite (MONTHS=6-9).
SCENES = (
    ("2000-06-21", "LT05", 0.00), ("2000-07-15", "LE07", 0.18), ("2000-08-24", "LT05", 0.06),
    ("2003-06-13", "LT05", 0.10), ("2003-08-09", "LE07", 0.00), ("2003-09-01", "LT05", 0.25),
    ("2006-06-13", "LE07", 0.05), ("2006-07-07", "LT05", 0.22), ("2006-08-24", "LT05", 0.00),
    ("2009-04-20", "LT05", 0.00), ("2009-06-30", "LT05", 0.12), ("2009-08-17", "LT05", 0.30),
    ("2009-09-02", "LT05", 0.00),
    ("2012-06-21", "LE07", 0.08), ("2012-07-23", "LE07", 0.20), ("2012-09-09", "LE07", 0.00),
    ("2015-06-24", "LC08", 0.15), ("2015-08-11", "LC08", 0.00), ("2015-09-05", "LE07", 0.10),
    ("2018-06-17", "LC08", 0.00), ("2018-07-19", "LC08", 0.35), ("2018-09-04", "LC08", 0.05),
    ("2021-06-25", "LC08", 0.25), ("2021-07-27", "LE07", 0.00), ("2021-09-13", "LC08", 0.02),
    ("2024-06-18", "LC08", 0.00), ("2024-07-20", "LC09", 0.28), ("2024-08-21", "LC08", 0.04),
)

MISSION = {  # spacecraft, sensor id, station, L2 SR algorithm
    "LT05": ("LANDSAT_5", "TM", "BJC", "LEDAPS_3.4.0"),
    "LE07": ("LANDSAT_7", "ETM", "BJC", "LEDAPS_3.4.0"),
    "LC08": ("LANDSAT_8", "OLI_TIRS", "LGN", "LaSRC_1.5.0"),
    "LC09": ("LANDSAT_9", "OLI_TIRS", "LGN", "LaSRC_1.6.0"),
}
SLC_OFF = dt.date(2003, 5, 31)

SR_MULT, SR_ADD = 2.75e-05, -0.2
ST_MULT, ST_ADD = 0.00341802, 149.0

# Land-cover codes of the China Land Cover Dataset (Yang & Huang 2021).
CLCD_NAMES = {1: "cropland", 2: "forest", 3: "shrub", 4: "grassland", 5: "water", 6: "snow/ice", 7: "barren",
              8: "impervious", 9: "wetland"}

# Internal surface classes (more detailed than CLCD) and their CLCD code.
CROP, FOREST, SHRUB, GRASS, WATER, BARREN, URBAN, WETLAND, PIT, SPOIL, RECL_GRASS, RECL_SHRUB, FACILITY = (
    1, 2, 3, 4, 5, 7, 8, 9, 10, 11, 12, 13, 14)
TO_CLCD = {CROP: 1, FOREST: 2, SHRUB: 3, GRASS: 4, WATER: 5, BARREN: 7, URBAN: 8, WETLAND: 9, PIT: 7,
           SPOIL: 7, RECL_GRASS: 4, RECL_SHRUB: 3, FACILITY: 8}

# Surface reflectance (blue, green, red, NIR, SWIR1, SWIR2) of green vegetation and of each class's
# background (soil, rock, coal, concrete); a pixel is a linear mix by its vegetation fraction.
VEG = np.array([0.030, 0.065, 0.040, 0.420, 0.200, 0.090])
BACKGROUND = {
    CROP: [0.070, 0.100, 0.130, 0.180, 0.240, 0.190],      # moist irrigated soil
    FOREST: [0.080, 0.110, 0.140, 0.200, 0.270, 0.220],
    SHRUB: [0.110, 0.160, 0.210, 0.270, 0.350, 0.300],     # sandy loam of the desert steppe
    GRASS: [0.110, 0.160, 0.210, 0.270, 0.350, 0.300],
    BARREN: [0.130, 0.190, 0.250, 0.300, 0.380, 0.330],    # aeolian sand
    URBAN: [0.110, 0.130, 0.140, 0.170, 0.200, 0.190],
    WETLAND: [0.050, 0.070, 0.080, 0.110, 0.120, 0.080],
    PIT: [0.045, 0.050, 0.055, 0.065, 0.080, 0.075],       # exposed coal seams
    SPOIL: [0.140, 0.200, 0.260, 0.310, 0.400, 0.360],     # overburden dumps
    RECL_GRASS: [0.120, 0.170, 0.220, 0.280, 0.360, 0.310],
    RECL_SHRUB: [0.120, 0.170, 0.220, 0.280, 0.360, 0.310],
    FACILITY: [0.090, 0.100, 0.110, 0.130, 0.150, 0.140],  # coal yards, sheds
}
WATER_SR = np.array([0.050, 0.070, 0.050, 0.025, 0.012, 0.008])
# Base vegetation fraction (peak season) of each class.
FV_BASE = {CROP: 0.78, FOREST: 0.72, SHRUB: 0.38, GRASS: 0.30, WATER: 0.0, BARREN: 0.06, URBAN: 0.06,
           WETLAND: 0.60, PIT: 0.0, SPOIL: 0.03, RECL_GRASS: 0.10, RECL_SHRUB: 0.10, FACILITY: 0.02}
# Surface heating of bare ground above air temperature (°C at vegetation fraction 0).
HEAT = {CROP: 13.0, FOREST: 14.0, SHRUB: 18.0, GRASS: 18.0, BARREN: 20.0, URBAN: 19.0, WETLAND: 7.0,
        PIT: 26.0, SPOIL: 21.0, RECL_GRASS: 18.0, RECL_SHRUB: 18.0, FACILITY: 22.0}

# Mines: id, name, method, opened, (row, col) centre, size in pixels (open pit: radius of the final
# footprint; underground: subsidence radius), capacity (10 kt a year).  Names are invented.
MINES = (
    ("M01", "Baijitan Open Pit", "open-pit", 1996, (60, 200), 30, 900),
    ("M02", "Hongshan Open Pit", "open-pit", 1999, (135, 245), 26, 700),
    ("M03", "Shajing Open Pit", "open-pit", 2002, (205, 225), 22, 550),
    ("M04", "Liugou Open Pit", "open-pit", 2004, (95, 120), 18, 400),
    ("M05", "Qianshan Open Pit", "open-pit", 1998, (40, 270), 20, 450),
    ("M06", "Dongwan Open Pit", "open-pit", 2006, (250, 275), 16, 300),
    ("M07", "Tiemen Open Pit", "open-pit", 2001, (175, 160), 17, 350),
    ("M08", "Yangquan No. 1", "underground", 1994, (30, 110), 14, 600),
    ("M09", "Yangquan No. 2", "underground", 2003, (145, 95), 12, 420),
    ("M10", "Xiaoshui", "underground", 1998, (110, 185), 10, 240),
    ("M11", "Gaozhuang", "underground", 2005, (215, 140), 11, 300),
    ("M12", "Maoshan", "underground", 1992, (275, 225), 12, 380),
    ("M13", "Nanliang", "underground", 2008, (65, 150), 10, 200),
    ("M14", "Shuanghe", "underground", 1996, (180, 280), 10, 260),
    ("M15", "Fengjia", "underground", 2000, (120, 290), 9, 160),
    ("M16", "Beishan", "underground", 2009, (20, 235), 9, 180),
)
RECLAMATION_START = 2012

# Regional climate per year (growing-season mean temperature °C, annual precipitation mm) at the area centre.
CLIMATE = {2000: (20.9, 232.0), 2003: (20.6, 301.0), 2006: (21.3, 214.0), 2009: (21.0, 248.0),
           2012: (20.8, 276.0), 2015: (21.5, 238.0), 2018: (21.2, 312.0), 2021: (21.0, 262.0),
           2024: (21.9, 289.0)}


# --------------------------------------------------------------------------------------------- helpers
def _rng(*keys):
    """Independent, reproducible random stream for a named component."""
    return np.random.default_rng([SEED] + [zlib.crc32(str(k).encode()) for k in keys])


def _smooth(rng, sigma, shape=(SIZE, SIZE)):
    """Gaussian-smoothed white noise with zero mean and unit standard deviation."""
    from scipy.ndimage import gaussian_filter
    field = gaussian_filter(rng.standard_normal(shape), sigma, mode="reflect")
    return (field - field.mean()) / field.std()


def _grid_transform():
    from rasterio.transform import Affine
    return Affine(RES, 0.0, X0, 0.0, -RES, Y0)


def _doy(date):
    return date.timetuple().tm_yday


# --------------------------------------------------------------------------------------------- the landscape
class World:
    """Static fields of the demo landscape and its state in any year."""

    def __init__(self):
        from scipy.ndimage import distance_transform_edt
        rows, cols = np.mgrid[0:SIZE, 0:SIZE].astype(float)
        self.rows, self.cols = rows, cols
        rng = _rng("terrain")
        # Elevation: rising to the east (1180 → 1380 m) with hills and a few steeper ridges.
        self.dem = (1180.0 + 200.0 * cols / SIZE + 35.0 * _smooth(rng, 30) + 12.0 * _smooth(rng, 8)
                    + 6.0 * np.abs(_smooth(rng, 4)))
        gy, gx = np.gradient(self.dem, RES)
        self.slope = np.degrees(np.arctan(np.hypot(gx, gy)))
        # Soil moisture: wetter in hollows, drier on higher ground and on steeper slopes (runoff, erosion).
        slope_z = (self.slope - self.slope.mean()) / self.slope.std()
        moisture = _smooth(_rng("moisture"), 18) - 0.004 * (self.dem - self.dem.mean()) - 0.45 * slope_z
        self.moisture = (moisture - moisture.mean()) / moisture.std()
        lc = np.full((SIZE, SIZE), GRASS, np.uint8)
        lc[self.moisture < np.quantile(self.moisture, 0.22)] = BARREN
        lc[self.moisture > np.quantile(self.moisture, 0.85)] = SHRUB
        edge = _smooth(_rng("edges"), 6)
        # Irrigated cropland in the west (Yellow River irrigation), shelter belts of trees.
        crop = cols < 62 + 10 * edge
        lc[crop] = CROP
        lc[crop & (rows % 45 < 2)] = FOREST
        lc[crop & (cols % 60 < 2) & (rows > 20)] = FOREST
        # A reservoir with a wetland fringe.
        d_res = np.hypot((rows - 235) / 17.0, (cols - 48) / 27.0) * (1 + 0.08 * edge)
        lc[d_res < 1.35] = WETLAND
        lc[d_res < 1.0] = WATER
        # The town.
        d_town = np.hypot(rows - 272, cols - 120) * (1 + 0.1 * edge)
        lc[d_town < 20] = URBAN
        self.base = lc
        self.d_town = d_town
        self.d_park = np.hypot(rows - 160, cols - 60) * (1 + 0.12 * edge)
        self.edge = edge
        self.noise_fv = 0.04 * _smooth(_rng("fv-noise"), 1.5)
        self.order = {}
        self.dist = {}
        for mine in MINES:
            mid, _, method, _, (r0, c0), size, _ = mine
            r = _rng("mine", mid)
            aniso = 1.0 + 0.3 * r.random()
            ang = r.random() * np.pi
            dy, dx = rows - r0, cols - c0
            u = dy * np.cos(ang) + dx * np.sin(ang)
            v = -dy * np.sin(ang) + dx * np.cos(ang)
            self.dist[mid] = np.hypot(u / aniso, v * aniso) * (1 + 0.18 * _smooth(r, 5))
            self.order[mid] = (_smooth(r, 3) + 3) / 6  # reclamation order (smooth, ~0–1)
        water = np.zeros((SIZE, SIZE), bool)
        water[self.base == WATER] = True
        self.d_water = distance_transform_edt(~water)

    # -- mines
    @staticmethod
    def production(mine, year):
        """Coal production (10 kt) of a mine in a year: ramp-up, then capacity cuts after 2016."""
        mid, _, method, opened, _, _, cap = mine
        if year < opened:
            return 0.0
        ramp = min(1.0, 0.35 + 0.13 * (year - opened))
        cut = 0.8 if (year >= 2016 and method == "open-pit") else 1.0
        wobble = 0.9 + 0.2 * _rng("production", mid, year).random()
        return round(cap * ramp * cut * wobble, 1)

    def mine_polygon_radius(self, mine):
        """Radius (pixels, in the mine's own distorted metric) of the licence polygon."""
        if mine[2] == "open-pit":  # licence areas differ less than the pits: big producers are mostly pit
            return 0.9 * mine[5] + 10
        return mine[5] + 3

    def state(self, t):
        """Surface class and peak-season vegetation fraction at decimal year ``t``."""
        lc = self.base.copy()
        fv = np.vectorize(FV_BASE.get, otypes=[float])(lc)
        natural = np.isin(lc, (GRASS, SHRUB, BARREN))
        # Grazing pressure and drought before 2012, grazing ban and greening programmes after.
        trend = 1.0 - 0.012 * min(t - 2000, 12) + 0.022 * max(t - 2012, 0)
        year = int(round(t)) if int(round(t)) in CLIMATE else min(CLIMATE, key=lambda y: abs(y - t))
        precip = CLIMATE[year][1] * (1 + 0.05 * (SIZE - self.cols) / SIZE + 0.03 * (self.rows / SIZE))
        clim = np.clip((precip / 255.0) ** 0.8, 0.6, 1.4)
        fv = np.where(natural, fv * trend * clim * (1 + 0.25 * self.moisture) * (1 - 0.05 * self.slope), fv)
        fv = np.where(lc == CROP, fv * (0.95 + 0.05 * clim), fv)
        # The chemical-industry park (from 2003) grows west of the mines.
        if t >= 2003:
            park_r = 6 + 2.0 * min(t - 2003, 12) + 0.5 * max(t - 2015, 0)
            park = (self.d_park < park_r) & ~np.isin(lc, (WATER, WETLAND))
            lc[park] = URBAN
            fv[park] = FV_BASE[URBAN]
        # A shelter-forest plantation near the town: planted 2008, forest from 2015.
        plant = (np.abs(self.rows - 245) < 8) & (np.abs(self.cols - 175) < 25)
        if t >= 2015:
            lc[plant] = FOREST
            fv[plant] = FV_BASE[FOREST] * min(1.0, 0.6 + 0.04 * (t - 2015))
        elif t >= 2008:
            fv[plant] = np.maximum(fv[plant], 0.10 + 0.03 * (t - 2008))
        dust = np.zeros_like(fv)
        for mine in MINES:
            mid, _, method, opened, _, size, _ = mine
            if t < opened:
                continue
            d = self.dist[mid]
            if method == "open-pit":
                grow = np.clip((min(t, RECLAMATION_START) - opened + 3) / (RECLAMATION_START - opened + 3), 0.15, 1)
                r_out = 1.2 * size * grow
                r_pit = 0.5 * r_out * (1 - 0.4 * np.clip((t - RECLAMATION_START) / 12.0, 0, 1))
                foot = d < r_out
                pit = d < r_pit
                ring = foot & ~pit
                lc[ring] = SPOIL
                fv[ring] = FV_BASE[SPOIL]
                lc[pit] = PIT
                fv[pit] = 0.0
                start = RECLAMATION_START + int(mid[-1]) % 4
                frac = np.clip((t - start) / 13.0, 0, 0.9)
                u = self.order[mid]
                recl = ring & (u < frac)
                age = np.clip(t - start - u * 13.0, 0, None)
                shrub = recl & (self.edge > 0.4)
                lc[recl] = RECL_GRASS
                lc[shrub] = RECL_SHRUB
                fv[recl] = (0.06 + 0.40 * (1 - np.exp(-age / 4.0)))[recl]
                fv[shrub] = (0.06 + 0.50 * (1 - np.exp(-age / 4.0)))[shrub]
                # Dust and haul roads lower vegetation around active pits, mostly before 2012.
                activity = 1.0 if t <= RECLAMATION_START else max(0.3, 1 - 0.07 * (t - RECLAMATION_START))
                dust = np.maximum(dust, activity * 0.45 * np.exp(-np.clip(d - r_out, 0, None) / 12.0) * ~foot)
            else:
                fac = d < 3.5
                lc[fac & ~np.isin(lc, (WATER,))] = FACILITY
                fv[fac] = FV_BASE[FACILITY]
                sub = (d < size) & ~fac
                # Subsidence cracks dry the soil while mining is active.
                hit = 0.25 if t <= RECLAMATION_START else 0.25 * max(0.0, 1 - 0.06 * (t - RECLAMATION_START))
                fv[sub] *= 1 - hit
                dust = np.maximum(dust, 0.2 * np.exp(-np.clip(d - 3.5, 0, None) / 6.0) * ~fac)
        fv = fv * (1 - dust * np.isin(lc, (GRASS, SHRUB, BARREN)))
        fv = np.clip(fv + self.noise_fv * (fv > 0.05), 0.0, 0.95)
        return lc, fv

    def clcd(self, t):
        lc, _ = self.state(t)
        out = np.zeros_like(lc)
        for k, v in TO_CLCD.items():
            out[lc == k] = v
        return out


# --------------------------------------------------------------------------------------------- a scene
def product_id(date, mission):
    """USGS C2 L2 product id; processing dates as USGS's 2020 reprocessing or a few days after acquisition."""
    d = dt.date.fromisoformat(date)
    if d.year < 2020:
        proc = dt.date(2020, 9, 8) + dt.timedelta(days=(d.toordinal() % 40))
    else:
        proc = d + dt.timedelta(days=9 + d.toordinal() % 5)
    return f"{mission}_L2SP_{WRS_PATH:03d}{WRS_ROW:03d}_{d:%Y%m%d}_{proc:%Y%m%d}_02_T1", proc


def band_files(mission):
    """(file suffix, MTL key suffix) of the bands written for a mission."""
    if mission in ("LC08", "LC09"):
        sr = [(f"SR_B{b}", str(b)) for b in range(1, 8)]
        return sr + [("ST_B10", "ST_B10")]
    sr = [(f"SR_B{b}", str(b)) for b in (1, 2, 3, 4, 5)]
    return sr + [("ST_B6", "ST_B6"), ("SR_B7", "7")]


def qa_pixel(fill, dilated, cloud, shadow, water, oli):
    """QA_PIXEL words as USGS C2: flag bits plus the two-bit confidence fields (low = 01, high = 11)."""
    qa = np.zeros(fill.shape, np.uint16)
    qa |= np.where(dilated, 1 << 1, 0).astype(np.uint16)
    qa |= np.where(cloud, 1 << 3, 0).astype(np.uint16)
    qa |= np.where(shadow, 1 << 4, 0).astype(np.uint16)
    qa |= np.where(~cloud & ~dilated, 1 << 6, 0).astype(np.uint16)
    qa |= np.where(water, 1 << 7, 0).astype(np.uint16)
    qa |= np.where(cloud, 3 << 8, 1 << 8).astype(np.uint16)         # cloud confidence
    qa |= np.where(shadow, 3 << 10, 1 << 10).astype(np.uint16)      # cloud-shadow confidence
    qa |= np.uint16(1 << 12)                                        # snow/ice confidence low
    if oli:
        qa |= np.uint16(1 << 14)                                    # cirrus confidence low
    return np.where(fill, np.uint16(1), qa)


def scene_arrays(world, date, mission, cloud_cover):
    """Digital numbers of every band and QA_PIXEL for one scene."""
    from scipy.ndimage import binary_dilation, shift as nd_shift
    d = dt.date.fromisoformat(date)
    t = d.year + (_doy(d) - 1) / 365.25
    rng = _rng("scene", date, mission)
    lc, fv = world.state(t)
    doy = _doy(d)
    season = float(np.clip(0.95 - ((doy - 225) / 75.0) ** 2 * 0.55, 0.3, 1.0))  # phenology, peak mid-August
    natural_or_crop = ~np.isin(lc, (WATER, URBAN, PIT, SPOIL, FACILITY))
    fv_s = np.where(natural_or_crop, fv * season, fv)
    refl = np.empty((6, SIZE, SIZE))
    for k, bg in BACKGROUND.items():
        sel = lc == k
        if sel.any():
            refl[:, sel] = fv_s[sel] * VEG[:, None] + (1 - fv_s[sel]) * np.asarray(bg)[:, None]
    # Soil moisture darkens the SWIR of the background and cools the surface (independently of vegetation).
    soil = ~np.isin(lc, (WATER, PIT, URBAN, FACILITY))
    refl[4:6, soil] *= (1 - 0.18 * np.clip(world.moisture, -2, 2))[soil]
    water = lc == WATER
    turb = 1 + 0.3 * _smooth(rng, 6)[water]
    refl[:, water] = WATER_SR[:, None] * turb
    # Pixel texture (partly correlated between bands) and a per-scene atmospheric residual.
    common = rng.standard_normal((SIZE, SIZE))
    for b in range(6):
        refl[b] *= 1 + 0.035 * (0.7 * common + 0.3 * rng.standard_normal((SIZE, SIZE)))
        refl[b] += rng.normal(0, 0.004) + (0.006 if b == 0 else 0.0)
    # Surface temperature (°C): air temperature of the day plus heating of bare dry ground.
    t_air = CLIMATE[d.year][0] + 2.5 * np.cos((doy - 200) / 365.25 * 2 * np.pi) * 2 - 2.5
    t_air = t_air - 0.0065 * (world.dem - 1280.0)
    heat = np.vectorize(lambda c: HEAT.get(c, 0.0), otypes=[float])(lc)
    lst = t_air + 2.0 + heat * (1 - fv_s) ** 1.2
    lst = lst - 2.5 * np.clip(world.moisture, -2, 2) * soil
    lst = np.where(water, t_air - 2.5, lst) + 0.8 * rng.standard_normal((SIZE, SIZE)) + 1.5 * _smooth(rng, 20)
    # Clouds, their dilation buffer and shadows.
    cloud = np.zeros((SIZE, SIZE), bool)
    if cloud_cover > 0:
        field = _smooth(rng, 10)
        cloud = field > np.quantile(field, 1 - cloud_cover)
    dilated = binary_dilation(cloud, iterations=3) & ~cloud
    sh_dy, sh_dx = int(rng.integers(8, 16)), int(rng.integers(-14, -6))  # sun in the south-east
    shadow = nd_shift(cloud.astype(float), (-sh_dy, sh_dx), order=0, cval=0) > 0.5
    shadow &= ~cloud & ~dilated
    refl[:, shadow] *= 0.35
    lst[shadow] -= 5.0
    refl[:, dilated] += 0.04
    lst[dilated] -= 3.0
    if cloud.any():
        cr = 0.42 + 0.08 * _smooth(rng, 4)[cloud]
        refl[:, cloud] = cr[None, :] * np.array([1.0, 0.98, 0.97, 0.96, 0.80, 0.65])[:, None]
        lst[cloud] = 2.0 + 4.0 * rng.standard_normal(cloud.sum())
    # ETM+ scan-line-corrector failure (31 May 2003): wedge gaps (fill), shifting between scenes.
    fill = np.zeros((SIZE, SIZE), bool)
    if mission == "LE07" and d > SLC_OFF:
        phase = rng.integers(0, 33)
        line = (world.rows + 0.18 * world.cols + phase) % 33
        fill = line < 3.5
    dn_sr = np.clip(np.round((refl - SR_ADD) / SR_MULT), 1, 65535).astype(np.uint16)
    dn_st = np.clip(np.round((lst + 273.15 - ST_ADD) / ST_MULT), 1, 65535).astype(np.uint16)
    dn_sr[:, fill] = 0
    dn_st[fill] = 0
    oli = mission in ("LC08", "LC09")
    qa = qa_pixel(fill, dilated & ~fill, cloud & ~fill, shadow & ~fill, water & ~cloud & ~fill, oli)
    bands = {}
    names = ["blue", "green", "red", "nir", "swir1", "swir2"]
    if oli:
        bands["SR_B1"] = np.clip(np.round((refl[0] * 0.88 + 0.004 - SR_ADD) / SR_MULT), 1, 65535).astype(np.uint16)
        bands["SR_B1"][fill] = 0
        for i, b in enumerate((2, 3, 4, 5, 6, 7)):
            bands[f"SR_B{b}"] = dn_sr[i]
        bands["ST_B10"] = dn_st
    else:
        for i, b in enumerate((1, 2, 3, 4, 5, 7)):
            bands[f"SR_B{b}"] = dn_sr[i]
        bands["ST_B6"] = dn_st
    bands["QA_PIXEL"] = qa
    bands["QA_RADSAT"] = np.zeros((SIZE, SIZE), np.uint16)
    info = {"cloud_percent": round(100.0 * (cloud & ~fill).mean(), 2), "fill_percent": round(100.0 * fill.mean(), 2),
            "bands": names}
    return bands, info


def _corners():
    """Product corners (pixel centres) in UTM and lat/lon, as the MTL records them."""
    from rasterio.warp import transform
    xs = [X0 + RES / 2, X0 + RES * SIZE - RES / 2]
    ys = [Y0 - RES / 2, Y0 - RES * SIZE + RES / 2]
    pts = {"UL": (xs[0], ys[0]), "UR": (xs[1], ys[0]), "LL": (xs[0], ys[1]), "LR": (xs[1], ys[1])}
    lon, lat = transform(f"EPSG:{EPSG}", "EPSG:4326", [p[0] for p in pts.values()], [p[1] for p in pts.values()])
    return {k: (pts[k][0], pts[k][1], lat[i], lon[i]) for i, k in enumerate(pts)}


def mtl_text(pid, proc, date, mission, cloud_percent):
    """The MTL.txt (ODL) of a C2 L2SP product with the structure and keys USGS writes."""
    spacecraft, sensor, station, sr_alg = MISSION[mission]
    oli = mission in ("LC08", "LC09")
    d = dt.date.fromisoformat(date)
    l1 = pid.replace("L2SP", "L1TP")
    sr_bands = ["1", "2", "3", "4", "5", "6", "7"] if oli else ["1", "2", "3", "4", "5", "7"]
    st = "ST_B10" if oli else "ST_B6"
    rng = _rng("mtl", pid)
    lines = []

    def group(name, items):
        lines.append(f"  GROUP = {name}")
        for k, v in items:
            lines.append(f"    {k} = {v}")
        lines.append(f"  END_GROUP = {name}")

    q = lambda s: f'"{s}"'  # noqa: E731
    files = []
    for b in (["1", "2", "3", "4", "5"] + (["6", "7"] if oli else [])):
        files.append((f"FILE_NAME_BAND_{b}", q(f"{pid}_SR_B{b}.TIF")))
    if oli:
        files.append(("FILE_NAME_BAND_ST_B10", q(f"{pid}_ST_B10.TIF")))
    else:
        files.append(("FILE_NAME_BAND_ST_B6", q(f"{pid}_ST_B6.TIF")))
        files.append(("FILE_NAME_BAND_7", q(f"{pid}_SR_B7.TIF")))
    for key, suffix in (("THERMAL_RADIANCE", "ST_TRAD"), ("UPWELL_RADIANCE", "ST_URAD"),
                        ("DOWNWELL_RADIANCE", "ST_DRAD"), ("ATMOSPHERIC_TRANSMITTANCE", "ST_ATRAN"),
                        ("EMISSIVITY", "ST_EMIS"), ("EMISSIVITY_STDEV", "ST_EMSD"), ("CLOUD_DISTANCE", "ST_CDIST")):
        files.append((f"FILE_NAME_{key}", q(f"{pid}_{suffix}.TIF")))
    if oli:
        files.append(("FILE_NAME_QUALITY_L2_AEROSOL", q(f"{pid}_SR_QA_AEROSOL.TIF")))
    else:
        files.append(("FILE_NAME_ATMOSPHERIC_OPACITY", q(f"{pid}_SR_ATMOS_OPACITY.TIF")))
        files.append(("FILE_NAME_QUALITY_L2_SURFACE_REFLECTANCE_CLOUD", q(f"{pid}_SR_CLOUD_QA.TIF")))
    files += [("FILE_NAME_QUALITY_L2_SURFACE_TEMPERATURE", q(f"{pid}_ST_QA.TIF")),
              ("FILE_NAME_QUALITY_L1_PIXEL", q(f"{pid}_QA_PIXEL.TIF")),
              ("FILE_NAME_QUALITY_L1_RADIOMETRIC_SATURATION", q(f"{pid}_QA_RADSAT.TIF")),
              ("FILE_NAME_ANGLE_COEFFICIENT", q(f"{pid}_ANG.txt")),
              ("FILE_NAME_METADATA_ODL", q(f"{pid}_MTL.txt")),
              ("FILE_NAME_METADATA_XML", q(f"{pid}_MTL.xml"))]
    dtypes = [(f"DATA_TYPE_BAND_{b}", q("UINT16")) for b in sr_bands[:5 if not oli else 7]]
    dtypes.insert(len(dtypes), (f"DATA_TYPE_BAND_{st}", q("UINT16")))
    if not oli:
        dtypes.append(("DATA_TYPE_BAND_7", q("UINT16")))
    for key in ("THERMAL_RADIANCE", "UPWELL_RADIANCE", "DOWNWELL_RADIANCE", "ATMOSPHERIC_TRANSMITTANCE",
                "EMISSIVITY", "EMISSIVITY_STDEV", "CLOUD_DISTANCE"):
        dtypes.append((f"DATA_TYPE_{key}", q("INT16")))
    if oli:
        dtypes.append(("DATA_TYPE_QUALITY_L2_AEROSOL", q("UINT8")))
    else:
        dtypes += [("DATA_TYPE_ATMOSPHERIC_OPACITY", q("INT16")),
                   ("DATA_TYPE_QUALITY_L2_SURFACE_REFLECTANCE_CLOUD", q("UINT8"))]
    dtypes += [("DATA_TYPE_QUALITY_L2_SURFACE_TEMPERATURE", q("INT16")),
               ("DATA_TYPE_QUALITY_L1_PIXEL", q("UINT16")),
               ("DATA_TYPE_QUALITY_L1_RADIOMETRIC_SATURATION", q("UINT16"))]
    doi_l2 = "https://doi.org/10.5066/P9OGBGM6" if oli else "https://doi.org/10.5066/P9IAXOVV"
    lines.append("GROUP = LANDSAT_METADATA_FILE")
    group("PRODUCT_CONTENTS", [("ORIGIN", q("Image courtesy of the U.S. Geological Survey")),
                               ("DIGITAL_OBJECT_IDENTIFIER", q(doi_l2)), ("LANDSAT_PRODUCT_ID", q(pid)),
                               ("PROCESSING_LEVEL", q("L2SP")), ("COLLECTION_NUMBER", "02"),
                               ("COLLECTION_CATEGORY", q("T1")), ("OUTPUT_FORMAT", q("GEOTIFF"))] + files + dtypes)
    hour = 3 + (0.3 if oli else 0.05)
    secs = hour * 3600 + float(rng.uniform(0, 60))
    centre = f"{int(secs // 3600):02d}:{int(secs % 3600 // 60):02d}:{secs % 60:010.7f}0Z"
    sun_el = 90 - abs(38.0 - 23.44 * np.sin(2 * np.pi * (_doy(d) - 81) / 365.25)) - 28 + float(rng.uniform(-1, 1))
    attrs = [("SPACECRAFT_ID", q(spacecraft)), ("SENSOR_ID", q(sensor)), ("WRS_TYPE", "2"),
             ("WRS_PATH", f"{WRS_PATH}" if oli else f"{WRS_PATH:03d}"),
             ("WRS_ROW", f"{WRS_ROW}" if oli else f"{WRS_ROW:03d}")]
    if oli:
        attrs += [("NADIR_OFFNADIR", q("NADIR")), ("TARGET_WRS_PATH", f"{WRS_PATH}"), ("TARGET_WRS_ROW", f"{WRS_ROW}")]
    attrs += [("DATE_ACQUIRED", f"{d:%Y-%m-%d}"), ("SCENE_CENTER_TIME", q(centre)), ("STATION_ID", q(station)),
              ("CLOUD_COVER", f"{cloud_percent:.2f}"), ("CLOUD_COVER_LAND", f"{cloud_percent:.2f}")]
    if oli:
        attrs += [("IMAGE_QUALITY_OLI", "9"), ("IMAGE_QUALITY_TIRS", "9")]
        attrs += [(f"SATURATION_BAND_{b}", q("N")) for b in range(1, 10)]
        attrs += [("ROLL_ANGLE", "-0.001")]
    else:
        attrs += [("IMAGE_QUALITY", "9")]
        six = ["6_VCID_1", "6_VCID_2"] if mission == "LE07" else ["6"]
        for b in ["1", "2", "3", "4", "5"] + six + ["7"] + (["8"] if mission == "LE07" else []):
            attrs.append((f"SATURATION_BAND_{b}", q("N")))
    attrs += [("SUN_AZIMUTH", f"{118.0 + float(rng.uniform(-12, 12)):.8f}"), ("SUN_ELEVATION", f"{sun_el:.8f}"),
              ("EARTH_SUN_DISTANCE", f"{1 - 0.01672 * np.cos(2 * np.pi * (_doy(d) - 4) / 365.256):.7f}")]
    if oli:
        attrs += [("TRUNCATION_OLI", q("UPPER")), ("TIRS_SSM_MODEL", q("FINAL")),
                  ("TIRS_SSM_POSITION_STATUS", q("ESTIMATED"))]
    else:
        slc = "OFF" if (mission == "LE07" and d > SLC_OFF) else "ON"
        attrs += [("SENSOR_MODE", q("SAM" if mission == "LT05" else "BUMPER")), ("SENSOR_MODE_SLC", q(slc)),
                  ("SENSOR_ANOMALIES", q("NONE"))]
    group("IMAGE_ATTRIBUTES", attrs)
    corners = _corners()
    proj = [("MAP_PROJECTION", q("UTM")), ("DATUM", q("WGS84")), ("ELLIPSOID", q("WGS84")),
            ("UTM_ZONE", str(UTM_ZONE)), ("GRID_CELL_SIZE_REFLECTIVE", "30.00"), ("GRID_CELL_SIZE_THERMAL", "30.00"),
            ("REFLECTIVE_LINES", str(SIZE)), ("REFLECTIVE_SAMPLES", str(SIZE)), ("THERMAL_LINES", str(SIZE)),
            ("THERMAL_SAMPLES", str(SIZE)), ("ORIENTATION", q("NORTH_UP"))]
    for c in ("UL", "UR", "LL", "LR"):
        proj += [(f"CORNER_{c}_LAT_PRODUCT", f"{corners[c][2]:.5f}"),
                 (f"CORNER_{c}_LON_PRODUCT", f"{corners[c][3]:.5f}")]
    for c in ("UL", "UR", "LL", "LR"):
        proj += [(f"CORNER_{c}_PROJECTION_X_PRODUCT", f"{corners[c][0]:.3f}"),
                 (f"CORNER_{c}_PROJECTION_Y_PRODUCT", f"{corners[c][1]:.3f}")]
    group("PROJECTION_ATTRIBUTES", proj)
    hh, mm, ss = (int(rng.integers(0, n)) for n in (24, 60, 60))
    gen = f"{proc:%Y-%m-%d}T{hh:02d}:{mm:02d}:{ss:02d}Z"
    group("LEVEL2_PROCESSING_RECORD", [
        ("ORIGIN", q("Image courtesy of the U.S. Geological Survey")), ("DIGITAL_OBJECT_IDENTIFIER", q(doi_l2)),
        ("REQUEST_ID", q("L2")), ("LANDSAT_PRODUCT_ID", q(pid)), ("PROCESSING_LEVEL", q("L2SP")),
        ("OUTPUT_FORMAT", q("GEOTIFF")), ("DATE_PRODUCT_GENERATED", gen),
        ("PROCESSING_SOFTWARE_VERSION", q("LPGS_15.3.1c" if proc.year < 2021 else "LPGS_16.3.0")),
        ("ALGORITHM_SOURCE_SURFACE_REFLECTANCE", q(sr_alg)),
        ("DATA_SOURCE_OZONE", q("MODIS" if oli else "TOMS")),
        ("DATA_SOURCE_PRESSURE", q("Calculated" if oli else "NCEP")),
        ("DATA_SOURCE_WATER_VAPOR", q("MODIS" if oli else "NCEP")),
        ("DATA_SOURCE_AIR_TEMPERATURE", q("MODIS" if oli else "NCEP")),
        ("ALGORITHM_SOURCE_SURFACE_TEMPERATURE", q("st_1.3.0")),
        ("DATA_SOURCE_REANALYSIS", q("GEOS-5 FP-IT" if oli else "MERRA-2"))])
    srp = []
    for b in sr_bands:
        srp += [(f"REFLECTANCE_MAXIMUM_BAND_{b}", "1.602213"), (f"REFLECTANCE_MINIMUM_BAND_{b}", "-0.199972")]
    for b in sr_bands:
        srp += [(f"QUANTIZE_CAL_MAX_BAND_{b}", "65535"), (f"QUANTIZE_CAL_MIN_BAND_{b}", "1")]
    srp += [(f"REFLECTANCE_MULT_BAND_{b}", "2.75e-05") for b in sr_bands]
    srp += [(f"REFLECTANCE_ADD_BAND_{b}", "-0.2") for b in sr_bands]
    group("LEVEL2_SURFACE_REFLECTANCE_PARAMETERS", srp)
    group("LEVEL2_SURFACE_TEMPERATURE_PARAMETERS", [
        (f"TEMPERATURE_MAXIMUM_BAND_{st}", "372.999941"), (f"TEMPERATURE_MINIMUM_BAND_{st}", "149.003418"),
        (f"QUANTIZE_CAL_MAXIMUM_BAND_{st}", "65535"), (f"QUANTIZE_CAL_MINIMUM_BAND_{st}", "1"),
        (f"TEMPERATURE_MULT_BAND_{st}", "0.00341802"), (f"TEMPERATURE_ADD_BAND_{st}", "149.0")])
    jd = f"{d:%Y}{_doy(d):03d}"
    sc = {"LT05": "LT5", "LE07": "LE7", "LC08": "LC8", "LC09": "LC9"}[mission]
    group("LEVEL1_PROCESSING_RECORD", [
        ("ORIGIN", q("Image courtesy of the U.S. Geological Survey")),
        ("DIGITAL_OBJECT_IDENTIFIER",
         q("https://doi.org/10.5066/P975CC9B" if oli else "https://doi.org/10.5066/P918ROHC")),
        ("REQUEST_ID", q("L2")), ("LANDSAT_SCENE_ID", q(f"{sc}{WRS_PATH:03d}{WRS_ROW:03d}{jd}{station}00")),
        ("LANDSAT_PRODUCT_ID", q(l1)), ("PROCESSING_LEVEL", q("L1TP")), ("COLLECTION_CATEGORY", q("T1")),
        ("OUTPUT_FORMAT", q("GEOTIFF")), ("DATE_PRODUCT_GENERATED", gen),
        ("FILE_NAME_QUALITY_L1_PIXEL", q(f"{l1}_QA_PIXEL.TIF")),
        ("FILE_NAME_METADATA_ODL", q(f"{l1}_MTL.txt")), ("DATA_SOURCE_ELEVATION", q("GLS2000"))])
    if oli:
        k = [("K1_CONSTANT_BAND_10", "774.8853"), ("K2_CONSTANT_BAND_10", "1321.0789"),
             ("K1_CONSTANT_BAND_11", "480.8883"), ("K2_CONSTANT_BAND_11", "1201.1442")]
    elif mission == "LE07":
        k = [("K1_CONSTANT_BAND_6_VCID_1", "666.09"), ("K2_CONSTANT_BAND_6_VCID_1", "1282.71"),
             ("K1_CONSTANT_BAND_6_VCID_2", "666.09"), ("K2_CONSTANT_BAND_6_VCID_2", "1282.71")]
    else:
        k = [("K1_CONSTANT_BAND_6", "607.76"), ("K2_CONSTANT_BAND_6", "1260.56")]
    group("LEVEL1_THERMAL_CONSTANTS", k)
    group("LEVEL1_PROJECTION_PARAMETERS", [
        ("MAP_PROJECTION", q("UTM")), ("DATUM", q("WGS84")), ("ELLIPSOID", q("WGS84")), ("UTM_ZONE", str(UTM_ZONE)),
        ("GRID_CELL_SIZE_REFLECTIVE", "30.00"), ("GRID_CELL_SIZE_THERMAL", "30.00"), ("ORIENTATION", q("NORTH_UP")),
        ("RESAMPLING_OPTION", q("CUBIC_CONVOLUTION"))])
    lines.append("END_GROUP = LANDSAT_METADATA_FILE")
    lines.append("END")
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------------------------- writers
def _write_tif(path, array, transform, crs, nodata=None):
    import rasterio
    arr = array[None] if array.ndim == 2 else array
    with rasterio.open(path, "w", driver="GTiff", width=arr.shape[2], height=arr.shape[1], count=arr.shape[0],
                       dtype=arr.dtype.name, crs=crs, transform=transform, nodata=nodata,
                       compress="deflate") as ds:
        ds.write(arr)


def write_scene(world, out_dir, date, mission, cloud_cover):
    pid, proc = product_id(date, mission)
    folder = os.path.join(out_dir, "landsat", pid)
    os.makedirs(folder, exist_ok=True)
    bands, info = scene_arrays(world, date, mission, cloud_cover)
    for name, arr in bands.items():
        nodata = 1 if name == "QA_PIXEL" else (None if name == "QA_RADSAT" else 0)
        _write_tif(os.path.join(folder, f"{pid}_{name}.TIF"), arr, _grid_transform(), f"EPSG:{EPSG}", nodata)
    with open(os.path.join(folder, f"{pid}_MTL.txt"), "w", encoding="ascii") as fh:
        fh.write(mtl_text(pid, proc, date, mission, info["cloud_percent"]))
    return pid, os.path.join(folder, f"{pid}_MTL.txt"), info


def _geo_grid(res):
    """A geographic grid (EPSG:4326) covering the demo area with a small margin."""
    from rasterio.transform import from_origin
    c = _corners()
    lats = [v[2] for v in c.values()]
    lons = [v[3] for v in c.values()]
    west, east = np.floor(min(lons) / res) * res - res, np.ceil(max(lons) / res) * res + res
    south, north = np.floor(min(lats) / res) * res - res, np.ceil(max(lats) / res) * res + res
    w, h = int(round((east - west) / res)), int(round((north - south) / res))
    return from_origin(west, north, res, res), w, h


def write_landcover(world, out_dir, year):
    """CLCD-coded land cover of mid-season ``year``, reprojected (nearest) to a geographic 0.00025° grid."""
    from rasterio.warp import Resampling, reproject
    folder = os.path.join(out_dir, "landcover")
    os.makedirs(folder, exist_ok=True)
    clcd = world.clcd(year + 0.6)
    transform, w, h = _geo_grid(0.00025)
    dst = np.zeros((h, w), np.uint8)
    reproject(clcd, dst, src_transform=_grid_transform(), src_crs=f"EPSG:{EPSG}", src_nodata=0,
              dst_transform=transform, dst_crs="EPSG:4326", dst_nodata=0, resampling=Resampling.nearest)
    path = os.path.join(folder, f"CLCD_v01_{year}.tif")
    _write_tif(path, dst, transform, "EPSG:4326", 0)
    return path


def write_climate(world, out_dir, year):
    """Growing-season mean temperature (°C) and annual precipitation (mm) on a 0.01° geographic grid."""
    from rasterio.warp import transform as warp_xy
    folder = os.path.join(out_dir, "climate")
    os.makedirs(folder, exist_ok=True)
    transform, w, h = _geo_grid(0.01)
    lon = transform.c + (np.arange(w) + 0.5) * transform.a
    lat = transform.f + (np.arange(h) + 0.5) * transform.e
    lon2, lat2 = np.meshgrid(lon, lat)
    xs, ys = warp_xy("EPSG:4326", f"EPSG:{EPSG}", lon2.ravel().tolist(), lat2.ravel().tolist())
    col = ((np.array(xs) - X0) / RES).reshape(h, w)
    row = ((Y0 - np.array(ys)) / RES).reshape(h, w)
    t_c, p_c = CLIMATE[year]
    rng = _rng("climate", year)
    elev = 1180.0 + 200.0 * col / SIZE
    temp = t_c - 0.0065 * (elev - 1280.0) + 0.15 * rng.standard_normal((h, w))
    prec = p_c * (1 + 0.05 * (SIZE - col) / SIZE + 0.03 * row / SIZE) + 3.0 * rng.standard_normal((h, w))
    paths = []
    for name, arr in (("temperature", temp), ("precipitation", prec)):
        path = os.path.join(folder, f"{name}_{year}.tif")
        _write_tif(path, arr.astype(np.float32), transform, "EPSG:4326", -9999.0)
        paths.append(path)
    return paths


def write_dem(world, out_dir):
    folder = os.path.join(out_dir, "dem")
    os.makedirs(folder, exist_ok=True)
    path = os.path.join(folder, "srtm_dem_30m.tif")
    _write_tif(path, world.dem.astype(np.float32), _grid_transform(), f"EPSG:{EPSG}", -9999.0)
    return path


def mine_outline(world, mine, n=48):
    """Polygon (UTM ring) of a mine's licence area: the mine's distorted disc traced on rays."""
    mid, _, _, _, (r0, c0), _, _ = mine
    radius = world.mine_polygon_radius(mine)
    d = world.dist[mid]
    ring = []
    for a in np.linspace(0, 2 * np.pi, n, endpoint=False):
        rr, cc = r0, c0
        for step in np.arange(0.5, 3 * radius, 0.5):
            r, c = r0 + step * np.sin(a), c0 + step * np.cos(a)
            ri, ci = int(round(r)), int(round(c))
            if not (0 <= ri < SIZE and 0 <= ci < SIZE) or d[ri, ci] > radius:
                break
            rr, cc = r, c
        ring.append((X0 + (cc + 0.5) * RES, Y0 - (rr + 0.5) * RES))
    ring.append(ring[0])
    return ring


def write_mines(world, out_dir, years):
    """GeoPackage with the mine polygons (layer ``mines``) and yearly production (table ``production``)."""
    from osgeo import ogr, osr
    folder = os.path.join(out_dir, "mines")
    os.makedirs(folder, exist_ok=True)
    path = os.path.join(folder, "mines.gpkg")
    if os.path.exists(path):
        os.remove(path)
    drv = ogr.GetDriverByName("GPKG")
    ds = drv.CreateDataSource(path)
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(EPSG)
    lyr = ds.CreateLayer("mines", srs, ogr.wkbPolygon)
    for name, typ in (("mine_id", ogr.OFTString), ("name", ogr.OFTString), ("method", ogr.OFTString),
                      ("opened", ogr.OFTInteger), ("capacity_10kt", ogr.OFTReal)):
        lyr.CreateField(ogr.FieldDefn(name, typ))
    for mine in MINES:
        ring = ogr.Geometry(ogr.wkbLinearRing)
        for x, y in mine_outline(world, mine):
            ring.AddPoint_2D(x, y)
        poly = ogr.Geometry(ogr.wkbPolygon)
        poly.AddGeometry(ring)
        f = ogr.Feature(lyr.GetLayerDefn())
        f.SetField("mine_id", mine[0])
        f.SetField("name", mine[1])
        f.SetField("method", mine[2])
        f.SetField("opened", mine[3])
        f.SetField("capacity_10kt", float(mine[6]))
        f.SetGeometry(poly)
        lyr.CreateFeature(f)
    tab = ds.CreateLayer("production", None, ogr.wkbNone)
    for name, typ in (("mine_id", ogr.OFTString), ("year", ogr.OFTInteger), ("coal_production_10kt", ogr.OFTReal)):
        tab.CreateField(ogr.FieldDefn(name, typ))
    for mine in MINES:
        for y in years:
            f = ogr.Feature(tab.GetLayerDefn())
            f.SetField("mine_id", mine[0])
            f.SetField("year", int(y))
            f.SetField("coal_production_10kt", World.production(mine, y))
            tab.CreateFeature(f)
    ds = None
    return path


def generate(out_dir, years=YEARS, log=print):
    """Write the whole demo data set under ``out_dir``; returns a manifest dict (also saved as JSON)."""
    os.makedirs(out_dir, exist_ok=True)
    world = World()
    manifest = {"seed": SEED, "crs": f"EPSG:{EPSG}", "size": SIZE, "pixel_m": RES, "years": list(years),
                "scenes": [], "landcover": {}, "climate": {}, "dem": None, "mines": None}
    for date, mission, cover in SCENES:
        if int(date[:4]) not in years:
            continue
        pid, mtl, info = write_scene(world, out_dir, date, mission, cover)
        manifest["scenes"].append({"year": int(date[:4]), "date": date, "mission": mission, "product_id": pid,
                                   "mtl": os.path.relpath(mtl, out_dir), **info})
        log(f"  scene {pid}  cloud {info['cloud_percent']:.1f}%  SLC-off fill {info['fill_percent']:.1f}%")
    for y in years:
        manifest["landcover"][str(y)] = os.path.relpath(write_landcover(world, out_dir, y), out_dir)
        t, p = write_climate(world, out_dir, y)
        manifest["climate"][str(y)] = {"temperature": os.path.relpath(t, out_dir),
                                       "precipitation": os.path.relpath(p, out_dir)}
    manifest["dem"] = os.path.relpath(write_dem(world, out_dir), out_dir)
    manifest["mines"] = os.path.relpath(write_mines(world, out_dir, years), out_dir)
    with open(os.path.join(out_dir, "manifest.json"), "w", encoding="utf-8") as fh:
        json.dump(manifest, fh, indent=1)
    log(f"  land cover, climate, DEM and mines written under {out_dir}")
    return manifest


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", default="demo-output/data", help="output folder (default demo-output/data)")
    ap.add_argument("--years", type=int, nargs="*", default=list(YEARS), help="subset of the demo years")
    args = ap.parse_args(argv)
    bad = sorted(set(args.years) - set(YEARS))
    if bad:
        ap.error(f"years {bad} are not demo years {list(YEARS)}")
    generate(args.out, tuple(args.years))
    return 0


if __name__ == "__main__":
    sys.exit(main())
