"""rsei:rseiseries — RSEI for a series of years, the paper's Table 5 and Tables 6–7, and an HTML report."""
import os

from qgis.core import (QgsProcessingParameterBoolean, QgsProcessingParameterEnum,
                       QgsProcessingParameterFeatureSink, QgsProcessingParameterFileDestination,
                       QgsProcessingParameterFolderDestination, QgsProcessingParameterMultipleLayers,
                       QgsProcessingParameterNumber)

from . import _checks, _params
from .base import RseiAlgorithm
from .compat import NUMBER_DOUBLE, TYPE_RASTER, TYPE_VECTOR_ANY
from .rsei import METHOD_HTML, RSEI_REFERENCES

#: INPUT_TYPE options: (key, label), in the order of the enum.
INPUT_TYPES = (("composites", "Landsat composites from rsei:landsatcomposite (7 bands: blue, green, red, NIR, "
                              "SWIR1, SWIR2, LST °C)"),
               ("indicators", "Indicator sets (4 bands: NDVI, WET, NDBSI, LST)"))
#: WETNESS options: (sensor key for core.rsei.CompositeSource, label), in the order of the enum.
WETNESS = (("TM", f"{_params.WETNESS_LABELS['TM']} — as the paper, for all years"),
           ("ETM", _params.WETNESS_LABELS["ETM"]),
           ("OLI", _params.WETNESS_LABELS["OLI"]),
           ("auto", "From each composite's sensor (RSEI_SENSORS tag); TM for mixed-sensor composites"))
#: FIT options: (key, label), in the order of the enum; "pooled" fits all years at once.
FITS = (("per_year", "Each year on its own (as the paper)"),
        ("pooled", "All years together (RSEI comparable between years)"))


def _keys(options):
    return [key for key, _ in options]


class RseiSeriesAlgorithm(RseiAlgorithm):
    ALG_ID = "rseiseries"
    DISPLAY_NAME = "RSEI time series (Table 5, Tables 6–7, report)"
    GROUP_ID = "rsei"
    USAGE = (
        "<p>Computes the RSEI of every year of a series and the paper's tables: the mean RSEI and indicators "
        "per year (Table 5), the area of each grade per year (Tables 6–7), and a report with the RSEI "
        "curve.</p>"
        "<p><b>How to use.</b> Add one input per year — composites of rsei:landsatcomposite or "
        "rsei:landsatstac, or 4-band indicator rasters (NDVI, WET, NDBSI, LST) — with the year in each file "
        "name (or in YEARS), and choose an output folder. Typical: each year fitted on its own, as the paper "
        "(FIT = all years together makes RSEI comparable between years). You get rsei_&lt;year&gt;.tif and "
        "grades_&lt;year&gt;.tif per year, two tables and an optional report.</p>")
    HELP = ("<p>Turns a list of yearly inputs into one RSEI raster and one grade raster per year "
            "(<code>rsei_&lt;year&gt;.tif</code>, <code>grades_&lt;year&gt;.tif</code> in the output folder), "
            "the paper's tables — per year the mean RSEI, the mean normalised NDVI, WET, NDBSI and LST and the "
            "PC1 share (Table 5), and the area of each grade (Tables 6–7) — and an HTML report with the "
            "RSEI-by-year curve (Figure 7) and stacked grade-area bars (Figure 11).</p>"
            "<p><b>Inputs.</b> Either 7-band composites from rsei:landsatcomposite, from which NDVI (eq. 2), "
            "tasseled-cap wetness (eq. 3–5, coefficients chosen below; TM for all years by default, as the "
            "paper), NDBSI (eq. 9–11) and LST are computed block by block, with optional water masking by "
            "MNDWI &gt; threshold; or 4-band indicator sets (NDVI, WET, NDBSI, LST). All years must share one "
            "grid. The years come from YEARS or from the four-digit year in each file name.</p>"
            "<p><b>Per-year or common fit.</b> By default each year is normalised and PCA-fitted on its own, as "
            "in the paper. Then every year is min–max rescaled to span 0–1 (eq. 12 and 13), so a change in "
            "mean RSEI between two years mixes real change with the rescaling: a year with one very hot or very "
            "green outlier pixel shifts all its other values. With <i>all years together</i>, one set of "
            "normalisation bounds and one PCA are fitted on the pixels of all years at once, so the same "
            "indicator values give the same RSEI in every year and differences between years are real "
            "differences. Table 5 then also gives, per year, the share of that year's variance along the "
            "common PC1.</p>" + METHOD_HTML)
    NODATA = ("Per year, a pixel NoData in any indicator (or in any band the indicators need), or water when "
              "masking is on, is NoData in that year's outputs and takes no part in the fit.")
    REFERENCES = RSEI_REFERENCES + (
        "Crist, E.P. (1985). A TM tasseled cap equivalent transformation for reflectance factor data. "
        "Remote Sensing of Environment 17, 301–306.",
        "Xu, H. (2006). Modification of normalised difference water index (NDWI) to enhance open water features "
        "in remotely sensed imagery. Int. J. Remote Sensing 27, 3025–3033.",
    )

    INPUT = "INPUT"
    INPUT_TYPE = "INPUT_TYPE"
    YEARS = "YEARS"
    WETNESS = "WETNESS"
    MASK_WATER = "MASK_WATER"
    WATER_THRESHOLD = "WATER_THRESHOLD"
    FIT = "FIT"
    CLIP_PERCENT = "CLIP_PERCENT"
    OUTPUT_FOLDER = "OUTPUT_FOLDER"
    OUTPUT_TABLE = "OUTPUT_TABLE"
    OUTPUT_AREAS = "OUTPUT_AREAS"
    OUTPUT_HTML = "OUTPUT_HTML"
    FEATURE_SPACE = "FEATURE_SPACE"

    def initAlgorithm(self, config=None):  # noqa: N802 - QGIS API
        self.add(QgsProcessingParameterMultipleLayers(self.INPUT, "Yearly inputs", TYPE_RASTER),
                 "One raster per year, all on one grid: composites or indicator sets (see input type).")
        self.add(QgsProcessingParameterEnum(self.INPUT_TYPE, "Input type", [t[1] for t in INPUT_TYPES], False,
                                            _keys(INPUT_TYPES).index("composites")),
                 "Composites: the indicators are computed from the 7 bands. Indicator sets: bands 1–4 are NDVI, "
                 "WET, NDBSI, LST.")
        self.add(_params.years(self.YEARS),
                 "The year of each input, in the order of the inputs, e.g. '2000, 2005, 2010'. Empty: "
                 f"{_params.YEARS_FROM_NAMES}.")
        self.add(QgsProcessingParameterEnum(self.WETNESS, "Wetness coefficients (composites)",
                                            [w[1] for w in WETNESS], False, _keys(WETNESS).index("TM")),
                 "Tasseled-cap wetness coefficients (composites only). The paper uses the TM set for all years "
                 "(eq. 5), the default. 'From each composite's sensor' uses eq. 3/4/5 by the sensor recorded by "
                 "rsei:landsatcomposite, TM where a composite mixes sensors.")
        self.add(QgsProcessingParameterBoolean(self.MASK_WATER, "Mask water (MNDWI > threshold)", False),
                 "Composites only: leave out water pixels (MNDWI = (green − SWIR1)/(green + SWIR1) above the "
                 "threshold), whose high wetness and low LST would otherwise dominate the PCA.")
        self.add(QgsProcessingParameterNumber(self.WATER_THRESHOLD, "MNDWI water threshold", NUMBER_DOUBLE, 0.0,
                                              False, -1.0, 1.0),
                 "Pixels with MNDWI above this value are water (Xu 2006 uses 0).", advanced=True)
        self.add(QgsProcessingParameterEnum(self.FIT, "Normalisation and PCA", [f[1] for f in FITS], False,
                                            _keys(FITS).index("per_year")),
                 "Each year on its own (the paper) or one common fit on all years, which makes RSEI values "
                 "comparable between years (see the help).")
        self.add(_params.clip_percent(self.CLIP_PERCENT),
                 "0 = exact min–max (the paper). p > 0 clips each indicator to its p-th and (100 − p)-th "
                 "percentile first.", advanced=True)
        self.add(QgsProcessingParameterFolderDestination(self.OUTPUT_FOLDER, "Output folder"),
                 "Receives rsei_<year>.tif (float32) and grades_<year>.tif (uint8, 1–5) with styles and JSON "
                 "sidecars.")
        self.add(QgsProcessingParameterFeatureSink(self.OUTPUT_TABLE, "RSEI by year (Table 5)", TYPE_VECTOR_ANY,
                                                   optional=True),
                 "Per year: mean RSEI, mean normalised NDVI, WET, NDBSI, LST, PC1 % of the fit, share of the "
                 "year's variance along PC1 (%), pixels used.")
        self.add(QgsProcessingParameterFeatureSink(self.OUTPUT_AREAS, "Grade areas by year (Tables 6–7)",
                                                   TYPE_VECTOR_ANY,
                                                   optional=True),
                 "Per year: area in km² of each grade (worst … excellent) and its percentage.")
        self.add(QgsProcessingParameterFileDestination(self.OUTPUT_HTML, "Report", "HTML files (*.html)",
                                                       optional=True),
                 "HTML report with the RSEI-by-year curve, stacked grade-area bars and the tables.")
        self.add(QgsProcessingParameterBoolean(self.FEATURE_SPACE, "Report: feature space per year (Figure 6)",
                                               False),
                 "Add to the report, per year, the density of each normalised indicator against RSEI (cf. Figure 6 "
                 "of the paper; exact block-wise 2-D histograms, 100 × 100 bins) and the PC1 loadings. One more "
                 "read of every year's input.", advanced=True)
        self.add_engine_parameter()

    def check(self, parameters, context, monitor):
        from ..core import kinds
        from ..core.errors import CoreError, render

        paths = self.raster_paths(parameters, self.INPUT, context)
        _checks.check_distinct([(self.INPUT, p) for p in paths], "each year needs its own raster")
        composites = INPUT_TYPES[self.parameterAsEnum(parameters, self.INPUT_TYPE, context)][0] == "composites"
        for path in paths:
            key = kinds.product_of(path)
            base = os.path.basename(path)
            if not composites and key == "composite":
                raise CoreError(self.tr("INPUT: '{base}' is {kind}, but INPUT_TYPE=1 expects 4-band indicator "
                                        "sets (NDVI, WET, NDBSI, LST). Set INPUT_TYPE=0 (composites) to "
                                        "compute the indicators from the composites.")
                                .format(base=base, kind=render(kinds.describe(key), self.tr)))
            if key not in (None, "composite") and (composites or key in kinds.PRODUCTS):
                expected = (self.tr("7-band composites (INPUT_TYPE=0)") if composites
                            else self.tr("4-band indicator sets (INPUT_TYPE=1)"))
                raise CoreError(self.tr("INPUT: '{base}' is {kind}, but rsei:rseiseries expects {expected}.")
                                .format(base=base, kind=render(kinds.describe(key), self.tr), expected=expected))
            if composites and key is None and kinds.band_count(path) == 4:
                raise CoreError(self.tr("INPUT: '{base}' has 4 bands, like an indicator set, but INPUT_TYPE=0 "
                                        "expects 7-band composites from rsei:landsatcomposite. Set "
                                        "INPUT_TYPE=1 for indicator sets (NDVI, WET, NDBSI, LST).").format(base=base))

    def process(self, parameters, context, feedback, monitor, tx):
        from ..core import grades, rsei
        from ..core.kinds import PRODUCT_TAG
        from ..core.years import parse_years

        paths = self.raster_paths(parameters, self.INPUT, context)
        if not paths:
            raise rsei.CoreError("Input 'INPUT': give at least one yearly raster.")
        years, _ = parse_years(self.parameterAsString(parameters, self.YEARS, context), paths,
                               names_required=True)
        composites = INPUT_TYPES[self.parameterAsEnum(parameters, self.INPUT_TYPE, context)][0] == "composites"
        sensor = WETNESS[self.parameterAsEnum(parameters, self.WETNESS, context)][0]
        water = (self.parameterAsDouble(parameters, self.WATER_THRESHOLD, context)
                 if self.parameterAsBoolean(parameters, self.MASK_WATER, context) else None)
        pooled = FITS[self.parameterAsEnum(parameters, self.FIT, context)][0] == "pooled"
        clip = self.parameterAsDouble(parameters, self.CLIP_PERCENT, context)
        folder = self.parameterAsString(parameters, self.OUTPUT_FOLDER, context)
        html_path = self.parameterAsFileOutput(parameters, self.OUTPUT_HTML, context) or None

        order = sorted(range(len(paths)), key=lambda k: years[k])
        paths, years = [paths[k] for k in order], [years[k] for k in order]
        sources = []
        outputs = {}

        def open_writers(year):
            rp = os.path.join(folder, f"rsei_{year}.tif")
            gp = os.path.join(folder, f"grades_{year}.tif")
            outputs[year] = (rp, gp)
            grid = sources[0].grid
            gw = tx.raster(gp, grid, 1, "uint8", 0, [f"RSEI grade {year}"])
            gw.write_colormap(grades.grade_colormap())
            gw.set_tags(**{PRODUCT_TAG: "rsei_grades"})
            rw = tx.raster(rp, grid, 1, "float32", descriptions=[f"RSEI {year}"])
            rw.set_tags(**{PRODUCT_TAG: "rsei"})
            return rw, gw
        try:
            for path, year in zip(paths, years):
                label = f"{year} ('{os.path.basename(path)}')"
                if composites:
                    sources.append(rsei.CompositeSource(path, sensor, water, self.INPUT, label))
                else:
                    sources.append(rsei.StackSource(path, self.INPUT, label))
            wet_note = None
            if composites:
                used = sorted({src.sensor for src in sources})
                wet_note = used[0] if len(used) == 1 else ", ".join(f"{y} {src.sensor}"
                                                                    for y, src in zip(years, sources))
                monitor.info(self.tr("Wetness coefficients: {sensors}.").format(sensors=wet_note))
            want_fs = bool(html_path) and self.parameterAsBool(parameters, self.FEATURE_SPACE, context)
            results = rsei.series(sources, years, pooled, clip, open_writers, monitor.sub(0.0, 0.9 if want_fs
                                                                                           else 1.0))
            spaces = []
            if want_fs:
                from ..core.feature_space import feature_space
                for k, (src, r) in enumerate(zip(sources, results)):
                    spaces.append(feature_space(src, r.fit, monitor=monitor.sub(0.9 + 0.1 * k / len(sources),
                                                                                0.9 + 0.1 * (k + 1) / len(sources)),
                                                label=str(r.year)))
        finally:
            for s in sources:
                s.close()

        for r in results:
            rp, gp = outputs[r.year]
            notes = dict(r.fit.summary(), year=r.year, wetness_coefficients=wet_note,
                         fit="all years together" if pooled else "this year",
                         rsei_mean=r.image.mean,
                         grade_areas_km2={row[1]: row[3] for row in r.image.table()})
            for p, style in ((rp, "rsei"), (gp, "rsei_grades")):
                tx.annotate(p, **notes)
                self.style_output(tx, p, style)
        t5 = [r.table5_row + (r.image.pixel_count,) for r in results]
        areas = []
        for r in results:
            rows = r.image.table()
            areas.append((r.year,) + tuple(row[3] for row in rows) + tuple(row[4] for row in rows))
        if html_path:
            from ..core.reporting.rsei_series import report
            report(tx.file(html_path), results, pooled, wet_note, water, spaces)
        out = {self.OUTPUT_FOLDER: folder}
        if html_path:
            out[self.OUTPUT_HTML] = html_path
        if self.wants(parameters, self.OUTPUT_TABLE):
            out[self.OUTPUT_TABLE] = self.write_table(
                parameters, self.OUTPUT_TABLE, context,
                [("year", "int"), ("rsei", "double"), ("ndvi", "double"), ("wet", "double"), ("ndbsi", "double"),
                 ("lst", "double"), ("pc1_percent", "double"), ("pc1_share_year", "double"), ("pixels", "int")],
                t5)
        names = grades.GRADE_NAMES
        if self.wants(parameters, self.OUTPUT_AREAS):
            out[self.OUTPUT_AREAS] = self.write_table(
                parameters, self.OUTPUT_AREAS, context,
                [("year", "int")] + [(f"{n}_km2", "double") for n in names]
                + [(f"{n}_pct", "double") for n in names], areas)
        return out
