"""rsei:landsatcomposite — per-pixel median of the clear observations of several Landsat L2 scenes."""
import json

from qgis.core import (QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsProcessingParameterBoolean,
                       QgsProcessingParameterCrs,
                       QgsProcessingParameterEnum, QgsProcessingParameterExtent,
                       QgsProcessingParameterFeatureSource, QgsProcessingParameterMultipleLayers,
                       QgsProcessingParameterNumber, QgsProcessingParameterRasterDestination,
                       QgsProcessingParameterString)

from . import _params
from .base import RseiAlgorithm
from .compat import NUMBER_DOUBLE, TYPE_FILE, TYPE_VECTOR_POLYGON

RESAMPLINGS = ("nearest", "bilinear")


class LandsatCompositeAlgorithm(RseiAlgorithm):
    ALG_ID = "landsatcomposite"
    DISPLAY_NAME = "Landsat seasonal composite (median)"
    GROUP_ID = "landsat"
    REQUIRES = ("rasterio",)

    SCENES = "SCENES"
    MONTHS = "MONTHS"
    QA_MASK = "QA_MASK"
    EXTENT = "EXTENT"
    CLIP = "CLIP"
    TARGET_CRS = "TARGET_CRS"
    RESOLUTION = "RESOLUTION"
    RESAMPLING = "RESAMPLING"
    HARMONIZE = "HARMONIZE"
    OUTPUT = "OUTPUT"
    OUTPUT_COUNT = "OUTPUT_COUNT"

    USAGE = (
        "<p>Makes one cloud-free seasonal image (per-pixel median of the clear observations) from several "
        "Landsat Collection 2 Level-2 scenes, ready for rsei:landsatindices.</p>"
        "<p><b>How to use.</b> Add the scenes' MTL files (the band files must lie beside them), set MONTHS to "
        "the season (6-9, June–September, as the paper) and keep the QA mask as it is. Optionally give an "
        "extent or clip polygons, a target CRS and resolution. You get a 7-band composite (six reflectances "
        "and LST in °C) and optionally the count of clear observations per pixel.</p>")
    HELP = """
<p>Builds one cloud-free seasonal image from several Landsat Collection 2 Level-2 scenes — of different dates,
path/rows and sensors (TM, ETM+, OLI, OLI-2) — as the paper does for the peak vegetation season (June to
September, CFMask-masked images mosaicked and synthesised; Han et al. 2025, section 2.2).</p>
<p>Scenes acquired outside <b>MONTHS</b> (<code>6-9</code> by default; also <code>1-12</code>, lists like
<code>5,6,7</code> and wrap-around ranges like <code>11-2</code>) are skipped with a note in the log. Each
scene's surface reflectance (and surface temperature) is scaled with the factors of its MTL, reflectance
outside 0–1 and fill are dropped, and the QA_PIXEL conditions of <b>QA mask</b> are dropped. Every scene is
then read warped onto the target grid, block by block, and each output pixel gets the per-band median of its
clear observations (an observation is clear when all of the scene's bands are valid there, so the bands of
one pixel come from the same observations; with an even number the two middle values are averaged).</p>
<p><b>Target grid</b>: the first selected scene's grid by default; TARGET_CRS, RESOLUTION and EXTENT
(or the bounding box of CLIP) change it. With the first scene's CRS and pixel size the grid stays aligned to its
pixels. Pixels outside the CLIP polygons are NoData.</p>
<p><b>Output</b>: bands blue, green, red, NIR, SWIR1, SWIR2 (reflectance 0–1) and, when every scene has a
surface-temperature band, LST in °C; band descriptions and GeoTIFF tags record the bands, sensors and
scenes, so <i>Landsat indices</i> reads the composite directly. <b>Count</b>: number of clear observations per
pixel.</p>
<p><b>Cross-sensor harmonisation</b> (HARMONIZE, advanced, off by default as in the paper's series): before the
median, the surface reflectance of every TM and ETM+ scene is transformed to OLI-like reflectance with the
ordinary-least-squares functions of Roy et al. (2016, Table 2), OLI = a + b·ETM+ per band (blue 0.0003 +
0.8474·x, green 0.0088 + 0.8483·x, red 0.0061 + 0.9047·x, NIR 0.0412 + 0.8462·x, SWIR1 0.0254 + 0.8937·x,
SWIR2 0.0172 + 0.9071·x); the ETM+ coefficients are applied to TM too, as is common. OLI/OLI-2 scenes and the
temperature band are unchanged. The tag RSEI_HARMONIZED and the sidecar record it. (The paper says that
"band-specific convolution functions are employed to standardize formulas across different sensors" without
giving them; this is the published transformation closest to that.)</p>
"""
    NODATA = ("Pixels without any clear observation are NoData (−9999) in the composite and 0 in the count; "
              "pixels outside the CLIP polygons are NoData in both (count −1). Scenes without QA_PIXEL are "
              "used with a warning (only fill and out-of-range values are dropped).")
    REFERENCES = (
        "Han et al. (2025). Sustainability 17, 9075, section 2.2 (June–September CFMask composites).",
        "USGS (2022). Landsat 8-9 Collection 2 Level 2 Science Product Guide, LSDS-1619 (scaling, QA_PIXEL).",
        "Flood, N. (2013). Seasonal composite Landsat TM/ETM+ images using the medoid (a multi-dimensional "
        "median). Remote Sensing 5, 6481–6500 (median compositing).",
        "Roy, D.P. et al. (2016). Characterization of Landsat-7 to Landsat-8 reflective wavelength and NDVI "
        "continuity. Remote Sensing of Environment 185, 57–70 (Table 2, OLS; HARMONIZE).",
    )

    def initAlgorithm(self, config=None):  # noqa: N802 - QGIS API
        from ..core.qa import QA_CONDITIONS, QA_DEFAULT
        self.add(QgsProcessingParameterMultipleLayers(self.SCENES, "Landsat scenes (MTL files)", TYPE_FILE),
                 "The *_MTL.txt/.xml/.json files of Collection 2 Level-2 scenes; the SR_B*/ST_B* and QA_PIXEL "
                 "files must lie beside each MTL.")
        self.add(QgsProcessingParameterString(self.MONTHS, "Months", defaultValue="6-9"),
                 "Months whose scenes are used: a range (6-9, the paper's June–September; 1-12), a list "
                 "(5,6,7) or a wrap-around range (11-2).")
        self.add(_params.qa_mask(self.QA_MASK, "QA mask (QA_PIXEL conditions dropped)", QA_CONDITIONS, QA_DEFAULT),
            "Observations whose QA_PIXEL flags any of these conditions are not clear. Default: fill, dilated "
            "cloud, cirrus, cloud, cloud shadow, snow.")
        self.add(QgsProcessingParameterExtent(self.EXTENT, "Extent", optional=True),
                 "Area of the composite (default: the first scene's grid).")
        self.add(QgsProcessingParameterFeatureSource(self.CLIP, "Clip polygons", [TYPE_VECTOR_POLYGON],
                                                     optional=True),
                 "Polygons (e.g. the study area): pixels outside are NoData; their bounding box is the extent "
                 "unless EXTENT is set.")
        self.add(QgsProcessingParameterCrs(self.TARGET_CRS, "Target CRS", optional=True),
                 "CRS of the composite (default: the first scene's CRS).", advanced=True)
        self.add(QgsProcessingParameterNumber(self.RESOLUTION, "Target resolution (0 = first scene's)",
                                              type=NUMBER_DOUBLE, defaultValue=0.0, minValue=0.0),
                 "Pixel size in target CRS units; 0 keeps the first scene's pixel size.", advanced=True)
        self.add(QgsProcessingParameterEnum(self.RESAMPLING, "Resampling", options=list(RESAMPLINGS),
                                            defaultValue=RESAMPLINGS.index("nearest")),
                 "Resampling of the reflectance/temperature bands when a scene is not on the target grid "
                 "(QA_PIXEL always uses nearest neighbour).", advanced=True)
        self.add(QgsProcessingParameterBoolean(self.HARMONIZE, "Harmonise TM/ETM+ to OLI (Roy et al. 2016)",
                                               defaultValue=False),
                 "Transform the surface reflectance of TM and ETM+ scenes to OLI-like reflectance with the OLS "
                 "functions of Roy et al. (2016, Table 2), OLI = a + b·ETM+ per band, before the median. Off "
                 "(default): each sensor's reflectance as it is.", advanced=True)
        self.add(QgsProcessingParameterRasterDestination(self.OUTPUT, "Composite"),
                 "Median composite: blue, green, red, NIR, SWIR1, SWIR2 reflectance (+ LST °C).")
        self.add(QgsProcessingParameterRasterDestination(self.OUTPUT_COUNT, "Clear observations", optional=True,
                                                         createByDefault=True),
                 "Number of clear observations per pixel.")
        self.add_engine_parameter()

    def process(self, parameters, context, feedback, monitor, tx):
        from ..core import composite
        from ..core.errors import CoreError
        from ..core.qa import QA_CONDITIONS
        from ..core.raster import geojson_bounds
        from ..core.years import parse_months

        value = parameters.get(self.SCENES)
        if isinstance(value, str):
            value = [value]
        paths = [str(v) for v in (value or [])]
        if not paths:
            raise CoreError(self.tr("Input 'SCENES': give at least one MTL file."))
        months = parse_months(self.parameterAsString(parameters, self.MONTHS, context))
        qa = tuple(QA_CONDITIONS[i] for i in self.parameterAsEnums(parameters, self.QA_MASK, context))
        resampling = RESAMPLINGS[self.parameterAsEnum(parameters, self.RESAMPLING, context)]
        scenes = composite.select_scenes(paths, months, monitor)
        monitor.info(self.tr("{n} scene(s) in months {months}: {scenes}")
                     .format(n=len(scenes), months=",".join(map(str, months)),
                             scenes=", ".join(f"{s.label} ({s.sensor})" for s in scenes)))

        reference = composite.scene_grid(scenes[0])
        target = self.parameterAsCrs(parameters, self.TARGET_CRS, context)
        if target is not None and target.isValid():
            crs_text = target.authid() or target.toWkt()
            qcrs = target
        else:
            crs_text = None
            qcrs = QgsCoordinateReferenceSystem()
            qcrs.createFromWkt(reference.crs_wkt)
        resolution = self.parameterAsDouble(parameters, self.RESOLUTION, context) or None

        bounds, geometries = None, None
        if self.wants(parameters, self.EXTENT):
            r = self.parameterAsExtent(parameters, self.EXTENT, context, qcrs)
            if not r.isNull() and r.width() > 0 and r.height() > 0:
                bounds = (r.xMinimum(), r.yMinimum(), r.xMaximum(), r.yMaximum())
        if self.wants(parameters, self.CLIP):
            source = self.parameterAsSource(parameters, self.CLIP, context)
            if source is None:
                raise CoreError(self.tr("Input 'CLIP': the polygon layer could not be loaded."))
            xform = QgsCoordinateTransform(source.sourceCrs(), qcrs, context.transformContext())
            geometries = []
            for feature in source.getFeatures():
                geom = feature.geometry()
                if geom is None or geom.isEmpty():
                    continue
                geom.transform(xform)
                geometries.append(json.loads(geom.asJson()))
            if not geometries:
                raise CoreError(self.tr("Input 'CLIP': the layer has no polygon."))
            if bounds is None:
                bounds = geojson_bounds(*geometries)
        grid = composite.target_grid(reference, crs_text, resolution, bounds)
        monitor.info(self.tr("Target grid: {width}×{height} pixels of {size:g} ({crs}).")
                     .format(width=grid.width, height=grid.height, size=grid.pixel_size[0],
                             crs=crs_text or self.tr("first scene CRS")))

        out = self.output_path(parameters, self.OUTPUT, context)
        count = self.output_path(parameters, self.OUTPUT_COUNT, context)
        harmonize = self.parameterAsBoolean(parameters, self.HARMONIZE, context)
        if harmonize:
            moved = [s.label for s in scenes if s.sensor in ("TM", "ETM")]
            monitor.info(self.tr("HARMONIZE: {n} TM/ETM+ scene(s) transformed to OLI-like reflectance (Roy et al. "
                                 "2016, Table 2, OLS).").format(n=len(moved)))
        summary = composite.make_composite(scenes, grid, out, count, tx, monitor, qa, resampling, geometries,
                                           harmonize=harmonize)
        tx.annotate(out, months=list(months), qa_mask=list(qa), **summary)
        results = {self.OUTPUT: out}
        if count:
            tx.annotate(count, scenes=summary["scenes"])
            self.style_output(tx, count, "count")
            results[self.OUTPUT_COUNT] = count
        return results
