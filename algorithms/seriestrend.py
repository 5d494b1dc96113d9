"""rsei:seriestrend — trend analysis of one yearly series (Han et al. 2025, section 4.2, Figures 7–8)."""
from qgis.core import (QgsFeatureRequest, QgsProcessingOutputNumber, QgsProcessingParameterEnum,
                       QgsProcessingParameterFeatureSource, QgsProcessingParameterField,
                       QgsProcessingParameterFileDestination, QgsProcessingParameterNumber)

from .base import RseiAlgorithm
from .compat import FIELD_ANY, NUMBER_DOUBLE, REQUEST_NO_GEOMETRY, TYPE_VECTOR_ANY

ALPHAS = (0.10, 0.05, 0.01)

NUMBERS = (
    ("SEN_SLOPE", "Sen slope (per time unit)"),
    ("SEN_SLOPE_LOW", "Sen slope, lower confidence limit"),
    ("SEN_SLOPE_HIGH", "Sen slope, upper confidence limit"),
    ("SEN_INTERCEPT", "Sen intercept (value at time 0)"),
    ("MK_S", "Mann–Kendall S"),
    ("MK_Z", "Mann–Kendall Z"),
    ("MK_P", "Mann–Kendall p (two-sided)"),
    ("QUAD_R2", "R² of the least-squares quadratic"),
    ("QUAD_VERTEX", "Time where the quadratic's slope is zero"),
    ("BREAK_YEAR", "Break used for the two segments"),
    ("SEG1_SLOPE", "Least-squares slope, times ≤ break"),
    ("SEG1_R", "Pearson r, times ≤ break"),
    ("SEG2_SLOPE", "Least-squares slope, times > break"),
    ("SEG2_R", "Pearson r, times > break"),
)


def _number(value, field, fid):
    """A feature's attribute as float: None for NULL, CoreError for text that is not a number."""
    from ..core.errors import CoreError

    if value is None or (hasattr(value, "isNull") and value.isNull()):
        return None
    if isinstance(value, bool):
        raise CoreError(RseiAlgorithm.tr("Field '{field}' is not numeric (feature {fid} has the value "
                                         "{value!r}).").format(field=field, fid=fid, value=value))
    if isinstance(value, (int, float)):
        return float(value)
    text = str(value).strip()
    if text == "":
        return None
    try:
        return float(text)
    except ValueError:
        raise CoreError(RseiAlgorithm.tr("Field '{field}' is not numeric: feature {fid} has the value "
                                         "'{text}'. Choose a field that holds numbers.")
                        .format(field=field, fid=fid, text=text)) from None


class SeriesTrendAlgorithm(RseiAlgorithm):
    ALG_ID = "seriestrend"
    DISPLAY_NAME = "Trend of a yearly series (Sen, Mann–Kendall, quadratic, two segments)"
    GROUP_ID = "trend"
    REQUIRES = ("scipy",)

    INPUT = "INPUT"
    TIME_FIELD = "TIME_FIELD"
    VALUE_FIELD = "VALUE_FIELD"
    BREAK_YEAR = "BREAK_YEAR"
    ALPHA = "ALPHA"
    OUTPUT_HTML = "OUTPUT_HTML"

    USAGE = (
        "<p>Trend of one series of yearly values (e.g. the mean RSEI of each year): Theil–Sen slope with the "
        "Mann–Kendall test, a quadratic fit and two line segments either side of a break year.</p>"
        "<p><b>How to use.</b> Give a table with a year field and a value field (e.g. OUTPUT_TABLE of "
        "rsei:rseiseries). Leave BREAK_YEAR empty to find the best single break. The numbers are written to "
        "the log and returned as outputs; OUTPUT_HTML draws the series and the fitted lines.</p>")
    HELP = (
        "<p>Analyses one series of yearly values — e.g. the mean RSEI of each year (Table 5 of Han et al. "
        "2025) — the way section 4.2 and Figures 7–8 of the paper do: a Theil–Sen slope with the Mann–Kendall "
        "test, a least-squares quadratic (the U-shaped trajectory, its R² and turning point) and two "
        "least-squares line segments either side of a break year.</p><ul>"
        "<li><b>SEN_SLOPE</b>: median of (x<sub>j</sub> − x<sub>i</sub>)/(t<sub>j</sub> − t<sub>i</sub>) over "
        "all pairs (eq. 15 with real times); <b>SEN_INTERCEPT</b> = median(x) − slope·median(t) (Conover), "
        "i.e. the line x = intercept + slope·t at t = 0.</li>"
        "<li><b>SEN_SLOPE_LOW, SEN_SLOPE_HIGH</b>: the distribution-free 1 − α confidence interval of the Sen "
        "slope (Sen 1968; Gilbert 1987, section 16.5): with the N′ pair slopes sorted, C<sub>α</sub> = "
        "z<sub>1−α/2</sub>·√Var(S) (Var(S) with the tie correction), M<sub>1</sub> = (N′ − C<sub>α</sub>)/2, "
        "M<sub>2</sub> = (N′ + C<sub>α</sub>)/2; the limits are the M<sub>1</sub>-th and (M<sub>2</sub>+1)-th "
        "smallest pair slopes (M rounded to the nearest integer, halves to even, as scipy.stats.theilslopes). "
        "An interval that excludes 0 is a trend at that confidence; two series whose intervals do not overlap "
        "change at different rates.</li>"
        "<li><b>MK_S, MK_Z, MK_P</b>: Mann–Kendall S (eq. 16–17), Z with the tie-corrected variance and the "
        "continuity correction (eq. 18–19), two-sided p from the normal distribution.</li>"
        "<li><b>QUAD_R2</b>: R² = 1 − SSE/SST of x = c₀ + c₁t + c₂t² by least squares; <b>QUAD_VERTEX</b> = "
        "−c₁/(2c₂), the time where the fitted slope is zero. The paper reports 2012.3; on its own Table 5 this fit "
        "gives 2009.54 (numpy.polyfit agrees, and moving every value within its rounding, ±0.0005, shifts it by "
        "less than 0.3 years), so the paper's figure cannot come from the published yearly means — the paper "
        "does not say how it was obtained (perhaps from unrounded or differently masked values). The paper's "
        "break at 2012 is reproduced with BREAK_YEAR = 2012.</li>"
        "<li><b>BREAK_YEAR</b>: as given, or (when empty) the observed time b that minimises the summed squared "
        "errors of two separate least-squares lines over t ≤ b and t &gt; b, each with at least 3 values.</li>"
        "<li><b>SEG1_SLOPE, SEG1_R</b>: least-squares slope and Pearson r over t ≤ break; <b>SEG2_SLOPE, "
        "SEG2_R</b> over t &gt; break (the paper: 2000–2012 and 2013–2024).</li></ul>"
        "<p>OUTPUT_HTML shows the series with the quadratic and its 95% confidence band of the mean response "
        "(ŷ ± t<sub>0.975, n−3</sub>·s·√(x₀ᵀ(XᵀX)⁻¹x₀), Student t), the two segment fits and the Sen line, "
        "with a table of every statistic. Times need not be consecutive; they are sorted.</p>"
        "<p>The input may be any vector layer or a table without geometry (CSV, GeoPackage); text fields that "
        "hold numbers (as in a CSV read without type detection) are accepted.</p>")
    NODATA = ("Rows where the time or the value is NULL or empty are skipped. A value that is not a number is an "
              "error. At least 4 rows must remain (6 when the break is searched), and every time must appear once.")
    REFERENCES = (
        "Han, C. et al. (2025). Assessment of Ecological Quality Dynamics and Driving Factors in the Ningdong "
        "Mining Area, China, Using the Coupled RSEI and EG Index. Sustainability 17, 9075, sections 3.3 and 4.2, "
        "Figures 7–8.",
        "Sen, P.K. (1968). Estimates of the regression coefficient based on Kendall's tau. J. Am. Stat. Assoc. "
        "63, 1379–1389.",
        "Mann, H.B. (1945). Nonparametric tests against trend. Econometrica 13, 245–259.",
        "Kendall, M.G. (1975). Rank Correlation Methods, 4th ed. Charles Griffin, London.",
        "Conover, W.J. (1980). Practical Nonparametric Statistics, 2nd ed. Wiley (intercept of the Sen line).",
        "Gilbert, R.O. (1987). Statistical Methods for Environmental Pollution Monitoring. Van Nostrand "
        "Reinhold, New York, section 16.5 (confidence interval of the Sen slope).",
        "Draper, N.R., Smith, H. (1998). Applied Regression Analysis, 3rd ed. Wiley (confidence band of the "
        "mean response).",
    )

    def initAlgorithm(self, config=None):  # noqa: N802 - QGIS API
        self.add(QgsProcessingParameterFeatureSource(self.INPUT, "Table of yearly values", [TYPE_VECTOR_ANY]),
                 "Any vector layer or geometry-less table (CSV, GeoPackage) with one row per time.")
        self.add(QgsProcessingParameterField(self.TIME_FIELD, "Time field (year)", parentLayerParameterName=self.INPUT,
                                             type=FIELD_ANY),
                 "Field holding the time of each row (e.g. the year); numbers, or text that holds numbers.")
        self.add(QgsProcessingParameterField(self.VALUE_FIELD, "Value field", parentLayerParameterName=self.INPUT,
                                             type=FIELD_ANY),
                 "Field holding the value (e.g. the mean RSEI); numbers, or text that holds numbers.")
        self.add(QgsProcessingParameterNumber(self.BREAK_YEAR, "Break year (empty: best single break)",
                                              type=NUMBER_DOUBLE, optional=True),
                 "Segment 1 uses the times ≤ this value, segment 2 those after it (the paper: 2012). Empty: the "
                 "time that minimises the two segments' summed squared error.")
        self.add(QgsProcessingParameterEnum(self.ALPHA, "Confidence of the Sen-slope interval (1 − α)",
                                            options=[f"{1 - a:.0%} (α = {a:.2f})" for a in ALPHAS], defaultValue=1),
                 "Confidence level of SEN_SLOPE_LOW / SEN_SLOPE_HIGH: 90 %, 95 % (default) or 99 %.")
        self.add(QgsProcessingParameterFileDestination(self.OUTPUT_HTML, "Report", "HTML files (*.html)",
                                                       optional=True),
                 "HTML report: the series, the quadratic with its 95% confidence band, the two segments and "
                 "the Sen line (Figures 7–8 of the paper), and a table of the statistics.")
        for name, label in NUMBERS:
            self.addOutput(QgsProcessingOutputNumber(name, label))

    def process(self, parameters, context, feedback, monitor, tx):
        from ..core.reporting import trend as trend_report
        from ..core.trend import series
        from ..core.errors import CoreError

        html_path = self.parameterAsFileOutput(parameters, self.OUTPUT_HTML, context) \
            if self.wants(parameters, self.OUTPUT_HTML) else None
        if html_path:
            try:
                import matplotlib  # noqa: F401
            except ImportError:
                raise CoreError(self.tr("OUTPUT_HTML needs the Python package matplotlib, which QGIS's Python "
                                        "cannot import (Debian/Ubuntu: 'sudo apt install python3-matplotlib'; "
                                        "elsewhere 'python -m pip install matplotlib'). Leave OUTPUT_HTML "
                                        "empty to run without the report.")) from None
        source = self.parameterAsSource(parameters, self.INPUT, context)
        if source is None:
            raise CoreError(self.tr("INPUT: the table could not be loaded."))
        time_field = self.parameterAsString(parameters, self.TIME_FIELD, context)
        value_field = self.parameterAsString(parameters, self.VALUE_FIELD, context)
        fields = source.fields()
        for name, field in ((self.TIME_FIELD, time_field), (self.VALUE_FIELD, value_field)):
            if not field or fields.lookupField(field) < 0:
                raise CoreError(self.tr("{name}: the table has no field '{field}'.").format(name=name, field=field))
        brk = None
        if self.wants(parameters, self.BREAK_YEAR):
            brk = self.parameterAsDouble(parameters, self.BREAK_YEAR, context)
        t, x = [], []
        request = QgsFeatureRequest().setSubsetOfAttributes([time_field, value_field], fields)
        request.setFlags(REQUEST_NO_GEOMETRY)
        skipped = 0
        for feature in source.getFeatures(request):
            tv = _number(feature[time_field], time_field, feature.id())
            xv = _number(feature[value_field], value_field, feature.id())
            if tv is None or xv is None:
                skipped += 1
                continue
            t.append(tv)
            x.append(xv)
        if skipped:
            monitor.warn(self.tr("{skipped} row(s) with an empty time or value were skipped.")
                         .format(skipped=skipped))
        alpha = ALPHAS[self.parameterAsEnum(parameters, self.ALPHA, context)]
        res = series.series_trend(t, x, brk, alpha=alpha)
        monitor.info(", ".join(f"{name} = {res[name]:.6g}" for name, _ in NUMBERS))
        results = {name: res[name] for name, _ in NUMBERS}
        if html_path:
            trend_report.write_series_report(tx.file(html_path), res, time_field, value_field)
            results[self.OUTPUT_HTML] = html_path
        return results
