"""rsei:zonalseries — per-zone statistics of yearly and static rasters, one row per zone and year (Tables 10–13)."""
import json

from qgis.core import (QgsFeatureRequest, QgsProcessingOutputNumber, QgsProcessingParameterBoolean,
                       QgsProcessingParameterEnum, QgsProcessingParameterFeatureSink,
                       QgsProcessingParameterFeatureSource, QgsProcessingParameterField,
                       QgsProcessingParameterMultipleLayers, QgsProcessingParameterString)

from ..core.errors import render
from .base import RseiAlgorithm, raster_layer_path
from .compat import FIELD_ANY, TYPE_RASTER, TYPE_VECTOR_ANY, TYPE_VECTOR_POLYGON

STATISTIC_OPTIONS = ("Mean", "Median (exact)", "Standard deviation (population)", "Valid share (0–1)")


def _is_null(value):
    return value is None or (hasattr(value, "isNull") and value.isNull())


def _field_kind(fld):
    if fld.isNumeric():
        return "int" if int(fld.type()) in (2, 3, 4, 5) else "double"  # Int, UInt, LongLong, ULongLong
    return "string"


class ZonalSeriesAlgorithm(RseiAlgorithm):
    ALG_ID = "zonalseries"
    DISPLAY_NAME = "Zonal statistics per zone and year (per-mine tables)"
    GROUP_ID = "drivers"

    ZONES = "ZONES"
    ZONE_FIELD = "ZONE_FIELD"
    INPUT = "INPUT"
    YEARS = "YEARS"
    NAMES = "NAMES"
    STATIC = "STATIC"
    CATEGORICAL = "CATEGORICAL"
    STATISTICS = "STATISTICS"
    COPY_FIELDS = "COPY_FIELDS"
    ALL_TOUCHED = "ALL_TOUCHED"
    OUTPUT = "OUTPUT"
    ZONES_OUTSIDE = "ZONES_OUTSIDE"

    USAGE = (
        "<p>Zonal statistics of yearly and static rasters per polygon and year: the per-zone tables (e.g. per "
        "mine) that rsei:geodetector starts from.</p>"
        "<p><b>How to use.</b> Give the zones (e.g. mine polygons) and their id field, the yearly rasters "
        "(RSEI, indicators, climate…) with their years and variable names, and optionally static rasters "
        "(elevation, slope, land cover). Typical: the mean, pixels counted by their centre. You get one row "
        "per zone and year with a column per variable and statistic.</p>")
    HELP = (
        "<p>Makes the per-zone tables the paper's driver analysis starts from (Han et al. 2025, Tables 10–13): for "
        "every polygon of ZONES (e.g. the coal mines) and every year, the mean (and optionally median, standard "
        "deviation and valid share) of yearly rasters — RSEI, indicators, EG index, precipitation, temperature… — "
        "and of static rasters without a year — elevation, slope, aspect, land cover. The output has one row per "
        "zone and year with the columns ZONE_FIELD, the COPY_FIELDS, <code>year</code> and "
        "<code>&lt;name&gt;_&lt;statistic&gt;</code> for each variable, e.g. <code>rsei_mean</code>, "
        "<code>precip_mean</code>, <code>elevation_mean</code>: exactly the table rsei:geodetector takes with "
        "YEAR_FIELD = year (Y_FIELD rsei_mean, X_FIELDS the other columns). Static columns repeat in every year's "
        "row; a variable without a raster for a year is NULL in that year's rows.</p>"
        "<p><b>Names and years.</b> YEARS gives the year of each INPUT raster (empty: the four-digit year in each "
        "file name); NAMES the variable of each INPUT raster, e.g. <code>rsei,rsei,precip,precip</code> (empty: "
        "the layer name with its year removed, so <code>rsei_2019</code> and <code>rsei_2020</code> are both "
        "<code>rsei</code>). Each variable may have one raster per year. STATIC rasters are named by their layer "
        "names. CATEGORICAL lists the variables (e.g. <code>landcover</code>) that get their majority class (the "
        "most frequent value among the zone's valid pixels; ties go to the lowest code) instead of mean, median "
        "and standard deviation.</p>"
        "<p><b>Which pixels count.</b> A pixel belongs to a zone when its <i>centre</i> lies inside the polygon "
        "(GDAL's rasterisation rule); with ALL_TOUCHED every pixel the polygon touches counts, which suits zones "
        "only a few pixels wide. Overlapping zones each count the pixel. Each raster is read on its own grid "
        "(band 1), with the zones reprojected onto its CRS; so coarse climate rasters need no resampling first. "
        "The valid share is the number of the zone's pixels with a value divided by all its pixels on the "
        "raster's pixel lattice, including those beyond the raster's edge: a zone half outside the raster has a "
        "share of at most 0.5. Zones entirely outside a raster get NULL statistics for it and are named in a "
        "warning; ZONES_OUTSIDE counts them.</p>"
        "<p><b>Statistics.</b> Mean; median, exact (numpy's median: the mean of the two middle values for an even "
        "count); standard deviation of the population (ddof 0, as QGIS's zonal statistics); valid share. The "
        "rasters are read block by block: each zone on the window of its bounding box, in row strips within the "
        "memory budget, its mask rasterised per strip; means and variances are merged strip by strip (Chan et al. "
        "1979); for the exact median the zone's values are gathered (memory bounded by the zone, not the raster), "
        "and a zone of more than 16 million pixels gets it from three streaming passes over its window.</p>")
    NODATA = ("Pixels that are NoData (or NaN) take no part in the statistics; a zone without any valid pixel has "
              "NULL statistics (and a valid share of 0). Features of ZONES without geometry are skipped with a "
              "warning.")
    REFERENCES = (
        "Han, C. et al. (2025). Sustainability 17, 9075, section 4.4, Tables 10–13 (per-mine RSEI, static and "
        "dynamic factors) and Tables 14–15 (Geodetector per year).",
        "Chan, T.F., Golub, G.H., LeVeque, R.J. (1979). Updating formulae and a pairwise algorithm for computing "
        "sample variances (strip-wise merge of means and variances).",
        "GDAL rasterize (gdal.org/programs/gdal_rasterize.html): pixel-centre rule and the ALL_TOUCHED option.",
    )

    def initAlgorithm(self, config=None):  # noqa: N802 - QGIS API
        self.add(QgsProcessingParameterFeatureSource(self.ZONES, "Zones (e.g. mine polygons)",
                                                     [TYPE_VECTOR_POLYGON]),
                 "Polygon layer; one row per polygon and year in the output. Reprojected onto each raster's CRS.")
        self.add(QgsProcessingParameterField(self.ZONE_FIELD, "Zone id field", None, self.ZONES, FIELD_ANY),
                 "Field that identifies each zone (e.g. mine_id); the first column of the output, named as the "
                 "field.")
        self.add(QgsProcessingParameterMultipleLayers(self.INPUT, "Yearly rasters", TYPE_RASTER),
                 "Rasters of one or more variables, one raster per variable and year (e.g. rsei_2019.tif, "
                 "rsei_2020.tif, precip_2019.tif, precip_2020.tif); band 1 of each is used.")
        self.add(QgsProcessingParameterString(self.YEARS, "Years (one per yearly raster)", optional=True),
                 "The year of each yearly raster, in the order of INPUT, e.g. '2019, 2020, 2019, 2020'. Empty: the "
                 "four-digit year in each file name.")
        self.add(QgsProcessingParameterString(self.NAMES, "Variable names (one per yearly raster)", optional=True),
                 "The variable of each yearly raster, in the order of INPUT, e.g. 'rsei,rsei,precip,precip'; the "
                 "column names are <name>_<statistic>. Empty: the layer name with its year removed.")
        self.add(QgsProcessingParameterMultipleLayers(self.STATIC, "Static rasters (no year)", TYPE_RASTER,
                                                      optional=True),
                 "Rasters without a year (elevation, slope, aspect, land cover…), named by their layer names; their "
                 "statistics repeat in every year's row.")
        self.add(QgsProcessingParameterString(self.CATEGORICAL, "Categorical variables (majority class)",
                                              optional=True),
                 "Comma-separated variable names (of NAMES or the static layer names) holding classes, e.g. "
                 "'landcover': they get <name>_majority (the most frequent class in the zone) instead of mean, "
                 "median and standard deviation.")
        self.add(QgsProcessingParameterEnum(self.STATISTICS, "Statistics", list(STATISTIC_OPTIONS),
                                            allowMultiple=True, defaultValue=[0]),
                 "0 mean (default), 1 median (exact), 2 standard deviation (population), 3 valid share (valid "
                 "pixels / all the zone's pixels). One column per variable and statistic.")
        self.add(QgsProcessingParameterField(self.COPY_FIELDS, "Zone fields to copy", None, self.ZONES, FIELD_ANY,
                                             allowMultiple=True, optional=True),
                 "Attributes of the zones copied to every row, e.g. the coal production (a static factor of "
                 "Table 11).")
        self.add(QgsProcessingParameterBoolean(self.ALL_TOUCHED, "Count every pixel the polygon touches",
                                               defaultValue=False),
                 "Off (default): a pixel counts when its centre lies inside the polygon. On: every pixel the "
                 "polygon touches counts (GDAL ALL_TOUCHED), for narrow zones.", advanced=True)
        self.add(QgsProcessingParameterFeatureSink(self.OUTPUT, "Statistics per zone and year", TYPE_VECTOR_ANY),
                 "Table without geometry: ZONE_FIELD, the copied fields, year, and <name>_<statistic> columns for "
                 "every yearly and static variable; one row per zone and year.")
        self.addOutput(QgsProcessingOutputNumber(self.ZONES_OUTSIDE, "Zones outside at least one raster"))

    def process(self, parameters, context, feedback, monitor, tx):
        from ..core import zonal
        from ..core.errors import CoreError
        from ..core.years import parse_years

        source = self.parameterAsSource(parameters, self.ZONES, context)
        if source is None:
            raise CoreError(self.tr("Input 'ZONES': the layer could not be loaded."))
        fields = source.fields()
        zone_field = self.parameterAsString(parameters, self.ZONE_FIELD, context)
        if not zone_field or fields.lookupField(zone_field) < 0:
            raise CoreError(self.tr("ZONE_FIELD: the field '{zone_field}' does not exist in ZONES.")
                            .format(zone_field=zone_field))
        copy = [f for f in dict.fromkeys(self.parameterAsFields(parameters, self.COPY_FIELDS, context))
                if f != zone_field]
        for name in copy:
            if fields.lookupField(name) < 0:
                raise CoreError(self.tr("COPY_FIELDS: the field '{name}' does not exist in ZONES.").format(name=name))

        layers = self.parameterAsLayerList(parameters, self.INPUT, context)
        if not layers:
            raise CoreError(self.tr("Input 'INPUT': give at least one yearly raster."))
        paths = [raster_layer_path(layer, self.INPUT) for layer in layers]
        names = zonal.parse_names(self.parameterAsString(parameters, self.NAMES, context), len(paths),
                                  [layer.name() for layer in layers])
        years, how = parse_years(self.parameterAsString(parameters, self.YEARS, context), paths,
                                 names_required=True, unique=False)
        seen = {}
        for name, year, path in zip(names, years, paths):
            if (name, year) in seen:
                raise CoreError(self.tr("INPUT: '{other}' and '{path}' are both variable '{name}' in {year} "
                                        "(years from the {how}); give each variable one raster per year (check "
                                        "NAMES and YEARS).")
                                .format(other=seen[(name, year)], path=path, name=name, year=year,
                                        how=render(how, self.tr)))
            seen[(name, year)] = path
        static_layers = self.parameterAsLayerList(parameters, self.STATIC, context) \
            if self.wants(parameters, self.STATIC) else []
        static_paths = [raster_layer_path(layer, self.STATIC) for layer in static_layers]
        static_names = [zonal.column_name(layer.name()) for layer in static_layers]
        for given, name in zip(static_layers, static_names):
            if not name or not name[0].isalpha():
                raise CoreError(self.tr("STATIC: the layer name '{layer}' does not make a column name; rename "
                                        "the layer (it must start with a letter).").format(layer=given.name()))
        clash = sorted((set(static_names) & set(names))
                       | {n for n in static_names if static_names.count(n) > 1})
        if clash:
            raise CoreError(self.tr("STATIC: the name(s) {names} are used twice (by another static raster or a "
                                    "yearly variable); rename the layers.").format(names=', '.join(clash)))
        all_names = set(names) | set(static_names)
        categorical = {zonal.column_name(c) for c in
                       (self.parameterAsString(parameters, self.CATEGORICAL, context) or "").split(",")
                       if c.strip()}
        for name in sorted(categorical - all_names):
            raise CoreError(self.tr("CATEGORICAL: '{name}' is not a variable name; the variables are {variables}.")
                            .format(name=name, variables=', '.join(sorted(all_names))))
        statistics = [zonal.STATISTICS[i] for i in sorted(set(
            self.parameterAsEnums(parameters, self.STATISTICS, context)))] or ["mean"]
        all_touched = self.parameterAsBoolean(parameters, self.ALL_TOUCHED, context)

        lays = [zonal.Layer(n, y, p, n in categorical) for n, y, p in zip(names, years, paths)]
        lays += [zonal.Layer(n, None, p, n in categorical) for n, p in zip(static_names, static_paths)]
        static = self.tr("; static: {names}").format(names=", ".join(static_names)) if static_names else ""
        monitor.info(self.tr("{n} yearly raster(s) (years from the {how}): {rasters}{static}; statistics: "
                             "{statistics}; pixels counted by {counting}.")
                     .format(n=len(paths), how=render(how, self.tr), static=static,
                             rasters=", ".join(f"{v} {y}" for v, y in zip(names, years)),
                             statistics=", ".join(statistics),
                             counting=self.tr("touch (ALL_TOUCHED)") if all_touched else self.tr("centre")))

        crs = source.sourceCrs().toWkt() if source.sourceCrs().isValid() else ""
        request = QgsFeatureRequest()
        request.setSubsetOfAttributes([zone_field] + copy, fields)
        zones, skipped, ids = [], 0, []
        for feat in source.getFeatures(request):
            geom = feat.geometry()
            if geom is None or geom.isEmpty():
                skipped += 1
                continue
            zid = feat[zone_field]
            zid = None if _is_null(zid) else zid
            attrs = tuple(None if _is_null(feat[f]) else feat[f] for f in copy)
            zones.append(zonal.Zone(zid, json.loads(geom.asJson(17)), crs, attrs))
            ids.append(zid)
        if skipped:
            monitor.warn(self.tr("Input 'ZONES': {skipped} feature(s) without geometry were skipped.")
                         .format(skipped=skipped))
        dup = sorted({str(z) for z in ids if ids.count(z) > 1})
        if dup:
            monitor.warn(self.tr("ZONE_FIELD: the id(s) {ids} occur in more than one polygon; each polygon "
                                 "gets its own rows.").format(ids=', '.join(dup[:20])))

        result = zonal.zonal_series(zones, lays, statistics, all_touched, monitor.sub(0.0, 0.95))
        outside = zonal.report_outside(result, monitor)
        cols = zonal.columns(lays, statistics)
        year_kind = "int" if all(isinstance(y, int) for y in years) else "double"
        columns = ([(zone_field, _field_kind(fields.field(zone_field)))]
                   + [(f, _field_kind(fields.field(f))) for f in copy] + [("year", year_kind)]
                   + [(c, kind) for c, kind, _, _ in cols])
        taken = [c for c, _ in columns]
        dupe_cols = sorted({c for c in taken if taken.count(c) > 1})
        if dupe_cols:
            raise CoreError(self.tr("The output would have the column(s) {columns} twice (a copied field has the "
                                    "name of a statistics column); rename the field or the variable.")
                            .format(columns=', '.join(dupe_cols)))
        rows = result.rows(cols)
        monitor.info(self.tr("{rows} rows: {zones} zone(s) × {years} year(s); columns {columns}.")
                     .format(rows=len(rows), zones=len(zones), years=len(result.years), columns=", ".join(taken)))
        return {self.OUTPUT: self.write_table(parameters, self.OUTPUT, context, columns, rows),
                self.ZONES_OUTSIDE: len(outside)}
