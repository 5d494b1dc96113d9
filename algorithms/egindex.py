"""rsei:egindex — ecological grade (EG) index from land cover (Han et al. 2025, section 3.2, eq. 14)."""
import json
import os
import re

from qgis.core import (QgsFeatureRequest, QgsProcessingOutputNumber, QgsProcessingParameterBoolean,
                       QgsProcessingParameterEnum, QgsProcessingParameterFeatureSink,
                       QgsProcessingParameterFeatureSource, QgsProcessingParameterField,
                       QgsProcessingParameterFileDestination, QgsProcessingParameterMatrix,
                       QgsProcessingParameterMultipleLayers, QgsProcessingParameterNumber,
                       QgsProcessingParameterRasterDestination, QgsProcessingParameterRasterLayer)

from ..core import landcover as lc
from ..core.reporting.landcover import write_report
from . import _params
from .base import RseiAlgorithm
from .compat import FIELD_ANY, NUMBER_INTEGER, TYPE_RASTER, TYPE_VECTOR_ANY, TYPE_VECTOR_POLYGON


def _table3_html():
    rows = "".join(f"<tr><td>{label}</td><td>{grade}</td><td>{'yes' if eco else 'no'}</td></tr>"
                   for label, grade, eco in lc.TABLE3.values())
    return ("<table><tr><th>Land cover</th><th>Grade</th><th>Ecological land</th></tr>" + rows + "</table>")


def _presets_html():
    parts = []
    for p in lc.PRESETS.values():
        classes = ", ".join(f"{code} {name} → {lc.TABLE3[cat][1] if cat else 'no grade'}"
                            for code, name, cat in p.classes)
        parts.append(f"<li><b>{p.label}</b>: {classes}. {p.notes}</li>")
    return "<ul>" + "".join(parts) + "</ul>"


class EgIndexAlgorithm(RseiAlgorithm):
    ALG_ID = "egindex"
    DISPLAY_NAME = "Ecological grade (EG) index from land cover"
    GROUP_ID = "landcover"

    INPUT = "INPUT"
    LOOKUP = "LOOKUP"
    LOOKUP_TABLE = "LOOKUP_TABLE"
    FAIL_ON_UNKNOWN = "FAIL_ON_UNKNOWN"
    WINDOW = "WINDOW"
    EG_SCALE = "EG_SCALE"
    REFERENCE = "REFERENCE"
    ZONES = "ZONES"
    ZONE_FIELD = "ZONE_FIELD"
    SERIES = "SERIES"
    YEARS = "YEARS"
    OUTPUT_GRADE = "OUTPUT_GRADE"
    OUTPUT_EG = "OUTPUT_EG"
    OUTPUT_TABLE = "OUTPUT_TABLE"
    OUTPUT_SERIES = "OUTPUT_SERIES"
    OUTPUT_REPORT = "OUTPUT_REPORT"
    EG_INDEX = "EG_INDEX"
    MEAN_GRADE = "MEAN_GRADE"

    EG_SCALE_OPTIONS = ("(7 − EG)/6: (g_max − EG)/(g_max − g_min) (default)",
                        "(8 − EG)/7: (g_max + 1 − EG)/(g_max − g_min + 1)")
    LOOKUP_OPTIONS = ("China Land Cover Dataset (CLCD, codes 1–9)", "ESA WorldCover (codes 10–100)",
                      "NLCD (codes 11–95)", "None: LOOKUP_TABLE only")

    USAGE = (
        "<p>Turns a land-cover raster into ecological grades (1 best … 7 worst) and the EG index (0–1, higher "
        "= better), per pixel, per zone and per year.</p>"
        "<p><b>How to use.</b> Give the land-cover raster and choose the LOOKUP preset of its product (CLCD, "
        "ESA WorldCover or NLCD; LOOKUP_TABLE adds or overrides classes). Set REFERENCE to the RSEI raster to "
        "get OUTPUT_EG on its grid for rsei:coupling; ZONES gives one row per zone, SERIES a table by year. "
        "Typical: WINDOW 1 (per pixel), EG_SCALE default.</p>")
    HELP = (
        "<p>Rates every land-cover pixel by its ecological grade (Table 3 of Han et al. 2025, after Li et al. "
        "2017: 1 = best … 7 = worst) and computes the EG index of eq. 14, the area-weighted mean grade "
        "EG = Σ g<sub>j</sub>·A<sub>j</sub> / Σ A<sub>j</sub> over the land-cover classes j. As in the paper "
        "(section 4.3, Tables 8–9) the index is reported normalised and inverted so that higher is better: "
        "EG′ = (g<sub>max</sub> − EG) / (g<sub>max</sub> − g<sub>min</sub>), with g<sub>min</sub>, "
        "g<sub>max</sub> the lowest and highest grade of the lookup (1 and 7 for Table 3).</p>"
        "<p><b>Which normalisation?</b> The paper says only that the index is \"normalized and its values are "
        "inverted\" (section 4.3). EG_SCALE 0 (default) reads it as (7 − EG)/6 (min–max over the grades 1–7, "
        "0–1); EG_SCALE 1 as (8 − EG)/7 (grade 7 → 1/7, grade 1 → 1). The values of Tables 8–9 (0.540–0.560) "
        "mean an area-weighted mean grade of 3.64–3.76 under the first reading (EG = 7 − 6·EG′) and of "
        "4.08–4.22 under the second (EG = 8 − 7·EG′); the tables alone cannot tell which the authors used. The "
        "coupling (rsei:coupling) classes differ between the two: grade-3 land is EG′ = 2/3 under the default "
        "and 5/7 under the second.</p>"
        + _table3_html()
        + "<p><b>Lookup presets</b> (LOOKUP); LOOKUP_TABLE rows override or add classes:</p>" + _presets_html()
        + "<p><b>Outputs.</b> OUTPUT_GRADE: grade per pixel. OUTPUT_EG: EG′ per pixel, or with WINDOW &gt; 1 the "
        "area-weighted mean EG′ over a WINDOW × WINDOW moving window (NoData pixels excluded; the window is cut "
        "at the raster edge). EG_INDEX: EG′ of the whole raster (the Tables 8–9 value), with pixel areas exact "
        "in a geographic CRS (CLCD is in WGS 84). OUTPUT_TABLE: per zone (or for the whole raster when no "
        "ZONES are given) the EG index and the area of every class; a pixel belongs to a zone when its centre "
        "is inside the polygon; overlapping zones each count the pixel. SERIES + YEARS: one row per year in "
        "OUTPUT_SERIES (the EG series of Tables 8–9), per zone too when ZONES are given.</p>"
        "<p><b>Another grid.</b> With REFERENCE (e.g. the RSEI raster) the raster outputs are put on that grid: "
        "grades by nearest neighbour; EG′ is computed on the land cover's own grid and average-resampled "
        "(area-weighted over the source pixels each output pixel covers), then the window mean is taken on "
        "the output grid with WINDOW in output pixels. EG_INDEX and the tables always use the land cover on "
        "its own grid, so class areas are never distorted by resampling, but count only the land-cover pixels "
        "whose centre lies on a valid REFERENCE pixel: the index then describes the same area as the RSEI "
        "(the paper's 'spatiotemporal consistency', section 4.3), also when the land-cover tile is larger.</p>"
        "<p><b>Unknown classes</b> (codes the lookup does not have) are left ungraded and listed with their "
        "pixel counts in the log; FAIL_ON_UNKNOWN stops the run instead.</p>")
    NODATA = ("Land-cover NoData, a product's fill code (0 in the presets), classes without a grade and unknown "
              "classes are NoData in OUTPUT_GRADE and OUTPUT_EG and take no area in EG_INDEX and the tables "
              "(unknown classes are reported in the 'unknown_km2' column). Window means use only valid pixels; "
              "a pixel that is NoData stays NoData.")
    REFERENCES = (lc.TABLE3_REFERENCE, lc.LI_2017, lc.CAS_LUCC) + tuple(p.reference for p in lc.PRESETS.values())

    def initAlgorithm(self, config=None):  # noqa: N802 - QGIS API
        self.add(QgsProcessingParameterRasterLayer(self.INPUT, "Land cover"),
                 "Land-cover raster with integer class codes (band 1).")
        self.add(QgsProcessingParameterEnum(self.LOOKUP, "Lookup (class → grade)", options=self.LOOKUP_OPTIONS,
                                            defaultValue=0),
                 "Preset that maps the product's class codes onto Table 3's grades (see the help for every "
                 "class and the reasoning). 'None' uses LOOKUP_TABLE alone.")
        self.add(QgsProcessingParameterMatrix(self.LOOKUP_TABLE, "Lookup table overrides (class, grade)",
                                              numberRows=0, hasFixedNumberRows=False, headers=["class", "grade"],
                                              optional=True),
                 "Rows of class code and grade that override or add to the preset, e.g. 6 → 7 to grade "
                 "snow/ice as barren. An empty grade leaves the class ungraded (NoData). The grades may be "
                 "any numbers; g_min and g_max of the resulting table normalise the index.")
        self.add(QgsProcessingParameterBoolean(self.FAIL_ON_UNKNOWN, "Fail on unknown classes",
                                               defaultValue=False),
                 "Stop with an error (and write nothing) when the land cover has codes the lookup does not "
                 "know. Off: such pixels are NoData and listed in the log with their pixel counts.",
                 advanced=True)
        p = QgsProcessingParameterNumber(self.WINDOW, "Moving window (pixels, odd; 1 = per pixel)",
                                         type=NUMBER_INTEGER, defaultValue=1, minValue=1, maxValue=1001)
        self.add(p, "Size of the square moving window for OUTPUT_EG: 1 gives EG′ per pixel; n > 1 the "
                    "area-weighted mean EG′ of the n × n pixels around each pixel (eq. 14 over the window).")
        self.add(QgsProcessingParameterEnum(self.EG_SCALE, "EG normalisation", options=list(self.EG_SCALE_OPTIONS),
                                            defaultValue=0),
                 "How the mean grade EG is normalised and inverted. 0 (default): (g_max − EG)/(g_max − g_min), "
                 "(7 − EG)/6 for Table 3's grades; Tables 8–9 (0.540–0.560) then mean a mean grade of 3.64–3.76. "
                 "1: (g_max + 1 − EG)/(g_max − g_min + 1), (8 − EG)/7; Tables 8–9 then mean 4.08–4.22. The paper "
                 "says only \"normalized and inverted\".", advanced=True)
        self.add(QgsProcessingParameterRasterLayer(self.REFERENCE, "Reference grid (e.g. the RSEI raster)",
                                                   optional=True),
                 "Put OUTPUT_GRADE and OUTPUT_EG on this raster's grid (CRS, extent, pixel size), so they "
                 "overlay the RSEI pixel by pixel; EG_INDEX and the tables then count only land cover under "
                 "valid pixels of this raster.")
        self.add(QgsProcessingParameterFeatureSource(self.ZONES, "Zones (e.g. mine areas)",
                                                     [TYPE_VECTOR_POLYGON], optional=True),
                 "Polygons for which OUTPUT_TABLE gives the EG index and the area of every class.")
        self.add(QgsProcessingParameterField(self.ZONE_FIELD, "Zone name field", parentLayerParameterName=self.ZONES,
                                             type=FIELD_ANY, optional=True),
                 "Field whose value names each zone in the tables (default: the feature id).")
        self.add(QgsProcessingParameterMultipleLayers(self.SERIES, "Land cover of several years (series)",
                                                      TYPE_RASTER, optional=True),
                 "Land-cover rasters of several years, same product and lookup; each gives one row of "
                 "OUTPUT_SERIES (the EG index series of Tables 8–9).")
        self.add(_params.years(self.YEARS, "Years of the series"),
                 "One year per SERIES raster, in the same order, separated by commas. Empty: "
                 f"{_params.YEARS_FROM_NAMES}, else 1, 2, 3 …")
        self.add(QgsProcessingParameterRasterDestination(self.OUTPUT_GRADE, "Ecological grade", optional=True),
                 "Grade per pixel (Table 3), float32, NoData where the class has no grade.")
        self.add(QgsProcessingParameterRasterDestination(self.OUTPUT_EG, "EG index (higher = better)",
                                                         optional=True),
                 "EG′ = (g_max − g) / (g_max − g_min) (or by EG_SCALE) per pixel or as the WINDOW mean; 0–1, "
                 "higher = better; "
                 "the EG input of rsei:coupling.")
        self.add(QgsProcessingParameterFeatureSink(self.OUTPUT_TABLE, "EG index and class areas per zone",
                                                   TYPE_VECTOR_ANY, optional=True, createByDefault=False),
                 "Table: zone, graded area (km²), mean grade (eq. 14), EG index, unknown area, and the area "
                 "(km²) of every lookup class. Without ZONES one row for the whole raster.")
        self.add(QgsProcessingParameterFeatureSink(self.OUTPUT_SERIES, "EG index series", TYPE_VECTOR_ANY,
                                                   optional=True, createByDefault=False),
                 "Table: one row per SERIES raster (and per zone when ZONES are given): year, EG index, mean "
                 "grade and class areas.")
        self.add(QgsProcessingParameterFileDestination(self.OUTPUT_REPORT, "Report (HTML)", "HTML files (*.html)",
                                                       optional=True, createByDefault=False),
                 "HTML page with the index, the class shares (chart), the zones and the EG series curve "
                 "(Figure 12 of the paper).")
        self.addOutput(QgsProcessingOutputNumber(self.EG_INDEX, "EG index (normalised, higher = better)"))
        self.addOutput(QgsProcessingOutputNumber(self.MEAN_GRADE, "Area-weighted mean grade (eq. 14)"))
        self.add_engine_parameter()

    # ------------------------------------------------------------------ run
    def process(self, parameters, context, feedback, monitor, tx):
        from ..core.errors import CoreError
        from ..core.years import parse_years

        src = self.raster_path(parameters, self.INPUT, context)
        preset = lc.PRESET_KEYS[self.parameterAsEnum(parameters, self.LOOKUP, context)]
        table = []
        if parameters.get(self.LOOKUP_TABLE) not in (None, "", []):
            # NULL QVariants (empty cells) → None
            table = [None if getattr(v, "isNull", lambda: False)() else v
                     for v in self.parameterAsMatrix(parameters, self.LOOKUP_TABLE, context)]
        lookup = lc.build_lookup(preset, lc.flat_rows(table),
                                 lc.EG_SCALES[self.parameterAsEnum(parameters, self.EG_SCALE, context)])
        window = self.parameterAsInt(parameters, self.WINDOW, context)
        ref_path = self.raster_path(parameters, self.REFERENCE, context)
        zones = self._zones(parameters, context, feedback)
        series_paths = self.raster_paths(parameters, self.SERIES, context) if parameters.get(self.SERIES) else []
        years, _ = parse_years(self.parameterAsString(parameters, self.YEARS, context), series_paths)
        if self.wants(parameters, self.OUTPUT_SERIES) and not series_paths:
            raise CoreError(self.tr("OUTPUT_SERIES needs land-cover rasters in SERIES."))
        grade_path = self.output_path(parameters, self.OUTPUT_GRADE, context)
        eg_path = self.output_path(parameters, self.OUTPUT_EG, context)
        # Before any output is opened: integer class codes the lookup knows.
        lc.check_codes(src, lookup, preset, self.INPUT)
        for spath in series_paths:
            lc.check_codes(spath, lookup, preset, self.SERIES)

        none = self.tr("none")
        grades = ", ".join(f"{lc.class_code(c)}→{none if g is None else f'{g:g}'}"
                           for c, g in sorted(lookup.grades.items()))
        monitor.info(self.tr("Lookup: {preset}; grades {g_min:g}–{g_max:g}; {grades}")
                     .format(preset=preset, g_min=lookup.g_min, g_max=lookup.g_max, grades=grades))
        res = lc.run_egindex(src, lookup, tx, grade_path, eg_path, window, ref_path, zones,
                             list(zip(years, series_paths)),
                             self.parameterAsBoolean(parameters, self.FAIL_ON_UNKNOWN, context), monitor)
        areas = res.areas
        monitor.info(self.tr("EG index (normalised, higher = better): {eg_index:.4f}; mean grade (eq. 14): "
                             "{mean_grade:.4f}; graded area {graded_area:.4f} km².")
                     .format(eg_index=areas.eg_index, mean_grade=areas.mean_grade, graded_area=areas.graded_area))
        notes = dict(eg_index=areas.eg_index, mean_grade=areas.mean_grade, graded_area_km2=areas.graded_area,
                     g_min=lookup.g_min, g_max=lookup.g_max, eg_scale=lookup.scale, lookup_preset=preset,
                     lookup={str(lc.class_code(c)): g for c, g in sorted(lookup.grades.items())},
                     window=window, unknown_pixels={str(k): v for k, v in areas.unknown_pixels.items()},
                     classes=[dict(code=c, name=n, grade=g, pixels=p, area_km2=a) for c, n, g, p, a
                              in areas.class_rows()])
        results = {self.EG_INDEX: areas.eg_index, self.MEAN_GRADE: areas.mean_grade}
        for path, style in ((grade_path, "eg_grade"), (eg_path, "eg_index")):
            if path:
                tx.annotate(path, **notes)
                self.style_output(tx, path, style)
        if grade_path:
            results[self.OUTPUT_GRADE] = grade_path
        if eg_path:
            results[self.OUTPUT_EG] = eg_path

        report = self.parameterAsFileOutput(parameters, self.OUTPUT_REPORT, context) \
            if self.wants(parameters, self.OUTPUT_REPORT) else None
        if report:
            write_report(tx.file(report), res, lookup, preset, window, ref_path)
            results[self.OUTPUT_REPORT] = report

        columns, codes = self._class_columns(lookup)
        if self.wants(parameters, self.OUTPUT_TABLE):
            rows = []
            if zones:
                for zone, za in zip(res.zones, res.zone_areas):
                    rows.append([str(zone.zid), zone.name] + self._area_values(za, codes))
            else:
                rows.append(["", "(whole raster)"] + self._area_values(areas, codes))
            results[self.OUTPUT_TABLE] = self.write_table(
                parameters, self.OUTPUT_TABLE, context, [("zone_id", "string"), ("zone", "string")] + columns, rows)
        if self.wants(parameters, self.OUTPUT_SERIES):
            rows = []
            for year, spath, s_areas, s_zones in res.series:
                rows.append([year, os.path.basename(spath), "(whole raster)"] + self._area_values(s_areas, codes))
                for zone, za in zip(res.zones, s_zones):
                    rows.append([year, os.path.basename(spath), zone.name] + self._area_values(za, codes))
            year_kind = "int" if all(isinstance(y, int) for y in years) else "double"
            results[self.OUTPUT_SERIES] = self.write_table(
                parameters, self.OUTPUT_SERIES, context,
                [("year", year_kind), ("file", "string"), ("zone", "string")] + columns, rows)
        return results

    # ------------------------------------------------------------------ helpers
    def _zones(self, parameters, context, feedback):
        if not self.wants(parameters, self.ZONES):
            return []
        source = self.parameterAsSource(parameters, self.ZONES, context)
        if source is None:
            from ..core.errors import CoreError
            raise CoreError(self.tr("Input 'ZONES': the layer could not be loaded."))
        field = self.parameterAsString(parameters, self.ZONE_FIELD, context)
        crs = source.sourceCrs().toWkt() if source.sourceCrs().isValid() else ""
        zones = []
        skipped = 0
        for feat in source.getFeatures(QgsFeatureRequest()):
            geom = feat.geometry()
            if geom is None or geom.isEmpty():
                skipped += 1
                continue
            name = str(feat[field]) if field else str(feat.id())
            zones.append(lc.Zone(feat.id(), name, json.loads(geom.asJson(17)), crs))
        if skipped:
            feedback.pushWarning(self.tr("Input 'ZONES': {skipped} feature(s) without geometry were skipped.")
                                 .format(skipped=skipped))
        return zones

    @staticmethod
    def _class_columns(lookup):
        cols = [("graded_km2", "double"), ("mean_grade", "double"), ("eg_index", "double"),
                ("unknown_km2", "double")]
        codes = []
        for code in lookup.codes:
            c = lc.class_code(code)
            slug = re.sub(r"[^0-9a-z]+", "_", lookup.name(c).lower()).strip("_")
            cols.append((f"km2_{str(c).replace('.', '_')}_{slug}"[:60], "double"))
            codes.append(c)
        return cols, codes

    @staticmethod
    def _area_values(areas, codes):
        by_code = {c: a for c, a in zip(codes, areas.area)}
        return ([areas.graded_area, areas.mean_grade, areas.eg_index, float(sum(areas.unknown_area.values()))]
                + [float(by_code[c]) for c in codes])
