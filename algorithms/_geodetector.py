"""Shared by rsei:geodetector and rsei:geodetectorraster: help text, common parameters, outputs, log.

A private module (the algorithm discovery skips ``_``-prefixed modules); :class:`GeodetectorBase`
holds the parameters both algorithms define, with the same ids, enum order and help.
"""
from qgis.core import (QgsProcessingOutputNumber, QgsProcessingParameterEnum, QgsProcessingParameterFeatureSink,
                       QgsProcessingParameterFileDestination, QgsProcessingParameterNumber)

from ..core.errors import CoreError, render
from ..core.geodetector import confidence as gc
from ..core.geodetector import models as gm
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
    "Luo, P., Song, Y., Huang, X., Ma, H., Liu, J., Yao, Y., Meng, L. (2022). Identifying determinants of spatio-"
    "temporal disparities in soil moisture of the Northern Hemisphere using a geographically optimal zones-based "
    "heterogeneity model. ISPRS Journal of Photogrammetry and Remote Sensing 185, 111–128 (GOZH).",
    "Zhang, Z., Song, Y., Wu, P. (2022). Robust geographical detector. International Journal of Applied Earth "
    "Observation and Geoinformation 109, 102782 (RGD).",
    "Li, Y., Luo, P., Song, Y., Zhang, L., Qu, Y., Hou, Z. (2023). A locally explained heterogeneity model for "
    "examining wetland disparity. International Journal of Digital Earth 16(2), 4533–4552 (LESH).",
    "Shapley, L.S. (1953). A value for n-person games. Contributions to the Theory of Games II, 307–317.",
    "Breiman, L., Friedman, J., Olshen, R., Stone, C. (1984). Classification and Regression Trees. Wadsworth "
    "(CART; R package rpart).",
    "Efron, B., Tibshirani, R.J. (1993). An Introduction to the Bootstrap. Chapman & Hall (percentile interval).",
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
<p><b>GOZH</b> (METHOD 7; geographically optimal zones-based heterogeneity, Luo et al. 2022): the strata of a
continuous factor are the leaves of a regression tree (CART) of Y on the factor, grown with the rules of R
<i>rpart</i> at its defaults as R <i>gdverse</i> does (cp = 0.01, minsplit = 20, minbucket = 7, maxdepth = 30): the
zones are chosen to explain Y, and their number follows from the data. Prefer it when you do not want to choose a
discretisation and number of classes, or when a factor acts through thresholds. PyPI <i>geodetector</i> 0.2 grows
a scikit-learn tree of depth ≤ 5 with leaves of ≥ 5 samples and no cp, so its zones (and q) differ.
<b>RGD</b> (METHOD 8; robust geographical detector, Zhang, Song &amp; Wu 2022): Y ordered by the factor is cut
into k contiguous strata with the least within-strata sum of squares (exact change points by dynamic programming;
equal factor values stay together; above 1000 distinct values the cuts are searched among 1000 groups of about
equal count); k in CLASSES_MIN…CLASSES_MAX is the first where q stops increasing by more than 5 % (the increase-rate
rule of gdverse, applied to q itself rather than a LOESS smooth; gdverse tries 3…8). Prefer it when q should not
depend on an arbitrary discretisation and the factor acts monotonically or in steps. q of the Y-fitted methods
(6–8) is optimistic for small samples, since the strata are chosen to maximise it on the same data. Each factor's
class edges are in the factor table's <i>breaks</i>; text and categorical factors stay categorical.</p>
<p><b>LESH</b> (OUTPUT_LESH; locally explained stratified heterogeneity, Li et al. 2023): how much each factor
contributes to the q of all factors together. v(S) is the q of the strata formed by intersecting the strata of
the factors in S, v(∅) = 0, and each factor gets its Shapley value θ<sub>j</sub> = Σ<sub>S ⊆ M∖{j}</sub> |S|!
(m − |S| − 1)! / m! · [v(S ∪ {j}) − v(S)] (<i>shapley_q</i>); the θ add up to LESH_TOTAL_Q = v(M) and are ≥ 0
(intersecting strata never lowers q); <i>share</i> = θ / v(M). Prefer it to ranking single-factor q when factors
overlap (shared explanation is split fairly) or interact. Exact over all 2<sup>m</sup> − 1 subsets: at most
{LESH_MAX} factors (2<sup>{LESH_MAX}</sup> − 1 = {LESH_EVALS} q evaluations, each one pass over the samples; 8 factors of 10⁵
samples take about a second). Where the references differ: R <i>gdverse</i>'s <i>spd_lesh</i> forms v(S) from a joint
tree on the factors of S and sums only over non-empty S (no v({{j}}) − v(∅) term), so its values do not add up to
q; PyPI <i>geodetector</i> 0.2 includes S = ∅ as here but clips negative values at 0 and by default forms v(S) by
a joint tree; it also drops single-sample strata from q (here, as in R <i>geodetector</i>, every stratum counts).
With many strata per factor the combined strata become small and v(M) approaches 1; use few classes.</p>
<p><b>Confidence</b> (CONFIDENCE 1): a nonparametric bootstrap (Efron &amp; Tibshirani 1993) of the samples,
BOOTSTRAP resamples seeded by SEED, with the strata fixed as computed on the full data (class edges, and for
methods 6–8 the chosen method, classes, tree or change points, are not refitted per resample: B times cheaper;
the interval then shows how q varies with the sample for these strata, not the uncertainty of choosing the strata,
and it does not remove the optimism of a Y-fitted stratification). q_low and q_high are the 2.5 % and 97.5 %
percentiles of the resampled q (a 95 % percentile interval). Per year each year is resampled on its own, and the
'mean' rows get the interval of the mean q over the years. The p-value is unchanged (the non-central F test).</p>
<p><b>Per year</b> (YEAR_FIELD): every detector and the discretisation run on each year's rows separately;
the factor table adds rows with year 'mean' holding the mean q over the years (as the paper's Tables 14–15), and
the LESH table rows with year 'mean' holding the mean Shapley values and their share of the mean total q.</p>
""".replace("{LESH_MAX}", str(gm.LESH_MAX_FACTORS)).replace("{LESH_EVALS}", str(2 ** gm.LESH_MAX_FACTORS - 1)) \
    .replace("{{j}}", "{j}")


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
    OUTPUT_LESH = "OUTPUT_LESH"
    OUTPUT_HTML = "OUTPUT_HTML"
    LESH_TOTAL_Q = "LESH_TOTAL_Q"
    CONFIDENCE = "CONFIDENCE"
    BOOTSTRAP = "BOOTSTRAP"
    SEED = "SEED"
    CONFIDENCE_LABELS = ("None", "Bootstrap (percentile interval, 95 %)")

    def add_common_parameters(self):
        """METHOD, CLASSES, CLASSES_MIN/MAX and the five outputs."""
        self.add(QgsProcessingParameterEnum(self.METHOD, "Stratification of the factors", list(gs.METHOD_LABELS),
                                            False, gs.CATEGORICAL),
                 "0: each distinct value is a stratum (categorical factors). 1–5: discretise continuous factors "
                 "into CLASSES classes by equal interval, quantile, natural breaks (exact Fisher–Jenks), geometric "
                 "interval or standard deviation. 6: optimal parameters (Song et al. 2020) — for each factor try "
                 "methods 1–5 with CLASSES_MIN…CLASSES_MAX classes and keep the one with the largest q. "
                 "7: GOZH (Luo et al. 2022) — zones are the leaves of a regression tree of Y on the factor "
                 "(rpart's defaults, as gdverse). 8: RGD (Zhang, Song & Wu 2022) — least-squares change points "
                 "of Y along the factor, CLASSES_MIN…CLASSES_MAX strata, the number by gdverse's increase-rate "
                 "rule. A constant factor is refused by name.")
        self.add(QgsProcessingParameterNumber(self.CLASSES, "Number of classes", NUMBER_INTEGER, 5, False, 2, 100),
                 "Classes for methods 1–5 (tied values can merge classes).")
        self.add(QgsProcessingParameterNumber(self.CLASSES_MIN, "Optimal method: fewest classes", NUMBER_INTEGER, 3,
                                              False, 2, 100),
                 "Smallest number of classes tried by the optimal method (6) and RGD (8).", advanced=True)
        self.add(QgsProcessingParameterNumber(self.CLASSES_MAX, "Optimal method: most classes", NUMBER_INTEGER, 7,
                                              False, 2, 100),
                 "Largest number of classes tried by the optimal method (6) and RGD (8; gdverse tries up to 8).",
                 advanced=True)
        self.add(QgsProcessingParameterEnum(self.CONFIDENCE, "Confidence interval of q", list(self.CONFIDENCE_LABELS),
                                            False, 0),
                 "0: none. 1: bootstrap — BOOTSTRAP resamples of the samples (seeded by SEED), strata fixed as "
                 "computed on all data; adds q_low and q_high (95 % percentile interval) to the factor table and "
                 "error bars to the report.", advanced=True)
        self.add(QgsProcessingParameterNumber(self.BOOTSTRAP, "Bootstrap resamples", NUMBER_INTEGER,
                                              gc.DEFAULT_RESAMPLES, False, 1, gc.MAX_RESAMPLES),
                 "Number of bootstrap resamples for CONFIDENCE 1 (999 gives stable 2.5 % and 97.5 % percentiles; "
                 "cost grows linearly: 999 resamples of 10⁵ samples take a few seconds).", advanced=True)
        self.add(QgsProcessingParameterFeatureSink(self.OUTPUT, "Factor detector", TYPE_VECTOR_ANY),
                 "Table: factor, q, p_value, strata (number), method (as used), breaks (class edges; empty for "
                 "categorical factors); with a year field, rows per year and rows with year 'mean'.")
        self.add(QgsProcessingParameterFeatureSink(self.OUTPUT_INTERACTION, "Interaction detector", TYPE_VECTOR_ANY,
                                                   optional=True, createByDefault=True),
                 "Optional table: factor_a, factor_b, q (of the intersection), q_a, q_b, interaction (type). "
                 "Created by default in the dialog; skipped when not given on the command line.")
        self.add(QgsProcessingParameterFeatureSink(self.OUTPUT_RISK, "Risk detector", TYPE_VECTOR_ANY,
                                                   optional=True, createByDefault=True),
                 "Optional table per pair of strata of each factor: means, counts, Welch t, df, p_value, significant "
                 "(0.05), note (why a pair was not tested). Created by default in the dialog; skipped when not "
                 "given on the command line.")
        self.add(QgsProcessingParameterFeatureSink(self.OUTPUT_ECOLOGICAL, "Ecological detector", TYPE_VECTOR_ANY,
                                                   optional=True, createByDefault=True),
                 "Optional table per pair of factors: F, df_a, df_b, p_value (two-sided), significant (0.05). "
                 "Created by default in the dialog; skipped when not given on the command line.")
        self.add(QgsProcessingParameterFeatureSink(self.OUTPUT_LESH, "LESH (Shapley decomposition of q)",
                                                   TYPE_VECTOR_ANY, optional=True, createByDefault=False),
                 f"Optional table: factor, shapley_q (its Shapley value of the q of all factors' combined strata; "
                 f"they add up to LESH_TOTAL_Q), share (of that q) (+ year; rows with year 'mean'). Exact over "
                 f"all subsets of factors: at most {gm.LESH_MAX_FACTORS} factors (2^m − 1 q evaluations).")
        self.addOutput(QgsProcessingOutputNumber(self.LESH_TOTAL_Q, "LESH: q of all factors' combined strata "
                                                                    "(mean over the years with a year field)"))
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
        if method == gs.RGD and not 2 <= kmin <= kmax:
            raise CoreError(self.tr("RGD: CLASSES_MIN ({kmin}) must be at most CLASSES_MAX ({kmax}).")
                            .format(kmin=kmin, kmax=kmax))
        return method, k, kmin, kmax

    def lesh_wanted(self, parameters, n_factors):
        """True when OUTPUT_LESH is given; checks the factor limit before any work."""
        if not self.wants(parameters, self.OUTPUT_LESH):
            return False
        try:
            gm.check_lesh_count(n_factors)
        except CoreError as exc:
            raise CoreError(self.tr("OUTPUT_LESH: {exc}").format(exc=render(exc, self.tr))) from None
        return True

    def bootstrap_count(self, parameters, context):
        """BOOTSTRAP resamples when CONFIDENCE is 1, else 0."""
        if self.parameterAsEnum(parameters, self.CONFIDENCE, context) != 1:
            return 0
        return self.parameterAsInt(parameters, self.BOOTSTRAP, context)

    def html_destination(self, parameters, context):
        if not self.wants(parameters, self.OUTPUT_HTML):
            return None
        return self.parameterAsFileOutput(parameters, self.OUTPUT_HTML, context) or None

    def write_outputs(self, parameters, context, runs, html_path, tx, notes, title):
        """Write the factor table, the optional tables and HTML report; returns the results dict."""
        from ..core.geodetector import tables
        from ..core.reporting import geodetector as report

        factor_rows, inter_rows, risk_rows, eco_rows = tables.table_rows(runs)
        per_year = any(year is not None for year, _ in runs)
        factor_columns = tables.FACTOR_COLUMNS + (tables.CONFIDENCE_COLUMNS if tables.has_confidence(runs) else [])
        if html_path:
            report.write_report(tx.file(html_path), runs, title, notes)
        results = {self.OUTPUT: self.write_table(parameters, self.OUTPUT, context,
                                                 tables.columns(factor_columns, per_year), factor_rows)}
        optional = [(self.OUTPUT_INTERACTION, tables.INTERACTION_COLUMNS, inter_rows),
                    (self.OUTPUT_RISK, tables.RISK_COLUMNS, risk_rows),
                    (self.OUTPUT_ECOLOGICAL, tables.ECOLOGICAL_COLUMNS, eco_rows)]
        total = tables.lesh_total(runs)
        if total is not None:
            optional.append((self.OUTPUT_LESH, tables.LESH_COLUMNS, tables.lesh_rows(runs)))
            results[self.LESH_TOTAL_Q] = total
        for name, cols, rows in optional:
            if self.wants(parameters, name):
                results[name] = self.write_table(parameters, name, context, tables.columns(cols, per_year), rows)
        if html_path:
            results[self.OUTPUT_HTML] = html_path
        return results


def log_results(monitor, runs):
    from ..core.geodetector.tables import q_interval

    tr = RseiAlgorithm.tr
    for year, res in runs:
        head = f"{year}: " if year is not None else ""
        for fac, fr in res.factors:
            ci = ""
            if res.bootstrap:
                lo, hi = q_interval(res, fac.name)
                ci = " " + tr("(95 % bootstrap interval {lo:.4f}–{hi:.4f})").format(lo=lo, hi=hi)
            monitor.info(tr("{head}{name}: q = {q:.4f}{ci}, p = {p:.4g}, {strata} strata ({method})")
                         .format(head=head, name=fac.name, q=fr.q, ci=ci, p=fr.p_value, strata=fr.strata,
                                 method=render(fac.method, tr)))
            if fr.singletons:
                monitor.warn(tr("{head}{name}: {singletons} stratum/strata with a single sample "
                                "(within variance 0; counted in q and its p-value; not tested in the risk "
                                "detector).")
                             .format(head=head, name=fac.name, singletons=fr.singletons))
            if fr.strata > fr.n / 2:
                monitor.warn(tr("{head}{name}: {strata} strata for {n} samples (more than half): "
                                "q is inflated by so many small strata; use fewer classes.")
                             .format(head=head, name=fac.name, strata=fr.strata, n=fr.n))
        if res.lesh is not None:
            parts = ", ".join(f"{n} {t:.4f} ({s:.0%})" for n, t, s in zip(res.lesh.names, res.lesh.shapley_q,
                                                                       res.lesh.share))
            monitor.info(tr("{head}LESH: q of all factors combined = {q:.4f} = {parts}")
                         .format(head=head, q=res.lesh.total_q, parts=parts))
