"""Shared by rsei:geodetector and rsei:geodetectorraster: help text, common parameters, outputs, log.

A private module (the algorithm discovery skips ``_``-prefixed modules); :class:`GeodetectorBase`
holds the parameters both algorithms define, with the same ids, enum order and help.
"""
from qgis.core import (QgsProcessingParameterEnum, QgsProcessingParameterFeatureSink,
                       QgsProcessingParameterFileDestination, QgsProcessingParameterNumber)

from ..core.errors import CoreError
from ..core.geodetector import stratify as gs
from .base import RseiAlgorithm
from .compat import NUMBER_INTEGER, TYPE_VECTOR_ANY

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


class GeodetectorBase(RseiAlgorithm):
    """METHOD, CLASSES, CLASSES_MIN/MAX and the five outputs, shared by both Geodetector algorithms."""

    GROUP_ID = "drivers"
    REFERENCES = REFERENCES

    METHOD = "METHOD"
    CLASSES = "CLASSES"
    CLASSES_MIN = "CLASSES_MIN"
    CLASSES_MAX = "CLASSES_MAX"
    OUTPUT = "OUTPUT"
    OUTPUT_INTERACTION = "OUTPUT_INTERACTION"
    OUTPUT_RISK = "OUTPUT_RISK"
    OUTPUT_ECOLOGICAL = "OUTPUT_ECOLOGICAL"
    OUTPUT_HTML = "OUTPUT_HTML"

    def add_common_parameters(self):
        """METHOD, CLASSES, CLASSES_MIN/MAX and the five outputs."""
        self.add(QgsProcessingParameterEnum(self.METHOD, "Stratification of the factors", list(gs.METHOD_LABELS),
                                            False, gs.CATEGORICAL),
                 "0: each distinct value is a stratum (categorical factors). 1–5: discretise continuous factors "
                 "into CLASSES classes by equal interval, quantile, natural breaks (exact Fisher–Jenks), geometric "
                 "interval or standard deviation. 6: optimal parameters (Song et al. 2020) — for each factor try "
                 "methods 1–5 with CLASSES_MIN…CLASSES_MAX classes and keep the one with the largest q.")
        self.add(QgsProcessingParameterNumber(self.CLASSES, "Number of classes", NUMBER_INTEGER, 5, False, 2, 100),
                 "Classes for methods 1–5 (tied values can merge classes).")
        self.add(QgsProcessingParameterNumber(self.CLASSES_MIN, "Optimal method: fewest classes", NUMBER_INTEGER, 3,
                                              False, 2, 100),
                 "Smallest number of classes tried by the optimal method (6).", advanced=True)
        self.add(QgsProcessingParameterNumber(self.CLASSES_MAX, "Optimal method: most classes", NUMBER_INTEGER, 7,
                                              False, 2, 100),
                 "Largest number of classes tried by the optimal method (6).", advanced=True)
        self.add(QgsProcessingParameterFeatureSink(self.OUTPUT, "Factor detector", TYPE_VECTOR_ANY),
                 "Table: factor, q, p_value, strata (number), method (as used), breaks (class edges; empty for "
                 "categorical factors); with a year field, rows per year and rows with year 'mean'.")
        self.add(QgsProcessingParameterFeatureSink(self.OUTPUT_INTERACTION, "Interaction detector", TYPE_VECTOR_ANY),
                 "Table: factor_a, factor_b, q (of the intersection), q_a, q_b, interaction (type).")
        self.add(QgsProcessingParameterFeatureSink(self.OUTPUT_RISK, "Risk detector", TYPE_VECTOR_ANY),
                 "Table per pair of strata of each factor: means, counts, Welch t, df, p_value, significant (0.05), "
                 "note (why a pair was not tested).")
        self.add(QgsProcessingParameterFeatureSink(self.OUTPUT_ECOLOGICAL, "Ecological detector", TYPE_VECTOR_ANY),
                 "Table per pair of factors: F, df_a, df_b, p_value (two-sided), significant (0.05).")
        self.add(QgsProcessingParameterFileDestination(self.OUTPUT_HTML, "Report", "HTML files (*.html)",
                                                       optional=True),
                 "Optional HTML report: ranked q bars, q per year, interaction heatmaps (as Figure 14), "
                 "ecological tests and the mean of Y per stratum.")

    def stratification(self, parameters, context):
        """(method, k, kmin, kmax) from METHOD, CLASSES, CLASSES_MIN, CLASSES_MAX, checked for the optimal method."""
        method = self.parameterAsEnum(parameters, self.METHOD, context)
        k = self.parameterAsInt(parameters, self.CLASSES, context)
        kmin = self.parameterAsInt(parameters, self.CLASSES_MIN, context)
        kmax = self.parameterAsInt(parameters, self.CLASSES_MAX, context)
        if method == gs.OPTIMAL and not 2 <= kmin <= kmax:
            raise CoreError(self.tr("CLASSES_MIN ({kmin}) must be at most CLASSES_MAX ({kmax}).")
                            .format(kmin=kmin, kmax=kmax))
        return method, k, kmin, kmax

    def html_destination(self, parameters, context):
        if not self.wants(parameters, self.OUTPUT_HTML):
            return None
        return self.parameterAsFileOutput(parameters, self.OUTPUT_HTML, context) or None

    def write_outputs(self, parameters, context, runs, html_path, tx, notes, title):
        """Write the four tables and the optional HTML report; returns the results dict."""
        from ..core.geodetector import tables
        from ..core.reporting import geodetector as report

        factor_rows, inter_rows, risk_rows, eco_rows = tables.table_rows(runs)
        per_year = any(year is not None for year, _ in runs)
        if html_path:
            report.write_report(tx.file(html_path), runs, title, notes)
        results = {
            self.OUTPUT: self.write_table(parameters, self.OUTPUT, context,
                                          tables.columns(tables.FACTOR_COLUMNS, per_year), factor_rows),
            self.OUTPUT_INTERACTION: self.write_table(parameters, self.OUTPUT_INTERACTION, context,
                                                      tables.columns(tables.INTERACTION_COLUMNS, per_year),
                                                      inter_rows),
            self.OUTPUT_RISK: self.write_table(parameters, self.OUTPUT_RISK, context,
                                               tables.columns(tables.RISK_COLUMNS, per_year), risk_rows),
            self.OUTPUT_ECOLOGICAL: self.write_table(parameters, self.OUTPUT_ECOLOGICAL, context,
                                                     tables.columns(tables.ECOLOGICAL_COLUMNS, per_year), eco_rows),
        }
        if html_path:
            results[self.OUTPUT_HTML] = html_path
        return results


def log_results(monitor, runs):
    for year, res in runs:
        head = f"{year}: " if year is not None else ""
        for fac, fr in res.factors:
            monitor.info(f"{head}{fac.name}: q = {fr.q:.4f}, p = {fr.p_value:.4g}, {fr.strata} strata ({fac.method})")
            if fr.singletons:
                monitor.warn(RseiAlgorithm.tr("{head}{name}: {singletons} stratum/strata with a single sample "
                                              "(within variance 0; counted in q and its p-value; not tested in "
                                              "the risk detector).")
                             .format(head=head, name=fac.name, singletons=fr.singletons))
            if fr.strata > fr.n / 2:
                monitor.warn(RseiAlgorithm.tr("{head}{name}: {strata} strata for {n} samples (more than half): "
                                              "q is inflated by so many small strata; use fewer classes.")
                             .format(head=head, name=fac.name, strata=fr.strata, n=fr.n))
