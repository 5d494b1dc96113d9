"""rsei:rsei — the remote sensing ecological index of one image, by principal components."""
from qgis.core import (QgsProcessingOutputNumber, QgsProcessingParameterFeatureSink,
                       QgsProcessingParameterFileDestination, QgsProcessingParameterNumber,
                       QgsProcessingParameterRasterDestination, QgsProcessingParameterRasterLayer)

from . import _checks, _params
from .base import RseiAlgorithm
from .compat import NUMBER_DOUBLE, TYPE_VECTOR_ANY

#: Indicator parameter → product key of core.kinds.
INDICATOR_KINDS = (("NDVI", "ndvi"), ("WET", "wet"), ("NDBSI", "ndbsi"), ("LST", "lst"))

RSEI_REFERENCES = (
    "Xu, H. (2013). A remote sensing urban ecological index and its application. "
    "Acta Ecologica Sinica 33, 7853–7862.",
    "Han, C., Li, P., Xie, H., Pi, Y., Zhang, Y., Han, X., Jin, J., Zhao, Y. (2025). Assessment of Ecological "
    "Quality Dynamics and Driving Factors in the Ningdong Mining Area, China, Using the Coupled Remote Sensing "
    "Ecological Index and Ecological Grade Index. Sustainability 17, 9075 (section 3.1, eq. 12–13; grades in "
    "section 4.1).",
    "Chan, T.F., Golub, G.H., LeVeque, R.J. (1979). Updating formulae and a pairwise algorithm for computing "
    "sample variances (exact streaming covariance).",
)

METHOD_HTML = """
<p>A pixel takes part only where all four indicators are valid (and, for rsei:rsei, MASK does
not exclude it). Each indicator I is min–max normalised over those pixels,
I' = (I − I<sub>min</sub>) / (I<sub>max</sub> − I<sub>min</sub>) (eq. 12), optionally after clipping to the
p-th and (100 − p)-th percentiles (advanced option). The percentiles are exact (numpy's default linear
definition): a streaming histogram of 2<sup>20</sup> bins locates the bins holding the needed order statistics
and a second pass sorts the values of those bins (only with more than 4 million pixels in them, i.e. massive
ties, is the value interpolated inside its bin, within (max − min)/2<sup>20</sup>; the log says so).
A principal component analysis is made on the <i>covariance</i> matrix of the normalised indicators,
computed exactly over <i>all</i> taking-part pixels by streaming blocks (no sampling).
PC1 is oriented so that its loadings of NDVI and WET minus those of NDBSI and LST sum to a positive number:
a higher RSEI always means a better ecology, whatever sign the eigen-solver returns.
RSEI = (PC1 − PC1<sub>min</sub>) / (PC1<sub>max</sub> − PC1<sub>min</sub>) (eq. 13), with the exact
extremes of PC1 over the pixels (one more pass, since PC1 is linear in the inputs).</p>
<p><b>Grades</b> (right-closed intervals, so 0.2 belongs to grade 1): 1 worst [0, 0.2], 2 poor (0.2, 0.4],
3 moderate (0.4, 0.6], 4 good (0.6, 0.8], 5 excellent (0.8, 1]. Grade areas use the true pixel area, also on a
geographic CRS (ellipsoidal cell area per row).</p>
<p>The PC1 loadings, eigenvalues, variance shares and normalisation bounds are written to the log and to the
JSON sidecar of the RSEI raster. A warning is given when PC1 explains less than 60 % of the variance (the
paper's threshold).</p>
"""


class RseiIndexAlgorithm(RseiAlgorithm):
    ALG_ID = "rsei"
    DISPLAY_NAME = "Remote sensing ecological index (RSEI)"
    GROUP_ID = "rsei"
    USAGE = (
        "<p>Computes the remote sensing ecological index (RSEI, 0–1, higher = better) of one image by "
        "principal component analysis of its four indicators, and its five ecological grades.</p>"
        "<p><b>How to use.</b> Give the NDVI, WET, NDBSI and LST rasters on one grid (the outputs of "
        "rsei:landsatindices) and, optionally, MNDWI to leave water out (or a MASK). Keep the percentile clip at "
        "0, as the paper. You get the RSEI raster and optionally the grades, a table of grade areas and an "
        "HTML report; PC1_PERCENT tells how much of the variance PC1 explains (the paper expects more than 60 "
        "%).</p>")
    HELP = METHOD_HTML
    NODATA = ("A pixel that is NoData (or NaN) in any of the four indicators, or that MASK or MNDWI excludes, is "
              "NoData in both outputs (RSEI −9999, grades 0) and takes no part in the normalisation or the PCA. "
              "MASK excludes pixels where it is valid and non-zero, MNDWI pixels where it is valid and above "
              "WATER_THRESHOLD; their NoData pixels are kept.")
    REFERENCES = RSEI_REFERENCES

    NDVI = "NDVI"
    WET = "WET"
    NDBSI = "NDBSI"
    LST = "LST"
    MASK = "MASK"
    MNDWI = "MNDWI"
    WATER_THRESHOLD = "WATER_THRESHOLD"
    CLIP_PERCENT = "CLIP_PERCENT"
    OUTPUT = "OUTPUT"
    OUTPUT_GRADES = "OUTPUT_GRADES"
    OUTPUT_TABLE = "OUTPUT_TABLE"
    OUTPUT_HTML = "OUTPUT_HTML"
    PC1_PERCENT = "PC1_PERCENT"
    RSEI_MEAN = "RSEI_MEAN"

    def initAlgorithm(self, config=None):  # noqa: N802 - QGIS API
        self.add(QgsProcessingParameterRasterLayer(self.NDVI, "Greenness (NDVI)"),
                 "NDVI raster (eq. 2). All four indicators must be on one grid (CRS, origin, pixel size, size).")
        self.add(QgsProcessingParameterRasterLayer(self.WET, "Wetness (WET)"),
                 "Tasseled-cap wetness raster (eq. 3–5), on the grid of NDVI.")
        self.add(QgsProcessingParameterRasterLayer(self.NDBSI, "Dryness (NDBSI)"),
                 "NDBSI raster (eq. 9–11), on the grid of NDVI.")
        self.add(QgsProcessingParameterRasterLayer(self.LST, "Heat (LST)"),
                 "Land surface temperature raster (any unit; it is normalised), on the grid of NDVI.")
        self.add(QgsProcessingParameterRasterLayer(self.MASK, "Mask (non-zero = exclude)", optional=True),
                 "Optional raster on the same grid; pixels where it is non-zero are left out of the normalisation "
                 "and the PCA and are NoData in the outputs. Make one with any raster calculator, e.g. "
                 "\"mndwi@1\" > 0 for water; or give MNDWI below instead.")
        self.add(QgsProcessingParameterRasterLayer(self.MNDWI, "Water index (MNDWI) to mask water", optional=True),
                 "Optional MNDWI raster on the same grid (OUTPUT_MNDWI of rsei:landsatindices): pixels with MNDWI "
                 "above WATER_THRESHOLD are water and are left out like MASK's non-zero pixels (water's high "
                 "wetness and low LST would otherwise dominate the PCA). May be combined with MASK.")
        self.add(QgsProcessingParameterNumber(self.WATER_THRESHOLD, "MNDWI water threshold", NUMBER_DOUBLE, 0.0,
                                              False, -1.0, 1.0),
                 "Pixels with MNDWI above this value are water (Xu 2006 uses 0). Used only with MNDWI.",
                 advanced=True)
        self.add(_params.clip_percent(self.CLIP_PERCENT), "0 (default, as the paper) normalises with the exact minimum and maximum. p > 0 clips each "
                    "indicator to its p-th and (100 − p)-th percentile first, so a few outliers do not squeeze the "
                    "rest of the range (exact percentiles, two extra passes).", advanced=True)
        self.add(QgsProcessingParameterRasterDestination(self.OUTPUT, "RSEI"),
                 "RSEI in [0, 1] (float32, NoData −9999), styled with a continuous ramp.")
        self.add(QgsProcessingParameterRasterDestination(self.OUTPUT_GRADES, "Ecological grades",
                                                         optional=True),
                 "Grades 1 worst … 5 excellent (uint8, NoData 0), styled with five labelled colours.")
        self.add(QgsProcessingParameterFeatureSink(self.OUTPUT_TABLE, "Grade areas", TYPE_VECTOR_ANY,
                                                   optional=True),
                 "Table: grade, name, pixel count, area in km² (true pixel area) and percent of the graded area.")
        self.add(QgsProcessingParameterFileDestination(self.OUTPUT_HTML, "Report", "HTML files (*.html)",
                                                       optional=True, createByDefault=False),
                 "Optional HTML report: PC1 share, loadings and bounds, grade areas, and the feature space "
                 "(cf. Figure 6 of the paper): the density of each normalised indicator against RSEI from exact "
                 "block-wise 2-D histograms (100 × 100 bins over 0–1; one more read of the inputs), beside the PC1 "
                 "loadings.")
        self.addOutput(QgsProcessingOutputNumber(self.PC1_PERCENT, "PC1 share of the variance (%)"))
        self.addOutput(QgsProcessingOutputNumber(self.RSEI_MEAN, "Mean RSEI"))
        self.add_engine_parameter()

    def check(self, parameters, context, monitor):
        check_indicators(self, parameters, context, INDICATOR_KINDS, self.MASK, self.MNDWI)

    def process(self, parameters, context, feedback, monitor, tx):
        from ..core import grades, rsei
        from ..core.kinds import PRODUCT_TAG

        paths = [self.raster_path(parameters, n, context) for n in (self.NDVI, self.WET, self.NDBSI, self.LST)]
        mask = self.raster_path(parameters, self.MASK, context)
        mndwi = self.raster_path(parameters, self.MNDWI, context)
        threshold = self.parameterAsDouble(parameters, self.WATER_THRESHOLD, context)
        clip = self.parameterAsDouble(parameters, self.CLIP_PERCENT, context)
        out_path = self.output_path(parameters, self.OUTPUT, context)
        grades_path = self.output_path(parameters, self.OUTPUT_GRADES, context)
        source = rsei.IndicatorSource(*paths, mask=mask, mndwi=mndwi, water_threshold=threshold)
        fit = None
        try:
            rw = tx.raster(out_path, source.grid, 1, "float32", descriptions=["RSEI"])
            rw.set_tags(**{PRODUCT_TAG: "rsei"})
            gw = tx.raster(grades_path, source.grid, 1, "uint8", 0, ["RSEI grade"]) if grades_path else None
            if gw is not None:
                gw.set_tags(**{PRODUCT_TAG: "rsei_grades"})
                gw.write_colormap(grades.grade_colormap())
            # the indicator blocks of pass 1 kept beside the output for the later passes: the inputs are read once
            fit = rsei.fit([source], clip, monitor.sub(0.0, 0.7), spill_dir=rsei.spill_folder(rw, gw))
            rsei.log_fit(fit, monitor)
            html_path = (self.parameterAsFileOutput(parameters, self.OUTPUT_HTML, context) or None) \
                if self.wants(parameters, self.OUTPUT_HTML) else None
            result = rsei.write(source, fit, rw, gw, monitor.sub(0.7, 0.9 if html_path else 1.0))
            if html_path:
                from ..core.feature_space import feature_space
                from ..core.reporting.feature_space import write_rsei_report
                fs = feature_space(source, fit, monitor=monitor.sub(0.9, 1.0))
                write_rsei_report(tx.file(html_path), fit, result, fs)
        finally:
            if fit is not None:
                fit.close()
            source.close()
        table = result.table()
        notes = dict(fit.summary(), rsei_mean=result.mean, grade_areas_km2={r[1]: r[3] for r in table},
                     grade_percent={r[1]: r[4] for r in table})
        tx.annotate(out_path, **notes)
        self.style_output(tx, out_path, "rsei")
        if grades_path:
            tx.annotate(grades_path, **notes)
            self.style_output(tx, grades_path, "rsei_grades")
        monitor.info(self.tr("Mean RSEI {mean:.4f} over {pixels} pixels.")
                     .format(mean=result.mean, pixels=result.pixel_count))
        words = grade_words()
        for g, name, count, area, pct in table:
            monitor.info(self.tr("Grade {grade} ({name}): {pixels} pixels, {area:.4f} km², {percent:.2f} %")
                         .format(grade=g, name=words.get(name, name), pixels=count, area=area, percent=pct))
        results = {self.OUTPUT: out_path, self.PC1_PERCENT: fit.pc1_percent, self.RSEI_MEAN: result.mean}
        if grades_path:
            results[self.OUTPUT_GRADES] = grades_path
        if html_path:
            results[self.OUTPUT_HTML] = html_path
        if self.wants(parameters, self.OUTPUT_TABLE):
            results[self.OUTPUT_TABLE] = self.write_table(
                parameters, self.OUTPUT_TABLE, context,
                [("grade", "int"), ("name", "string"), ("pixels", "int"), ("area_km2", "double"),
                 ("percent", "double")], table)
        return results


def grade_words():
    """The names of the RSEI grades 1–5 (``core.grades.GRADE_NAMES``) translated, by English name."""
    tr = RseiAlgorithm.tr
    return {"worst": tr("worst"), "poor": tr("poor"), "moderate": tr("moderate"), "good": tr("good"),
            "excellent": tr("excellent")}


def check_indicators(alg, parameters, context, kinds, mask=None, mndwi=None):
    """The four indicators are four different files, each not another kind of toolbox output (nor MNDWI)."""
    from ..core import kinds as kd

    named = [(name, alg.raster_path(parameters, name, context)) for name, _ in kinds]
    _checks.check_distinct(named, "the four indicators must be four different rasters (the dialog pre-fills "
                                  "every input with the selected layer)")
    advice = alg.tr("Make the indicators from it with rsei:landsatindices (OUTPUT_NDVI, OUTPUT_WET, OUTPUT_NDBSI, "
                    "OUTPUT_LST).")
    for (name, path), (_, kind) in zip(named, kinds):
        kd.expect_product(path, name, (kind,), advice if kd.product_of(path) == "composite" else "")
    if mndwi and alg.wants(parameters, mndwi):
        path = alg.raster_path(parameters, mndwi, context)
        kd.expect_product(path, mndwi, ("mndwi",), alg.tr("Give OUTPUT_MNDWI of rsei:landsatindices."))
        _checks.check_distinct(named + [(mndwi, path)], "MNDWI must be a water index, not one of the indicators")
    if mask and alg.wants(parameters, mask):
        _checks.check_distinct(named + [(mask, alg.raster_path(parameters, mask, context))],
                               "MASK must not be one of the indicators")
