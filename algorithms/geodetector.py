"""rsei:geodetector — factor, interaction, risk and ecological detectors on a table (Wang & Xu 2017)."""
from qgis.core import (QgsFeatureRequest, QgsProcessingException, QgsProcessingParameterEnum,
                       QgsProcessingParameterFeatureSink, QgsProcessingParameterFeatureSource,
                       QgsProcessingParameterField, QgsProcessingParameterFileDestination,
                       QgsProcessingParameterNumber)
from qgis.PyQt.QtCore import QVariant

from .base import RseiAlgorithm
from .compat import FIELD_ANY, FIELD_NUMERIC, NUMBER_INTEGER, REQUEST_NO_GEOMETRY, TYPE_VECTOR_ANY

METHODS = ["Use the values as strata (categorical)", "Equal interval", "Quantile",
           "Natural breaks (Fisher–Jenks)", "Geometric interval", "Standard deviation",
           "Optimal (best q over methods 1–5 and CLASSES_MIN…CLASSES_MAX)"]

REFERENCES = (
    "Wang, J.F., Xu, C.D. (2017). Geodetector: principle and prospective. Acta Geographica Sinica 72(1), "
    "116–134 (q, its non-central F test, interaction types, risk and ecological detectors).",
    "Wang, J.F., Li, X.H., Christakos, G., Liao, Y.L., Zhang, T., Gu, X., Zheng, X.Y. (2010). Geographical "
    "detectors-based health risk assessment and its application in the neural tube defects study of the Heshun "
    "Region, China. International Journal of Geographical Information Science 24(1), 107–127.",
    "Song, Y., Wang, J., Ge, Y., Xu, C. (2020). An optimal parameters-based geographical detector model enhances "
    "geographic characteristics of explanatory variables for spatial heterogeneity analysis. GIScience & Remote "
    "Sensing 57(5), 593–610 (R package GD: discretisation methods, optimal discretisation).",
    "Fisher, W.D. (1958). On grouping for maximum homogeneity. JASA 53, 789–798; Jenks, G.F. (1967). The data "
    "model concept in statistical mapping. International Yearbook of Cartography 7, 186–190.",
    "Wang, J.F., Xu, C.D. R package 'geodetector' (CRAN): factor_detector (p-value convention).",
    "Han, C. et al. (2025). Sustainability 17, 9075, section 3.4, eq. 20, Tables 4, 14–15, Figure 14.",
)

METHOD_HTML = """
<p><b>Factor detector</b> (paper eq. 20): q = 1 − Σ<sub>h</sub> n<sub>h</sub>σ<sub>h</sub>² / (Nσ²), with the
population variances of Y in stratum h and overall (q = 1 − SSW/SST). Its p-value follows Wang &amp; Xu (2017)
and the R package <i>geodetector</i>: F = (N − L)/(L − 1) · q/(1 − q) compared with the non-central
F(L − 1, N − L, λ), λ = [Σ Ȳ<sub>h</sub>² − (Σ √n<sub>h</sub> Ȳ<sub>h</sub>)²/N] / s², s² the <i>sample</i>
variance of Y; p = P(F′ &gt; F). Note that this λ is the published one and is not invariant to adding a constant
to Y.</p>
<p><b>Interaction detector</b>: q(X1∩X2) uses the strata formed by every combination of the two factors' strata.
Type (Wang &amp; Xu 2017; the paper's Table 4): q12 &lt; min(q1, q2) "Weaken, nonlinear"; min ≤ q12 &lt; max
"Weaken, uni-"; q12 = max (one factor's strata nested in the other's, so the pair adds nothing)
"Nested (q12 = max)"; max &lt; q12 &lt; q1 + q2 "Enhance, bi-"; q12 = q1 + q2 "Independent";
q12 &gt; q1 + q2 "Enhance, nonlinear". Equalities hold within a relative tolerance of 1e-10; each pair is
labelled from its own three q values only. Because strata of X1∩X2 refine those of each factor,
q12 ≥ max(q1, q2) always holds, so the two weaken types cannot occur with q computed on the same samples.</p>
<p><b>Risk detector</b>: the mean of Y in each stratum and, for each pair of strata, Welch's t-test
t = (Ȳ<sub>a</sub> − Ȳ<sub>b</sub>) / √(s<sub>a</sub>²/n<sub>a</sub> + s<sub>b</sub>²/n<sub>b</sub>) with the
Welch–Satterthwaite degrees of freedom (unrounded; the R package rounds them), two-sided, significant at 0.05.
A pair with a stratum of a single sample, or with zero variance in both strata, is not tested (empty t and p, a
note says why).</p>
<p><b>Ecological detector</b>: F = N<sub>1</sub>(N<sub>2</sub> − 1)SSW<sub>1</sub> /
[N<sub>2</sub>(N<sub>1</sub> − 1)SSW<sub>2</sub>] with SSW = Σ n<sub>h</sub>σ<sub>h</sub>² of each factor, df
(N<sub>1</sub> − 1, N<sub>2</sub> − 1) (Wang &amp; Xu 2017; R package GD), two-sided test of equal SSW,
significant at 0.05. With the same samples for both factors F = (1 − q1)/(1 − q2).</p>
<p><b>Discretisation</b> (continuous factors; class edges e0 = min … ek = max, upper limits inclusive as the GD
package): equal interval; quantile (numpy linear = R type 7); natural breaks by exact Fisher–Jenks dynamic
programming on the distinct values (exact for up to 3000 distinct values, else on a sorted sample of 3000
order statistics); geometric interval (geometric sequence from min to max, data shifted to a minimum of 1 when
min ≤ 0); standard deviation (breaks at the mean ± multiples of w, w = 1 SD halved down to ¼ SD until they fit in
the data range); optimal: each of these with CLASSES_MIN…CLASSES_MAX classes, the largest q wins (ties: fewer
classes, then the lower method number). Tied values can merge classes, so a factor can have fewer strata than
CLASSES. Text fields and fields in CATEGORICAL_FIELDS are always used as strata.</p>
<p><b>Per year</b> (YEAR_FIELD): every detector and the discretisation run on each year's rows separately;
the factor table adds rows with year 'mean' holding the mean q over the years (as the paper's Tables 14–15).</p>
"""


def is_null(value):
    return value is None or (isinstance(value, QVariant) and value.isNull())


def write_outputs(alg, parameters, context, runs, html_path, tx, notes, title):
    """Write the four tables and the optional HTML report; returns the results dict part."""
    from ..core import geodetector as gd

    factor_rows, inter_rows, risk_rows, eco_rows = gd.table_rows(runs)
    per_year = any(year is not None for year, _ in runs)
    if html_path:
        gd.write_report(tx.file(html_path), runs, title, notes)
    results = {
        alg.OUTPUT: alg.write_table(parameters, alg.OUTPUT, context,
                                    gd.columns(gd.FACTOR_COLUMNS, per_year), factor_rows),
        alg.OUTPUT_INTERACTION: alg.write_table(parameters, alg.OUTPUT_INTERACTION, context,
                                                gd.columns(gd.INTERACTION_COLUMNS, per_year), inter_rows),
        alg.OUTPUT_RISK: alg.write_table(parameters, alg.OUTPUT_RISK, context,
                                         gd.columns(gd.RISK_COLUMNS, per_year), risk_rows),
        alg.OUTPUT_ECOLOGICAL: alg.write_table(parameters, alg.OUTPUT_ECOLOGICAL, context,
                                               gd.columns(gd.ECOLOGICAL_COLUMNS, per_year), eco_rows),
    }
    if html_path:
        results[alg.OUTPUT_HTML] = html_path
    return results


def log_results(monitor, runs):
    for year, res in runs:
        head = f"{year}: " if year is not None else ""
        for fac, fr in res.factors:
            monitor.info(f"{head}{fac.name}: q = {fr.q:.4f}, p = {fr.p_value:.4g}, {fr.strata} strata ({fac.method})")
            if fr.singletons:
                monitor.warn(f"{head}{fac.name}: {fr.singletons} stratum/strata with a single sample (within "
                             f"variance 0; counted in q and its p-value; not tested in the risk detector).")
            if fr.strata > fr.n / 2:
                monitor.warn(f"{head}{fac.name}: {fr.strata} strata for {fr.n} samples (more than half): q is "
                             f"inflated by so many small strata; use fewer classes.")


def add_common_parameters(alg):
    """METHOD, CLASSES, CLASSES_MIN/MAX and the five outputs (shared with rsei:geodetectorraster)."""
    alg.add(QgsProcessingParameterEnum(alg.METHOD, "Stratification of the factors", METHODS, False, 0),
            "0: each distinct value is a stratum (categorical factors). 1–5: discretise continuous factors into "
            "CLASSES classes by equal interval, quantile, natural breaks (exact Fisher–Jenks), geometric "
            "interval or standard deviation. 6: optimal parameters (Song et al. 2020) — for each factor try "
            "methods 1–5 with CLASSES_MIN…CLASSES_MAX classes and keep the one with the largest q.")
    alg.add(QgsProcessingParameterNumber(alg.CLASSES, "Number of classes", NUMBER_INTEGER, 5, False, 2, 100),
            "Classes for methods 1–5 (tied values can merge classes).")
    alg.add(QgsProcessingParameterNumber(alg.CLASSES_MIN, "Optimal method: fewest classes", NUMBER_INTEGER, 3,
                                         False, 2, 100),
            "Smallest number of classes tried by the optimal method (6).", advanced=True)
    alg.add(QgsProcessingParameterNumber(alg.CLASSES_MAX, "Optimal method: most classes", NUMBER_INTEGER, 7,
                                         False, 2, 100),
            "Largest number of classes tried by the optimal method (6).", advanced=True)
    alg.add(QgsProcessingParameterFeatureSink(alg.OUTPUT, "Factor detector", TYPE_VECTOR_ANY),
            "Table: factor, q, p_value, strata (number), method (as used), breaks (class edges; empty for "
            "categorical factors); with a year field, rows per year and rows with year 'mean'.")
    alg.add(QgsProcessingParameterFeatureSink(alg.OUTPUT_INTERACTION, "Interaction detector", TYPE_VECTOR_ANY),
            "Table: factor_a, factor_b, q (of the intersection), q_a, q_b, interaction (type).")
    alg.add(QgsProcessingParameterFeatureSink(alg.OUTPUT_RISK, "Risk detector", TYPE_VECTOR_ANY),
            "Table per pair of strata of each factor: means, counts, Welch t, df, p_value, significant (0.05), "
            "note (why a pair was not tested).")
    alg.add(QgsProcessingParameterFeatureSink(alg.OUTPUT_ECOLOGICAL, "Ecological detector", TYPE_VECTOR_ANY),
            "Table per pair of factors: F, df_a, df_b, p_value (two-sided), significant (0.05).")
    alg.add(QgsProcessingParameterFileDestination(alg.OUTPUT_HTML, "Report", "HTML files (*.html)",
                                                  optional=True),
            "Optional HTML report: ranked q bars, q per year, interaction heatmaps (as Figure 14), "
            "ecological tests and the mean of Y per stratum.")


def html_destination(alg, parameters, context):
    value = parameters.get(alg.OUTPUT_HTML)
    if value in (None, ""):
        return None
    return alg.parameterAsFileOutput(parameters, alg.OUTPUT_HTML, context) or None


class GeodetectorAlg(RseiAlgorithm):
    ALG_ID = "geodetector"
    DISPLAY_NAME = "Geodetector (table)"
    GROUP_ID = "drivers"
    HELP = ("<p>Explains a numeric variable Y (e.g. RSEI per mine or per sample point) by factors (fields) with "
            "the four Geodetector detectors — factor (q and its p-value), interaction, risk and ecological — as in "
            "section 3.4 of the paper, optionally per year (Tables 14–15, Figure 14). Input: any vector layer or "
            "table without geometry.</p>" + METHOD_HTML)
    NODATA = ("Rows with NULL in Y_FIELD, in any factor field or in YEAR_FIELD are dropped before anything is "
              "computed; how many (and in which field) is written to the log. NaN or infinite Y values are dropped "
              "the same way.")
    REFERENCES = REFERENCES

    INPUT = "INPUT"
    Y_FIELD = "Y_FIELD"
    X_FIELDS = "X_FIELDS"
    METHOD = "METHOD"
    CLASSES = "CLASSES"
    CLASSES_MIN = "CLASSES_MIN"
    CLASSES_MAX = "CLASSES_MAX"
    CATEGORICAL_FIELDS = "CATEGORICAL_FIELDS"
    YEAR_FIELD = "YEAR_FIELD"
    OUTPUT = "OUTPUT"
    OUTPUT_INTERACTION = "OUTPUT_INTERACTION"
    OUTPUT_RISK = "OUTPUT_RISK"
    OUTPUT_ECOLOGICAL = "OUTPUT_ECOLOGICAL"
    OUTPUT_HTML = "OUTPUT_HTML"

    def initAlgorithm(self, config=None):  # noqa: N802 - QGIS API
        self.add(QgsProcessingParameterFeatureSource(self.INPUT, "Input layer or table", [TYPE_VECTOR_ANY]),
                 "Any vector layer, or a table without geometry (e.g. a CSV or a GeoPackage table); one row per "
                 "sample (e.g. per mine and year).")
        self.add(QgsProcessingParameterField(self.Y_FIELD, "Y field (explained variable)", None, self.INPUT,
                                             FIELD_NUMERIC),
                 "Numeric field explained by the factors (e.g. rsei).")
        self.add(QgsProcessingParameterField(self.X_FIELDS, "Factor fields", None, self.INPUT, FIELD_ANY,
                                             allowMultiple=True),
                 "Fields of the explanatory factors (numeric or text). Text fields are always categorical.")
        add_common_parameters(self)
        self.add(QgsProcessingParameterField(self.CATEGORICAL_FIELDS, "Categorical factor fields", None,
                                             self.INPUT, FIELD_ANY, allowMultiple=True, optional=True),
                 "Factor fields always used as strata (each value a stratum), whatever METHOD says, e.g. land "
                 "cover codes.")
        self.add(QgsProcessingParameterField(self.YEAR_FIELD, "Year field (run per year)", None, self.INPUT,
                                             FIELD_ANY, optional=True),
                 "Optional: run every detector for each value of this field separately and add the mean q over "
                 "the years (as the paper's Tables 14–15).")

    def process(self, parameters, context, feedback, monitor, tx):
        import numpy as np

        from ..core import geodetector as gd
        from ..core.errors import CoreError

        source = self.parameterAsSource(parameters, self.INPUT, context)
        if source is None:
            raise QgsProcessingException(self.invalidSourceError(parameters, self.INPUT))
        y_name = self.parameterAsString(parameters, self.Y_FIELD, context)
        x_names = list(dict.fromkeys(self.parameterAsFields(parameters, self.X_FIELDS, context)))
        cat_names = set(self.parameterAsFields(parameters, self.CATEGORICAL_FIELDS, context))
        year_name = self.parameterAsString(parameters, self.YEAR_FIELD, context) or None
        method = self.parameterAsEnum(parameters, self.METHOD, context)
        k = self.parameterAsInt(parameters, self.CLASSES, context)
        kmin = self.parameterAsInt(parameters, self.CLASSES_MIN, context)
        kmax = self.parameterAsInt(parameters, self.CLASSES_MAX, context)

        fields = source.fields()
        for name, what in [(y_name, "Y_FIELD")] + [(n, "X_FIELDS") for n in x_names] + \
                ([(year_name, "YEAR_FIELD")] if year_name else []):
            if fields.lookupField(name) < 0:
                raise CoreError(f"{what}: the field '{name}' does not exist in the input.")
        if not fields.field(y_name).isNumeric():
            raise CoreError(f"Y_FIELD: the field '{y_name}' is not numeric ({fields.field(y_name).typeName()}); "
                            f"Y must be a number.")
        if not x_names:
            raise CoreError("X_FIELDS: select at least one factor field.")
        if y_name in x_names:
            raise CoreError(f"X_FIELDS: the Y field '{y_name}' cannot also be a factor.")
        if year_name and (year_name in x_names or year_name == y_name):
            raise CoreError(f"YEAR_FIELD: '{year_name}' cannot also be Y or a factor.")
        for name in sorted(cat_names - set(x_names)):
            monitor.warn(f"CATEGORICAL_FIELDS: '{name}' is not among the factor fields and is ignored.")
        if method == 6 and not 2 <= kmin <= kmax:
            raise CoreError(f"CLASSES_MIN ({kmin}) must be at most CLASSES_MAX ({kmax}).")

        numeric = {n: fields.field(n).isNumeric() for n in x_names}
        for n in x_names:
            if not numeric[n] and method != 0 and n not in cat_names:
                monitor.info(f"Factor '{n}' is a text field: its values are used as strata.")
        wanted = [y_name] + x_names + ([year_name] if year_name else [])
        request = QgsFeatureRequest().setFlags(REQUEST_NO_GEOMETRY)
        request.setSubsetOfAttributes(wanted, fields)
        idx = [fields.lookupField(n) for n in wanted]

        ys, xs, years = [], {n: [] for n in x_names}, []
        dropped = {n: 0 for n in wanted}
        total = 0
        count = max(source.featureCount(), 1)
        for i, feat in enumerate(source.getFeatures(request)):
            if i % 1000 == 0:
                monitor.check()
                monitor.report(0.3 * i / count)
            total += 1
            attrs = feat.attributes()
            vals = [attrs[j] for j in idx]
            bad = next((wanted[j] for j, v in enumerate(vals) if is_null(v)), None)
            if bad is None:
                try:
                    y = float(vals[0])
                except (TypeError, ValueError):
                    raise CoreError(f"Y_FIELD: the value {vals[0]!r} of '{y_name}' is not a number.") from None
                if y != y or y in (float("inf"), float("-inf")):
                    bad = y_name
            if bad is not None:
                dropped[bad] += 1
                continue
            ys.append(y)
            for n, v in zip(x_names, vals[1:1 + len(x_names)]):
                xs[n].append(float(v) if numeric[n] else str(v))
            if year_name:
                years.append(vals[-1])
        n_dropped = total - len(ys)
        notes = [f"Input: {total} rows; Y = '{y_name}'; factors: {', '.join(x_names)}."]
        if n_dropped:
            detail = ", ".join(f"{c} for NULL/NaN in '{n}'" for n, c in dropped.items() if c)
            msg = f"{n_dropped} of {total} rows dropped ({detail})."
            monitor.warn(msg)
            notes.append(msg)
        if len(ys) < 2:
            raise CoreError(f"Only {len(ys)} row(s) have Y and every factor present; at least two are needed.")
        if len(x_names) < 2:
            msg = ("Only one factor: the interaction and ecological detectors need at least two factors, so "
                   "their tables are empty.")
            monitor.warn(msg)
            notes.append(msg)

        y_all = np.asarray(ys, dtype=np.float64)
        x_all = {n: np.asarray(v, dtype=np.float64 if numeric[n] else object) for n, v in xs.items()}
        if year_name:
            labels = [_year_label(v) for v in years]
            order = sorted(set(labels), key=_year_key)
            groups = [(lab, np.array([lb == lab for lb in labels])) for lab in order]
        else:
            groups = [(None, np.ones(y_all.size, dtype=bool))]
        runs = []
        for g, (label, sel) in enumerate(groups):
            monitor.check()
            where = f"year {label}" if label is not None else ""
            y = y_all[sel]
            if y.size < 2:
                raise CoreError(f"Year {label}: only {y.size} row(s); at least two are needed.")
            if np.ptp(y) == 0:
                raise CoreError(f"Y ('{y_name}') is constant{' in ' + where if where else ''}: q is undefined.")
            factors = [gd.stratify(n, x_all[n][sel], method, k, kmin, kmax, y, categorical=n in cat_names)
                       for n in x_names]
            runs.append((label, gd.analyse(y, factors, monitor.sub(0.3 + 0.6 * g / len(groups),
                                                                   0.3 + 0.6 * (g + 1) / len(groups)), where)))
        log_results(monitor, runs)
        html_path = html_destination(self, parameters, context)
        title = f"Geodetector: {y_name}" + (f" per {year_name}" if year_name else "")
        return write_outputs(self, parameters, context, runs, html_path, tx, notes, title)


def _year_label(value):
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _year_key(label):
    try:
        return (0, float(label), label)
    except ValueError:
        return (1, 0.0, label)
