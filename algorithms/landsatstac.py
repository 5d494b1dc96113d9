"""rsei:landsatstac — yearly seasonal Landsat composites streamed from a STAC API (Planetary Computer by default)."""
import json
import os

from qgis.core import (QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsGeometry, QgsProcessingOutputNumber,
                       QgsProcessingParameterBoolean, QgsProcessingParameterCrs, QgsProcessingParameterEnum,
                       QgsProcessingParameterExtent, QgsProcessingParameterFeatureSink,
                       QgsProcessingParameterFeatureSource, QgsProcessingParameterFileDestination,
                       QgsProcessingParameterFolderDestination, QgsProcessingParameterNumber,
                       QgsProcessingParameterString, QgsSettings)

from .base import RseiAlgorithm
from .compat import NUMBER_DOUBLE, NUMBER_INTEGER, TYPE_VECTOR_ANY, TYPE_VECTOR_POLYGON

SIGNINGS = ("Planetary Computer SAS token", "none (public or pre-signed hrefs)")
SECRET_PARAMETERS = ("SUBSCRIPTION_KEY",)


def qgis_proxy():
    """(proxy URL, 'user:password' or None) from QGIS's network settings, or (None, None)."""
    s = QgsSettings()
    enabled = s.value("proxy/proxyEnabled", False)
    if str(enabled).lower() not in ("true", "1"):
        return None, None
    host = str(s.value("proxy/proxyHost", "") or "").strip()
    port = str(s.value("proxy/proxyPort", "") or "").strip()
    if not host:
        return None, None
    url = host if "://" in host else f"http://{host}"
    if port and port != "0":
        url += f":{port}"
    user = str(s.value("proxy/proxyUser", "") or "")
    pwd = str(s.value("proxy/proxyPassword", "") or "")
    return url, (f"{user}:{pwd}" if user else None)


class LandsatStacAlgorithm(RseiAlgorithm):
    ALG_ID = "landsatstac"
    DISPLAY_NAME = "Landsat seasonal composites from a STAC API (cloud)"
    GROUP_ID = "landsat"
    REQUIRES = ("rasterio",)

    EXTENT = "EXTENT"
    CLIP = "CLIP"
    YEARS = "YEARS"
    MONTHS = "MONTHS"
    SENSORS = "SENSORS"
    SLC_OFF = "SLC_OFF"
    MAX_CLOUD = "MAX_CLOUD"
    TARGET_CRS = "TARGET_CRS"
    RESOLUTION = "RESOLUTION"
    CATALOG = "CATALOG"
    COLLECTION = "COLLECTION"
    SIGNING = "SIGNING"
    SUBSCRIPTION_KEY = "SUBSCRIPTION_KEY"
    TOKEN_URL = "TOKEN_URL"
    CACHE_FOLDER = "CACHE_FOLDER"
    MAX_WORKERS = "MAX_WORKERS"
    TIMEOUT = "TIMEOUT"
    OUTPUT_FOLDER = "OUTPUT_FOLDER"
    OUTPUT_SCENES = "OUTPUT_SCENES"
    OUTPUT_HTML = "OUTPUT_HTML"
    YEARS_WRITTEN = "YEARS_WRITTEN"
    SCENES_USED = "SCENES_USED"
    MEGABYTES_READ = "MEGABYTES_READ"

    USAGE = (
        "<p>Builds one cloud-free seasonal composite per year directly from the cloud (a STAC API, by default "
        "Microsoft Planetary Computer), reading only the area of interest.</p>"
        "<p><b>How to use.</b> Draw or choose the EXTENT (or CLIP polygons), set YEARS (e.g. 2000-2024) and "
        "MONTHS (6-9, as the paper), keep the catalog and signing defaults, and choose an output folder. You "
        "get composite_&lt;year&gt;.tif files ready for rsei:landsatindices or rsei:rseiseries, a table of "
        "the scenes used and an optional report; a cache folder makes reruns fast.</p>")
    HELP = """
<p>Builds one cloud-free seasonal composite per year from Landsat Collection 2 Level-2 scenes found through a
<b>STAC API</b> — by default Microsoft Planetary Computer's <code>landsat-c2-l2</code> collection (no account
needed) — reading <b>only the area's window</b> of each band from the Cloud-Optimized GeoTIFFs (HTTP range
requests through GDAL's <code>/vsicurl/</code>), never whole scenes. This replaces the paper's Earth Engine
step (Han et al. 2025, Table 1 and section 2.2).</p>
<p>For each year of <b>YEARS</b> one search (POST <code>/search</code>, all result pages) asks for the items
of the season (<b>MONTHS</b>; a wrap-around season such as 11-2 is the one ending in that year) over the area,
with scene cloud cover ≤ <b>MAX_CLOUD</b> and the chosen <b>SENSORS</b>. Each scene's blue, green, red, NIR,
SWIR1, SWIR2, surface-temperature and QA_PIXEL assets are read warped onto the target grid, concurrently, and
composited exactly as <i>Landsat seasonal composite</i> does (same QA mask, median of the clear observations,
same bands, tags and NoData), so <i>Landsat indices</i> and <i>RSEI time series</i> take the outputs
unchanged. Scale and offset come from each asset's <code>raster:bands</code> (else the item's MTL).</p>
<p>Every fetched window is kept in <b>CACHE_FOLDER</b> (with its size and checksum): a rerun, or a run resumed
after a cancel, reads only what is missing; a damaged cached window is fetched again. Years already finished
stay in OUTPUT_FOLDER when the run is canceled; the year in progress leaves nothing.</p>
<p><b>Target grid</b>: TARGET_CRS (default the WGS 84 / UTM zone of the extent's centre) and RESOLUTION
(default 30 m), pixel centres on multiples of the resolution as in USGS's Landsat grids. QGIS's proxy settings
are used for the searches, the token and GDAL's reads. SAS tokens and the subscription key are never written to
any output, table, report, cache or log (only item ids and unsigned hrefs are).</p>
"""
    NODATA = ("Pixels without a clear observation in any scene of the year are NoData (−9999) in the composite and "
              "0 in the count; outside the CLIP polygons NoData in both (count −1). A year without a usable scene is "
              "skipped with a warning.")
    REFERENCES = (
        "Han et al. (2025). Sustainability 17, 9075, Table 1 and section 2.2 (June–September CFMask composites).",
        "STAC API – Item Search specification v1.0.0 (POST /search, paging links, Query extension).",
        "Microsoft Planetary Computer: Landsat Collection 2 Level-2 and SAS token data access documentation.",
        "USGS (2022). Landsat 8-9 Collection 2 Level 2 Science Product Guide, LSDS-1619 (scaling, QA_PIXEL).",
    )

    def initAlgorithm(self, config=None):  # noqa: N802 - QGIS API
        from ..core import stac
        from ..core.qa import QA_CONDITIONS, QA_DEFAULT
        self.add(QgsProcessingParameterExtent(self.EXTENT, "Extent", optional=True),
                 "Area of the composites. Either EXTENT or CLIP is required.")
        self.add(QgsProcessingParameterFeatureSource(self.CLIP, "Clip polygons", [TYPE_VECTOR_POLYGON],
                                                     optional=True),
                 "Polygons of the study area: pixels outside are NoData; their bounding box is the extent unless "
                 "EXTENT is set; the search asks for items intersecting them.")
        self.add(QgsProcessingParameterString(self.YEARS, "Years", defaultValue="2000-2024"),
                 "Years of the series: a range (2000-2024), a list (2000,2005,2010) or a mix (2000-2003,2010).")
        self.add(QgsProcessingParameterString(self.MONTHS, "Months (season)", defaultValue="6-9"),
                 "Months of each year's season: 6-9 (June–September, the paper's), a list (5,6,7) or a wrap-around "
                 "range (11-2, the season ending in the year).")
        self.add(QgsProcessingParameterEnum(self.SENSORS, "Sensors", options=[s for s, _ in stac.SENSORS],
                                            allowMultiple=True, defaultValue=list(range(len(stac.SENSORS)))),
                 "TM (Landsat 4–5), ETM+ (Landsat 7), OLI (Landsat 8), OLI-2 (Landsat 9). Default: all.")
        self.add(QgsProcessingParameterBoolean(self.SLC_OFF, "Use ETM+ SLC-off scenes", defaultValue=True),
                 "ETM+ scenes after 31 May 2003 take part; their gaps are fill and the median fills them from the "
                 "other scenes.")
        self.add(QgsProcessingParameterNumber(self.MAX_CLOUD, "Maximum scene cloud cover (%)", type=NUMBER_DOUBLE,
                                              defaultValue=80.0, minValue=0.0, maxValue=100.0),
                 "Scenes whose eo:cloud_cover is above this are not used; QA_PIXEL masks the clouds of the others.")
        self.add(QgsProcessingParameterEnum(
            "QA_MASK", "QA mask (QA_PIXEL conditions dropped)",
            options=[c.replace("_", " ") for c in QA_CONDITIONS], allowMultiple=True,
            defaultValue=[QA_CONDITIONS.index(c) for c in QA_DEFAULT], optional=True),
            "Observations whose QA_PIXEL flags any of these conditions are not clear (as in Landsat seasonal "
            "composite).", advanced=True)
        self.add(QgsProcessingParameterCrs(self.TARGET_CRS, "Target CRS", optional=True),
                 "CRS of the composites (default: the WGS 84 / UTM zone of the extent's centre).", advanced=True)
        self.add(QgsProcessingParameterNumber(self.RESOLUTION, "Resolution", type=NUMBER_DOUBLE, defaultValue=30.0,
                                              minValue=0.0),
                 "Pixel size in target CRS units (default 30 m, Landsat's).", advanced=True)
        self.add(QgsProcessingParameterString(self.CATALOG, "STAC API", defaultValue=stac.PC_CATALOG),
                 "URL of the STAC API (http or https), e.g. Planetary Computer's, or another one serving Landsat "
                 "C2 L2 items with the same asset keys.", advanced=True)
        self.add(QgsProcessingParameterString(self.COLLECTION, "Collection", defaultValue=stac.PC_COLLECTION),
                 "The collection of Landsat Collection 2 Level-2 items.", advanced=True)
        self.add(QgsProcessingParameterEnum(self.SIGNING, "Signing of asset URLs", options=list(SIGNINGS),
                                            defaultValue=0),
                 "Planetary Computer SAS token (free, fetched and renewed automatically), or none for public or "
                 "pre-signed hrefs.", advanced=True)
        self.add(QgsProcessingParameterString(self.SUBSCRIPTION_KEY, "Subscription key", optional=True),
                 "Optional Planetary Computer subscription key (also read from the environment variable "
                 "PC_SDK_SUBSCRIPTION_KEY, which keeps it out of the processing history). Never written out.",
                 advanced=True)
        from ..core.signing import PC_TOKEN_URL
        self.add(QgsProcessingParameterString(self.TOKEN_URL, "SAS token service", defaultValue=PC_TOKEN_URL),
                 "The token endpoint; the collection name is appended.", advanced=True)
        self.add(QgsProcessingParameterString(self.CACHE_FOLDER, "Cache folder", optional=True),
                 "Folder keeping every fetched window (default: rsei_toolbox/stac under the user's cache "
                 "directory). Safe to delete.", advanced=True)
        self.add(QgsProcessingParameterNumber(self.MAX_WORKERS, "Concurrent reads", type=NUMBER_INTEGER,
                                              defaultValue=8, minValue=1, maxValue=64),
                 "Number of asset windows read at the same time.", advanced=True)
        self.add(QgsProcessingParameterNumber(self.TIMEOUT, "Network timeout (s)", type=NUMBER_DOUBLE,
                                              defaultValue=30.0, minValue=1.0, maxValue=600.0),
                 "Timeout of one HTTP request; failed requests are retried a few times with backoff.",
                 advanced=True)
        self.add(QgsProcessingParameterFolderDestination(self.OUTPUT_FOLDER, "Output folder"),
                 "composite_<year>.tif and count_<year>.tif for every year with a usable scene.")
        self.add(QgsProcessingParameterFeatureSink(self.OUTPUT_SCENES, "Scenes", TYPE_VECTOR_ANY, optional=True,
                                                   createByDefault=True),
                 "Table: item id, year, date, sensor, path/row, scene cloud %, clear % inside the area, used yes/no "
                 "and why, bytes read.")
        self.add(QgsProcessingParameterFileDestination(self.OUTPUT_HTML, "Report (HTML)", "HTML files (*.html)",
                                                       optional=True, createByDefault=False),
                 "Per year: the dates used, clear observations per pixel and a quick-look of the composite.")
        self.addOutput(QgsProcessingOutputNumber(self.YEARS_WRITTEN, "Years written"))
        self.addOutput(QgsProcessingOutputNumber(self.SCENES_USED, "Scenes used"))
        self.addOutput(QgsProcessingOutputNumber(self.MEGABYTES_READ, "Megabytes read"))

    def _provenance(self, parameters, context):
        safe = {k: ("(not recorded)" if k in SECRET_PARAMETERS and v not in (None, "") else v)
                for k, v in parameters.items()}
        return super()._provenance(safe, context)

    def process(self, parameters, context, feedback, monitor, tx):
        from ..core import cloud_composite as cc
        from ..core import stac
        from ..core.errors import CoreError
        from ..core.http import HttpClient, check_url
        from ..core.qa import QA_CONDITIONS
        from ..core.years import parse_months, parse_year_list
        from ..core.raster import OutputTransaction
        from ..core.signing import NoSigner, SasSigner

        years = parse_year_list(self.parameterAsString(parameters, self.YEARS, context))
        months = parse_months(self.parameterAsString(parameters, self.MONTHS, context))
        sensors = self.parameterAsEnums(parameters, self.SENSORS, context) or list(range(len(stac.SENSORS)))
        platforms = tuple(p for i in sensors for p in stac.SENSORS[i][1])
        qa = tuple(QA_CONDITIONS[i] for i in self.parameterAsEnums(parameters, "QA_MASK", context))
        catalog = check_url(self.parameterAsString(parameters, self.CATALOG, context), "CATALOG")
        collection = self.parameterAsString(parameters, self.COLLECTION, context).strip() or stac.PC_COLLECTION
        resolution = self.parameterAsDouble(parameters, self.RESOLUTION, context) or 30.0

        wgs84 = QgsCoordinateReferenceSystem("EPSG:4326")
        has_extent = parameters.get(self.EXTENT) not in (None, "")
        geoms_4326, clip_layer = [], None
        if parameters.get(self.CLIP) not in (None, ""):
            clip_layer = self.parameterAsSource(parameters, self.CLIP, context)
            if clip_layer is None:
                raise CoreError(self.tr("Input 'CLIP': the polygon layer could not be loaded."))
            to4326 = QgsCoordinateTransform(clip_layer.sourceCrs(), wgs84, context.transformContext())
            for f in clip_layer.getFeatures():
                g = f.geometry()
                if g is None or g.isEmpty():
                    continue
                g = QgsGeometry(g)
                g.transform(to4326)
                geoms_4326.append(g)
            if not geoms_4326:
                raise CoreError(self.tr("Input 'CLIP': the layer has no polygon."))
        if not has_extent and not geoms_4326:
            raise CoreError(self.tr("Give EXTENT or CLIP: the area of the composites."))
        if has_extent:
            r = self.parameterAsExtent(parameters, self.EXTENT, context, wgs84)
            if r.isNull() or not (r.width() > 0 and r.height() > 0):
                raise CoreError(self.tr("Input 'EXTENT' is empty."))
            bbox = (r.xMinimum(), r.yMinimum(), r.xMaximum(), r.yMaximum())
        else:
            r = QgsGeometry.unaryUnion(geoms_4326).boundingBox()
            bbox = (r.xMinimum(), r.yMinimum(), r.xMaximum(), r.yMaximum())
        target = self.parameterAsCrs(parameters, self.TARGET_CRS, context)
        if target is None or not target.isValid():
            target = QgsCoordinateReferenceSystem(
                f"EPSG:{cc.utm_epsg((bbox[0] + bbox[2]) / 2, (bbox[1] + bbox[3]) / 2)}")
        crs_text = target.authid() or target.toWkt()

        clip_geoms = None
        if geoms_4326:
            to_target = QgsCoordinateTransform(wgs84, target, context.transformContext())
            clip_geoms = []
            for g in geoms_4326:
                g2 = QgsGeometry(g)
                g2.transform(to_target)
                clip_geoms.append(json.loads(g2.asJson()))
        if has_extent:
            rt = self.parameterAsExtent(parameters, self.EXTENT, context, target)
            bounds = (rt.xMinimum(), rt.yMinimum(), rt.xMaximum(), rt.yMaximum())
        else:
            xs, ys = [], []
            for g in clip_geoms:
                for x, y in _coords(g["coordinates"]):
                    xs.append(x)
                    ys.append(y)
            bounds = (min(xs), min(ys), max(xs), max(ys))
        grid = cc.series_grid(crs_text, bounds, resolution)
        intersects = None
        if geoms_4326:
            intersects = json.loads(QgsGeometry.unaryUnion(geoms_4326).convexHull().asJson())

        proxy, proxy_auth = qgis_proxy()
        timeout = self.parameterAsDouble(parameters, self.TIMEOUT, context) or 30.0
        client = HttpClient(timeout=timeout, proxy=proxy, proxy_auth=proxy_auth)
        client.gdal_proxy, client.gdal_proxy_auth = proxy, proxy_auth
        if proxy:
            monitor.info(self.tr("Using QGIS's proxy {proxy} for the catalog, the token service and GDAL's reads.")
                         .format(proxy=proxy))
        if self.parameterAsEnum(parameters, self.SIGNING, context) == 0:
            key = (self.parameterAsString(parameters, self.SUBSCRIPTION_KEY, context).strip()
                   or os.environ.get("PC_SDK_SUBSCRIPTION_KEY", "").strip() or None)
            token_url = check_url(self.parameterAsString(parameters, self.TOKEN_URL, context), "TOKEN_URL")
            signer = SasSigner(client, token_url, key)
        else:
            signer = NoSigner()
        cache = self.parameterAsString(parameters, self.CACHE_FOLDER, context).strip() or cc.default_cache_folder()
        out_folder = self.parameterAsString(parameters, self.OUTPUT_FOLDER, context)
        os.makedirs(out_folder, exist_ok=True)

        opts = cc.SeriesOptions(catalog=catalog, collection=collection, years=tuple(years), months=months,
                                bbox=bbox, intersects=intersects, platforms=platforms,
                                slc_off=self.parameterAsBoolean(parameters, self.SLC_OFF, context),
                                max_cloud=self.parameterAsDouble(parameters, self.MAX_CLOUD, context),
                                qa_conditions=qa, clip_geometries=clip_geoms,
                                max_workers=self.parameterAsInt(parameters, self.MAX_WORKERS, context) or 8,
                                timeout=timeout)
        monitor.info(self.tr("Target grid: {width}×{height} pixels of {size:g} ({crs}); {n_years} year(s), months "
                             "{months}; cache {cache}.")
                     .format(width=grid.width, height=grid.height, size=resolution, crs=crs_text, n_years=len(years),
                             months=",".join(map(str, months)), cache=cache))
        provenance = self._provenance(parameters, context)

        def on_year(year_tx, comp, count):
            self.style_output(year_tx, count, "count")

        summary = cc.run_series(opts, grid, client, signer, cache, out_folder,
                                lambda: OutputTransaction(provenance), monitor, on_year)
        mb = summary["bytes_read"] / 2 ** 20
        monitor.info(self.tr("{years} year(s) written, {scenes} scene(s) used, {mb:.1f} MB read ({fetched} windows "
                             "fetched, {cached} from the cache) in {seconds:.1f} s.")
                     .format(years=len(summary["years_written"]), scenes=summary["scenes_used"], mb=mb,
                             fetched=summary["windows_fetched"], cached=summary["windows_cached"],
                             seconds=summary["seconds"]))
        results = {self.OUTPUT_FOLDER: out_folder, self.YEARS_WRITTEN: len(summary["years_written"]),
                   self.SCENES_USED: summary["scenes_used"], self.MEGABYTES_READ: round(mb, 3)}
        if self.wants(parameters, self.OUTPUT_SCENES):
            columns = [("item_id", "string"), ("year", "int"), ("date", "string"), ("sensor", "string"),
                       ("path_row", "string"), ("cloud_cover", "double"), ("clear_percent", "double"),
                       ("used", "string"), ("why", "string"), ("bytes_read", "int")]
            rows = [[r[c] for c, _ in columns] for r in summary["rows"]]
            results[self.OUTPUT_SCENES] = self.write_table(parameters, self.OUTPUT_SCENES, context, columns, rows)
        html = self.parameterAsFileOutput(parameters, self.OUTPUT_HTML, context) \
            if self.wants(parameters, self.OUTPUT_HTML) else None
        if html:
            from ..core.reporting import stac as stac_report
            stac_report.write_report(tx.file(html), summary, opts, grid)
            results[self.OUTPUT_HTML] = html
        return results


def _coords(coords):
    if coords and isinstance(coords[0], (int, float)):
        yield coords[0], coords[1]
        return
    for c in coords:
        yield from _coords(c)
