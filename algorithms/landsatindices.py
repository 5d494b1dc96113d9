"""rsei:landsatindices — the four RSEI indicators (and MNDWI) from a Landsat scene or composite."""
import os

from qgis.core import (QgsProcessingParameterBoolean, QgsProcessingParameterEnum, QgsProcessingParameterFile,
                       QgsProcessingParameterNumber, QgsProcessingParameterRasterDestination)

from . import _params
from .base import RseiAlgorithm
from .compat import NUMBER_DOUBLE, NUMBER_INTEGER

#: WETNESS_SENSOR options, in their order: from the input's sensor, then a fixed set.
WETNESS_CHOICES = ("auto", "TM", "ETM", "OLI")
THERMAL_UNITS = ("K", "C")


class LandsatIndicesAlgorithm(RseiAlgorithm):
    ALG_ID = "landsatindices"
    DISPLAY_NAME = "Landsat indices (NDVI, WET, NDBSI, LST, MNDWI)"
    GROUP_ID = "landsat"
    REQUIRES = ("rasterio",)

    INPUT = "INPUT"
    QA_MASK = "QA_MASK"
    WETNESS_SENSOR = "WETNESS_SENSOR"
    HARMONIZE = "HARMONIZE"
    ATM_TRANSMITTANCE = "ATM_TRANSMITTANCE"
    UPWELLING_RADIANCE = "UPWELLING_RADIANCE"
    DOWNWELLING_RADIANCE = "DOWNWELLING_RADIANCE"
    BAND_BLUE = "BAND_BLUE"
    BAND_GREEN = "BAND_GREEN"
    BAND_RED = "BAND_RED"
    BAND_NIR = "BAND_NIR"
    BAND_SWIR1 = "BAND_SWIR1"
    BAND_SWIR2 = "BAND_SWIR2"
    BAND_THERMAL = "BAND_THERMAL"
    REFLECTANCE_SCALE = "REFLECTANCE_SCALE"
    REFLECTANCE_OFFSET = "REFLECTANCE_OFFSET"
    THERMAL_SCALE = "THERMAL_SCALE"
    THERMAL_OFFSET = "THERMAL_OFFSET"
    THERMAL_UNIT = "THERMAL_UNIT"
    OUTPUT_NDVI = "OUTPUT_NDVI"
    OUTPUT_WET = "OUTPUT_WET"
    OUTPUT_NDBSI = "OUTPUT_NDBSI"
    OUTPUT_LST = "OUTPUT_LST"
    OUTPUT_MNDWI = "OUTPUT_MNDWI"

    OUTPUTS = (("ndvi", OUTPUT_NDVI), ("wet", OUTPUT_WET), ("ndbsi", OUTPUT_NDBSI), ("lst", OUTPUT_LST),
               ("mndwi", OUTPUT_MNDWI))
    BANDS = (("blue", BAND_BLUE, 1), ("green", BAND_GREEN, 2), ("red", BAND_RED, 3), ("nir", BAND_NIR, 4),
             ("swir1", BAND_SWIR1, 5), ("swir2", BAND_SWIR2, 6), ("lst", BAND_THERMAL, 7))

    USAGE = (
        "<p>Computes the four RSEI indicators — greenness NDVI, wetness WET, dryness NDBSI and heat LST — and "
        "MNDWI from one Landsat scene or composite.</p>"
        "<p><b>How to use.</b> Give a scene's MTL file, a composite of rsei:landsatcomposite or a multiband "
        "reflectance raster (then set the band numbers and scales), and choose the outputs you want. Keep the "
        "QA mask and the wetness coefficients at their defaults (the sensor's own). The rasters feed "
        "rsei:rsei directly.</p>")
    HELP = """
<p>Computes the four indicators of the Remote Sensing Ecological Index (Han et al. 2025, section 3.1) on the
grid of the input, block by block, each as an optional float32 raster.</p>
<p><b>Input</b>: (1) a Landsat scene's MTL file (<code>*_MTL.txt</code>, <code>.xml</code> or
<code>.json</code>) — the sensor (TM, ETM+, OLI/OLI-2), product level and band files are read from it and the
band files must lie beside it; (2) a composite made by <i>Landsat seasonal composite</i> (recognised by its
GeoTIFF tags: bands blue, green, red, NIR, SWIR1, SWIR2 as reflectance 0–1, then LST in °C); or (3) any
multiband reflectance GeoTIFF (e.g. exported from Google Earth Engine): choose which band is which and their
scale and offset under <i>Advanced</i>.</p>
<p><b>Level-2 scenes</b> (C2 L2SP): surface reflectance = DN × REFLECTANCE_MULT + REFLECTANCE_ADD and
temperature = DN × TEMPERATURE_MULT + TEMPERATURE_ADD (K) − 273.15, all read from the MTL. Reflectance outside
0–1 (DN outside 7273–43636 for the usual 2.75e-5/−0.2) is NoData. QA_PIXEL bits chosen under <i>QA mask</i>
(fill, dilated cloud, cirrus, cloud, cloud shadow, snow; water optional) are NoData.</p>
<p><b>Level-1 scenes</b> (C1 or C2 L1TP): reflectance is top-of-atmosphere reflectance from the MTL,
(DN × REFLECTANCE_MULT + REFLECTANCE_ADD) / sin(sun elevation) — not surface reflectance. LST follows the
paper's radiative-transfer equation: at-sensor radiance I = DN × RADIANCE_MULT + RADIANCE_ADD (MTL),
B<sub>T</sub> = [I − L↑ − τ(1 − ε)L↓] / (ετ) (eq. 7) with the transmittance τ and up/down-welling
radiance
L↑, L↓ you give (e.g. from NASA's Atmospheric Correction Parameter Calculator, atmcorr.gsfc.nasa.gov), and
LST = K2 / ln(1 + K1/B<sub>T</sub>) − 273.15 (eq. 8) with K1, K2 from the MTL (Table 2 of the paper as
fallback). Emissivity ε by the NDVI thresholds method of Sobrino et al. (2004): NDVI &lt; 0.2 →
ε = 0.979 − 0.035·ρ<sub>red</sub>; 0.2–0.5 → ε = 0.986 + 0.004·P<sub>v</sub> with
P<sub>v</sub> = ((NDVI − 0.2)/0.3)²; NDVI &gt; 0.5 → ε = 0.99. ETM+ uses the low-gain band 6 (VCID_1).</p>
<p><b>Formulas</b>: NDVI = (NIR − red)/(NIR + red) (eq. 2). WET = tasseled-cap wetness (eq. 3–5). By default
the TM coefficients (Crist 1985, eq. 5) are applied to every sensor: the paper states "for calculating long-term
WET, Formula (5) is uniformly applied", and rsei:rseiseries defaults to the same rule, so indicators made year
by year here and the series tool give the same wetness. <i>From the input's sensor</i> uses OLI Baig et al. 2014
(eq. 3), ETM+ Huang et al. 2002 (eq. 4) or TM (eq. 5) by the sensor (TM for a composite of several sensors). The
paper prints −0.6706 for the TM SWIR1 coefficient; Crist (1985) publishes <b>−0.6806</b>, which is used here.
NDBSI = (SI + IBI)/2 (eq. 9) with SI (eq. 10) and IBI (eq. 11). MNDWI = (green − SWIR1)/(green + SWIR1)
(Xu 2006), for water masks. LST in °C.</p>
<p><b>Cross-sensor harmonisation</b> (HARMONIZE, advanced, off by default): TM and ETM+ surface reflectance is
transformed to OLI-like reflectance per band before the indices, OLI = a + b·ETM+ with the OLS coefficients of
Roy et al. (2016, Table 2), applied to TM too, as in rsei:landsatcomposite. It needs to know the sensor: a
Level-2 scene, or a composite of TM/ETM+ scenes only (a composite already harmonised is not transformed again; a
composite mixing OLI with older sensors must be harmonised in rsei:landsatcomposite). Recorded in the tag
RSEI_HARMONIZED and the sidecar.</p>
<p>Asking for an output whose band file is missing (e.g. LST without ST_B10) is an error naming the file;
leave that output unset to make the others.</p>
"""
    NODATA = ("Fill, reflectance outside 0–1, ST fill (DN 0), NoData of the input and the QA-masked pixels are "
              "NoData (−9999) in every output; a zero denominator gives NoData. Without QA_PIXEL the run "
              "continues with a warning in the log.")
    REFERENCES = (
        "Han et al. (2025). Sustainability 17, 9075 (RSEI of the Ningdong mining area), eq. 2–11.",
        "Crist, E.P. (1985). A TM tasseled cap equivalent transformation for reflectance factor data. "
        "Remote Sensing of Environment 17, 301–306.",
        "Huang, C. et al. (2002). Int. J. Remote Sensing 23, 1741–1748 (ETM+ tasseled cap).",
        "Baig, M.H.A. et al. (2014). Remote Sensing Letters 5, 423–431 (OLI tasseled cap).",
        "Xu, H. (2006). Int. J. Remote Sensing 27, 3025–3033 (MNDWI); Xu, H. (2008) IJRS 29, 4269–4276 (IBI).",
        "Sobrino, J.A., Jiménez-Muñoz, J.C., Paolini, L. (2004). Land surface temperature retrieval from "
        "LANDSAT TM 5. Remote Sensing of Environment 90, 434–440.",
        "USGS (2022). Landsat 8-9 Collection 2 Level 2 Science Product Guide, LSDS-1619 (scaling, QA_PIXEL).",
        "Roy, D.P. et al. (2016). Remote Sensing of Environment 185, 57–70 (Table 2, OLS ETM+ → OLI; HARMONIZE).",
    )

    def initAlgorithm(self, config=None):  # noqa: N802 - QGIS API
        from ..core.qa import QA_CONDITIONS, QA_DEFAULT
        self.add(QgsProcessingParameterFile(
            self.INPUT, "Landsat MTL file, composite or reflectance raster", fileFilter=(
                "Landsat MTL or raster (*_MTL.txt *_MTL.xml *_MTL.json *.txt *.xml *.json *.tif *.tiff);;"
                "All files (*.*)")),
            "A scene's *_MTL.txt/.xml/.json (band files beside it), a rsei:landsatcomposite output, or any "
            "multiband reflectance GeoTIFF (set the band numbers under Advanced).")
        self.add(_params.qa_mask(self.QA_MASK, "QA mask (QA_PIXEL conditions set to NoData)", QA_CONDITIONS,
                                 QA_DEFAULT),
            "Pixels whose QA_PIXEL flags any of these conditions become NoData. Default: fill, dilated cloud, "
            "cirrus, cloud, cloud shadow and snow; add water to drop water too.")
        self.add(QgsProcessingParameterEnum(
            self.WETNESS_SENSOR, "Wetness coefficients",
            options=["From the input's sensor",
                     f"{_params.WETNESS_LABELS['TM']} for every sensor — the paper's long-term choice",
                     _params.WETNESS_LABELS["ETM"], _params.WETNESS_LABELS["OLI"]],
            defaultValue=WETNESS_CHOICES.index("TM")),
            "Tasseled-cap wetness coefficients. Default: TM (eq. 5) for every sensor, the paper's rule for long "
            "series and the default of rsei:rseiseries too, so both tools give the same wetness. 'From the "
            "input's sensor' uses eq. 3/4/5 by sensor (a raster without sensor information then needs an "
            "explicit choice; a composite of several sensors uses TM).")
        self.add(QgsProcessingParameterBoolean(self.HARMONIZE, "Harmonise TM/ETM+ to OLI (Roy et al. 2016)",
                                               defaultValue=False),
                 "Transform TM/ETM+ surface reflectance to OLI-like reflectance with the OLS functions of Roy et "
                 "al. (2016, Table 2), OLI = a + b·ETM+ per band, before the indices. Needs a Level-2 scene or a "
                 "composite of TM/ETM+ scenes. Off (default): the reflectance as it is.", advanced=True)
        self.add(QgsProcessingParameterNumber(
            self.ATM_TRANSMITTANCE, "Atmospheric transmittance τ (Level-1 LST)", type=NUMBER_DOUBLE,
            defaultValue=1.0, minValue=0.01, maxValue=1.0),
            "Band-effective atmospheric transmittance for the radiative-transfer LST of Level-1 scenes (eq. 6-7). "
            "Ignored for Level-2 scenes, whose ST band is already corrected.")
        self.add(QgsProcessingParameterNumber(
            self.UPWELLING_RADIANCE, "Upwelling radiance L↑ (W·m⁻²·sr⁻¹·µm⁻¹, Level-1 LST)",
            type=NUMBER_DOUBLE, defaultValue=0.0, minValue=0.0),
            "Atmospheric upwelling (path) radiance for the Level-1 LST (eq. 7).")
        self.add(QgsProcessingParameterNumber(
            self.DOWNWELLING_RADIANCE, "Downwelling radiance L↓ (W·m⁻²·sr⁻¹·µm⁻¹, Level-1 LST)",
            type=NUMBER_DOUBLE, defaultValue=0.0, minValue=0.0),
            "Atmospheric downwelling (sky) radiance for the Level-1 LST (eq. 7).")
        for role, name, default in self.BANDS:
            label = "thermal (temperature)" if role == "lst" else role.upper() if role.startswith(("nir", "swir")) \
                else role
            self.add(QgsProcessingParameterNumber(
                name, f"Raster input: band number of {label}", type=NUMBER_INTEGER, defaultValue=default,
                minValue=0), f"For a plain multiband raster input: the 1-based band holding {label} "
                             f"(0 = none). Ignored for MTL files and rsei:landsatcomposite outputs.",
                advanced=True)
        self.add(QgsProcessingParameterNumber(
            self.REFLECTANCE_SCALE, "Raster input: reflectance scale", type=NUMBER_DOUBLE, defaultValue=1.0),
            "Reflectance = value × scale + offset for a plain raster (2.75e-05 and −0.2 for raw C2 L2 DN).",
            advanced=True)
        self.add(QgsProcessingParameterNumber(
            self.REFLECTANCE_OFFSET, "Raster input: reflectance offset", type=NUMBER_DOUBLE, defaultValue=0.0),
            "Reflectance = value × scale + offset for a plain raster.", advanced=True)
        self.add(QgsProcessingParameterNumber(
            self.THERMAL_SCALE, "Raster input: thermal scale", type=NUMBER_DOUBLE, defaultValue=1.0),
            "Temperature = value × scale + offset for a plain raster (0.00341802 and 149.0 give kelvin for raw "
            "C2 L2 ST DN).", advanced=True)
        self.add(QgsProcessingParameterNumber(
            self.THERMAL_OFFSET, "Raster input: thermal offset", type=NUMBER_DOUBLE, defaultValue=0.0),
            "Temperature = value × scale + offset for a plain raster.", advanced=True)
        self.add(QgsProcessingParameterEnum(
            self.THERMAL_UNIT, "Raster input: unit of the scaled thermal band", options=["kelvin", "°C"],
            defaultValue=0), "Unit of the thermal band after scale and offset (kelvin is converted to °C).",
            advanced=True)
        helps = {
            "ndvi": "NDVI, greenness (eq. 2).",
            "wet": "Tasseled-cap wetness WET (eq. 3-5).",
            "ndbsi": "NDBSI, dryness (eq. 9-11).",
            "lst": "Land surface temperature in °C (Level-2 ST band, or eq. 6-8 for Level-1 scenes).",
            "mndwi": "MNDWI, for water masks (Xu 2006).",
        }
        for key, name in self.OUTPUTS:
            self.add(QgsProcessingParameterRasterDestination(
                name, f"{key.upper()}", optional=True, createByDefault=key != "mndwi"), helps[key])
        self.add_engine_parameter()

    # ------------------------------------------------------------------ run
    def check(self, parameters, context, monitor):
        from ..core import mtl
        from ..core.errors import CoreError, render

        path = self.parameterAsFile(parameters, self.INPUT, context)
        band = mtl.mtl_beside_band(path) if path else None
        if band is not None:
            product, beside = band
            where = (f" ('{os.path.basename(beside)}' lies beside it)" if beside else
                     f" (it was not found beside the band file, in '{os.path.dirname(os.path.abspath(path))}': "
                     f"keep the product's files together)")
            raise CoreError(self.tr("INPUT: '{file}' is one band file of the Landsat scene {product}; pass "
                                    "the scene's _MTL.txt instead{where}. The MTL names every band file and "
                                    "their scale factors.")
                            .format(file=os.path.basename(path), product=product, where=where))
        if path and os.path.isfile(path) and not mtl.is_mtl(path):
            from ..core import kinds
            key = kinds.product_of(path)
            if key not in (None, "composite"):
                raise CoreError(self.tr("INPUT: '{file}' is {kind}, not a Landsat scene, composite or "
                                        "reflectance raster.")
                                .format(file=os.path.basename(path), kind=render(kinds.describe(key), self.tr)))

    def process(self, parameters, context, feedback, monitor, tx):
        from ..core import landsat, mtl
        from ..core.errors import CoreError
        from ..core.qa import QA_CONDITIONS

        path = self.parameterAsFile(parameters, self.INPUT, context)
        if not path or not os.path.exists(path):
            raise CoreError(self.tr("Input 'INPUT': the file '{path}' does not exist.").format(path=path))
        qa_idx = self.parameterAsEnums(parameters, self.QA_MASK, context)
        qa = tuple(QA_CONDITIONS[i] for i in qa_idx)
        choice = WETNESS_CHOICES[self.parameterAsEnum(parameters, self.WETNESS_SENSOR, context)]

        requested = {}
        for key, name in self.OUTPUTS:
            out = self.output_path(parameters, name, context)
            if out:
                requested[key] = (name, out)
        if not requested:
            raise CoreError(self.tr("No output was requested: set at least one of OUTPUT_NDVI, OUTPUT_WET, "
                                    "OUTPUT_NDBSI, OUTPUT_LST, OUTPUT_MNDWI."))

        source = None
        try:
            if mtl.is_mtl(path):
                scene = mtl.open_scene(path)
                monitor.info(self.tr("Scene {label}: {sensor}, Level {level}, {date}.")
                             .format(label=scene.label, sensor=scene.sensor, level=scene.level[1], date=scene.date))
                level = scene.level
                roles = landsat.roles_for(list(requested), level)
                needed_by = self._needed_by(requested, level)
                source = landsat.SceneSource(scene, roles, qa, monitor=monitor, outputs_for_roles=needed_by)
                sensor = scene.sensor
            else:
                source, sensor = self._raster_source(parameters, context, path, monitor)
                level = "L2"
                roles = landsat.roles_for(list(requested), level)
                source.check(roles, self._needed_by(requested, level))
            harmonization = None
            if self.parameterAsBoolean(parameters, self.HARMONIZE, context):
                from ..core import harmonize as hz
                if mtl.is_mtl(path):
                    apply, msg = hz.plan("scene", (sensor,), level)
                elif getattr(source, "is_composite", False):
                    apply, msg = hz.plan("composite", source.sensors, level, hz.already_harmonized(path))
                else:
                    apply, msg = hz.plan("raster", (), level)
                monitor.info(msg)
                if apply:
                    source = hz.HarmonizedSource(source)
                    harmonization = hz.summary()
            wet_sensor = self._wetness_sensor(choice, source, sensor, "wet" in requested, monitor)
            k = None
            atmosphere = (self.parameterAsDouble(parameters, self.ATM_TRANSMITTANCE, context),
                          self.parameterAsDouble(parameters, self.UPWELLING_RADIANCE, context),
                          self.parameterAsDouble(parameters, self.DOWNWELLING_RADIANCE, context))
            if level == "L1" and "lst" in requested:
                scene = source.scene
                if scene.k1 is None:
                    raise CoreError(self.tr("Scene {label}: the MTL has no K1/K2 thermal constants and the "
                                            "paper's Table 2 has none for {spacecraft}.")
                                    .format(label=scene.label, spacecraft=scene.spacecraft))
                k = (scene.k1, scene.k2)
                k_source = self.tr("paper Table 2") if scene.k_source == "paper Table 2" else scene.k_source
                monitor.info(self.tr("Level-1 LST by the radiative-transfer equation (eq. 6-8): K1={k1}, K2={k2} "
                                     "({k_source}); tau={tau}, Lup={lup}, Ldown={ldown}; emissivity by Sobrino et "
                                     "al. (2004) NDVI thresholds; reflectance is TOA reflectance.")
                             .format(k1=k[0], k2=k[1], k_source=k_source, tau=atmosphere[0], lup=atmosphere[1],
                                     ldown=atmosphere[2]))
                if atmosphere == (1.0, 0.0, 0.0):
                    monitor.warn(self.tr("Level-1 LST without atmospheric correction (tau=1, Lup=Ldown=0): "
                                         "give ATM_TRANSMITTANCE, UPWELLING_RADIANCE and DOWNWELLING_RADIANCE "
                                         "for the date."))
            elif level == "L1":
                monitor.info(self.tr("Level-1 scene: indices use TOA reflectance from the MTL, not surface "
                                     "reflectance."))
            outputs = {key: out for key, (_, out) in requested.items()}
            tags = {"RSEI_HARMONIZED": harmonization["method"]} if harmonization else None
            valid = landsat.compute_indices(source, outputs, tx, monitor, wet_sensor, atmosphere, k, tags)
        finally:
            if source is not None:
                source.close()
        if not any(valid.values()):
            label = getattr(getattr(source, "scene", None), "label", path)
            raise CoreError(self.tr("{label}: no clear pixel — every pixel is fill, out of range or masked by "
                                    "the QA conditions ({conditions}). No output was written.")
                            .format(label=label, conditions=', '.join(qa) or self.tr('none')))
        results = {}
        for key, (name, out) in requested.items():
            tx.annotate(out, valid_pixels=valid[key], wetness_coefficients=wet_sensor if key == "wet" else None,
                        qa_mask=list(qa), source_level=level, harmonization=harmonization or "none")
            self.style_output(tx, out, key)
            results[name] = out
        return results

    def _needed_by(self, requested, level):
        from ..core import landsat
        needed = {}
        for key, (name, _) in requested.items():
            for role in landsat.roles_for([key], level):
                needed.setdefault(role, name)
        return needed

    def _raster_source(self, parameters, context, path, monitor):
        from ..core import landsat
        from ..core.indices import COMPOSITE_BANDS
        info = landsat.composite_info(path)
        if info is not None:
            band_map = {role: i + 1 for i, role in enumerate(COMPOSITE_BANDS) if i < info["count"]}
            sensors = tuple(s for s in info["sensors"].split(",") if s)
            monitor.info(self.tr("Input is a rsei:landsatcomposite output (sensors: {sensors}).")
                         .format(sensors=", ".join(sensors) or self.tr("unknown")))
            source = landsat.BandRasterSource(path, band_map, sensor=sensors[0] if len(set(sensors)) == 1 else None,
                                              thermal_unit="C", sensors=sensors)
            source.is_composite = True
            return source, source.sensor
        band_map = {role: self.parameterAsInt(parameters, name, context) for role, name, _ in self.BANDS}
        unit = THERMAL_UNITS[self.parameterAsEnum(parameters, self.THERMAL_UNIT, context)]
        source = landsat.BandRasterSource(
            path, band_map, refl_scale=self.parameterAsDouble(parameters, self.REFLECTANCE_SCALE, context),
            refl_offset=self.parameterAsDouble(parameters, self.REFLECTANCE_OFFSET, context),
            thermal_scale=self.parameterAsDouble(parameters, self.THERMAL_SCALE, context),
            thermal_offset=self.parameterAsDouble(parameters, self.THERMAL_OFFSET, context), thermal_unit=unit)
        monitor.info(self.tr("Input is a plain raster: bands {bands}, QA masking does not apply.")
                     .format(bands=band_map))
        return source, None

    def _wetness_sensor(self, choice, source, sensor, needed, monitor):
        from ..core.errors import CoreError
        if choice != "auto":
            return choice
        if sensor:
            return sensor
        if getattr(source, "sensors", ()):
            monitor.info(self.tr("Composite of several sensors ({sensors}): wetness uses the TM coefficients for "
                                 "all, as the paper does for long series.").format(sensors=", ".join(source.sensors)))
            return "TM"
        if needed:
            raise CoreError(self.tr("Input 'INPUT' is a plain raster with no sensor information: choose the "
                                    "wetness coefficients (WETNESS_SENSOR = TM, ETM+ or OLI)."))
        return "TM"
