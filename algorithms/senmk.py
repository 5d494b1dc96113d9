"""rsei:senmk — per-pixel Theil–Sen slope and Mann–Kendall test (Han et al. 2025, section 3.3, eq. 15–19)."""
import os

from qgis.core import (QgsProcessingParameterEnum, QgsProcessingParameterFeatureSink,
                       QgsProcessingParameterMultipleLayers, QgsProcessingParameterNumber,
                       QgsProcessingParameterRasterDestination)

from ..core.errors import render
from . import _params
from .base import RseiAlgorithm
from .compat import NUMBER_DOUBLE, NUMBER_INTEGER, TYPE_RASTER, TYPE_VECTOR_ANY

ALPHAS = (0.10, 0.05, 0.01)
METHOD_KEYS = ("original", "hamed_rao", "prewhiten", "tfpw")
METHOD_LABELS = ("Original Mann–Kendall (paper, eq. 16–19)",
                 "Hamed–Rao (1998) variance correction for autocorrelation",
                 "Pre-whitening, PW (Yue & Wang 2002)",
                 "Trend-free pre-whitening, TFPW (Yue et al. 2002)")
SIGNIFICANCE_KEYS = ("pixel", "fdr")
SIGNIFICANCE_LABELS = ("Per pixel: p < α at each pixel (the paper)",
                       "False discovery rate over the map (Benjamini–Hochberg at α)")


def trend_words():
    """The names of the trend classes 1–5 (``core.trend.TREND_CLASSES``) translated, by English name."""
    tr = RseiAlgorithm.tr
    return {"significant improvement": tr("significant improvement"), "slight improvement": tr("slight improvement"),
            "stable": tr("stable"), "slight degradation": tr("slight degradation"),
            "significant degradation": tr("significant degradation")}


class SenMkAlgorithm(RseiAlgorithm):
    ALG_ID = "senmk"
    DISPLAY_NAME = "Sen slope + Mann–Kendall trend per pixel"
    GROUP_ID = "trend"

    INPUT = "INPUT"
    YEARS = "YEARS"
    MIN_YEARS = "MIN_YEARS"
    STABLE_SLOPE = "STABLE_SLOPE"
    ALPHA = "ALPHA"
    METHOD = "METHOD"
    SIGNIFICANCE = "SIGNIFICANCE"
    OUTPUT_SLOPE = "OUTPUT_SLOPE"
    OUTPUT_SLOPE_LOW = "OUTPUT_SLOPE_LOW"
    OUTPUT_SLOPE_HIGH = "OUTPUT_SLOPE_HIGH"
    OUTPUT_Q = "OUTPUT_Q"
    OUTPUT_Z = "OUTPUT_Z"
    OUTPUT_P = "OUTPUT_P"
    OUTPUT_TREND = "OUTPUT_TREND"
    OUTPUT_S = "OUTPUT_S"
    OUTPUT_TAU = "OUTPUT_TAU"
    OUTPUT_N = "OUTPUT_N"
    OUTPUT_TABLE = "OUTPUT_TABLE"

    USAGE = (
        "<p>Trend of a yearly raster series at every pixel: the Theil–Sen slope, the Mann–Kendall test and a "
        "five-class trend map (significant or slight improvement, stable, slight or significant "
        "degradation).</p>"
        "<p><b>How to use.</b> Add the yearly rasters (e.g. RSEI 2000–2024, one grid) in time order, with the "
        "year in each file name or in YEARS. Typical: MIN_YEARS 4, significance level 0.05, the original "
        "Mann–Kendall test. You get the slope, Z, p and trend-class rasters (each optional) and the area of "
        "each trend class.</p>")
    HELP = (
        "<p>Trend of a yearly raster series (e.g. RSEI 2000–2024) at every pixel: the Theil–Sen median slope "
        "(eq. 15) and the Mann–Kendall test (eq. 16–19), as in section 3.3 and Figure 10 of Han et al. (2025), "
        "with a five-class trend map and the area of each class.</p>"
        "<h3>Conventions at each pixel</h3><ul>"
        "<li>Missing values (NoData) are dropped; the remaining n values keep their real years.</li>"
        "<li><b>Sen slope</b> = median of (x<sub>j</sub> − x<sub>i</sub>)/(t<sub>j</sub> − t<sub>i</sub>) over "
        "all pairs i &lt; j of valid values, with t the year: a missing year is a gap, not a shift. The slope "
        "is per year (per unit of YEARS).</li>"
        "<li><b>S</b> = Σ sign(x<sub>j</sub> − x<sub>i</sub>) over the valid pairs (eq. 16–17); "
        "<b>Var(S)</b> = [n(n−1)(2n+5) − Σ t<sub>p</sub>(t<sub>p</sub>−1)(2t<sub>p</sub>+5)]/18 with "
        "t<sub>p</sub> the size of each group of exactly equal values (eq. 18); "
        "<b>Z</b> = (S−1)/√Var(S) for S &gt; 0, 0 for S = 0, (S+1)/√Var(S) for S &lt; 0 (eq. 19); "
        "two-sided <b>p</b> = 2·(1 − Φ(|Z|)) from the standard normal distribution; "
        "<b>Tau</b> = S/(n(n−1)/2).</li>"
        "<li>A constant series gives slope 0, S 0, Z 0 and p 1.</li>"
        "<li>Fewer than MIN_YEARS valid values gives NoData in every output except OUTPUT_N.</li></ul>"
        "<h3>Trend classes (OUTPUT_TREND)</h3><p>With the slope β, the threshold STABLE_SLOPE (T) and the "
        "significance level ALPHA (α):</p><ol>"
        "<li>significant improvement: β &gt; T and p &lt; α</li>"
        "<li>slight improvement: β &gt; T and p ≥ α</li>"
        "<li>stable: |β| ≤ T</li>"
        "<li>slight degradation: β &lt; −T and p ≥ α</li>"
        "<li>significant degradation: β &lt; −T and p &lt; α</li></ol>"
        "<p>The direction comes from the Sen slope, the significance from the test. p &lt; α is the same as "
        "|Z| &gt; z<sub>1−α/2</sub> (1.645, 1.960, 2.576 for α = 0.10, 0.05, 0.01; the paper uses 0.05). "
        "OUTPUT_TABLE gives pixels, area (km², exact per row in a geographic CRS) and percent of each class.</p>"
        "<h3>Significance over the whole map (SIGNIFICANCE, beyond the paper)</h3>"
        "<p>A map tests one trend per pixel. With the paper's per-pixel test at α = 0.05, about 5 % of the pixels "
        "of a map with no trend at all are 'significant' by chance, so classes 1 and 5 overstate what the data "
        "show. <b>False discovery rate</b> (option 1) applies the Benjamini–Hochberg procedure (1995) to the p "
        "values of all pixels that have one (m pixels): with p sorted, p<sub>(1)</sub> ≤ … ≤ p<sub>(m)</sub>, "
        "the pixels p<sub>(1)</sub> … p<sub>(k)</sub> are significant, k the largest j with "
        "p<sub>(j)</sub> ≤ α·j/m. On average at most a fraction α of the pixels called significant are false "
        "discoveries (for independent or positively dependent tests), instead of a fraction α of all trend-free "
        "pixels. Only classes 1 and 5 change (to 2 and 4); the direction of every pixel stays that of its Sen "
        "slope. The decision is exact, on rasters of any size (several passes over the p values). Wilks (2016) "
        "recommends α<sub>FDR</sub> = 2α for fields of spatially correlated tests, i.e. ALPHA = 0.10 for a "
        "5 % per-test level; the choice of ALPHA is yours. The log, the JSON sidecars and OUTPUT_TABLE give "
        "the number of significant pixels per pixel and under the FDR.</p>"
        "<p><b>OUTPUT_Q</b> is the BH-adjusted p (q) of each pixel, q<sub>(i)</sub> = min(1, min<sub>j≥i</sub> "
        "p<sub>(j)</sub>·m/j) (ties share the q of their highest rank), as statsmodels' "
        "multipletests(method='fdr_bh'): a pixel is significant under the FDR at level α exactly when q ≤ α, "
        "so one q map serves every α. Float32, to within 2<sup>−20</sup> relative (about 8 float32 units in "
        "the last place; the bound reached is in the sidecar). It can be written with either SIGNIFICANCE.</p>"
        "<h3>Confidence interval of the Sen slope (OUTPUT_SLOPE_LOW / OUTPUT_SLOPE_HIGH)</h3>"
        "<p>The distribution-free interval of Sen (1968), Gilbert (1987, section 16.5), at confidence 1 − α: "
        "with the N′ pair slopes of the pixel sorted, C<sub>α</sub> = z<sub>1−α/2</sub>·√Var(S) (Var(S) of the "
        "original series with the tie correction, whatever the METHOD), M<sub>1</sub> = (N′ − C<sub>α</sub>)/2 "
        "and M<sub>2</sub> = (N′ + C<sub>α</sub>)/2; the limits are the M<sub>1</sub>-th and "
        "(M<sub>2</sub>+1)-th smallest pair slopes, M rounded to the nearest integer (halves to even) as "
        "scipy.stats.theilslopes does. Two areas whose intervals do not overlap recover (or degrade) at "
        "different rates; an interval that contains 0 is the counterpart of a non-significant test.</p>"
        "<h3>Autocorrelated series (METHOD, beyond the paper)</h3><ul>"
        "<li><b>Hamed–Rao</b>: Var(S) × n/n* with n/n* = 1 + 2/(n(n−1)(n−2)) Σ (n−i)(n−i−1)(n−i−2) ρ<sub>i</sub>, "
        "ρ<sub>i</sub> the lag-i autocorrelation of the ranks of x − β·t, over the lags whose |ρ<sub>i</sub>| "
        "exceeds z<sub>1−α/2</sub>/√n (all lags 1…n−1 are examined). If the corrected variance is not "
        "positive, Z and p are NoData.</li>"
        "<li><b>PW</b> (Yue &amp; Wang 2002 pre-whitening): S, Var(S), Z, p, Tau from the n−1 values "
        "x<sub>k+1</sub> − r<sub>1</sub>·x<sub>k</sub>, r<sub>1</sub> the lag-1 autocorrelation of x.</li>"
        "<li><b>TFPW</b> (trend-free pre-whitening, Yue et al. 2002): r<sub>1</sub> from x − β·t, whitened, "
        "then the trend β·t is added back before the test.</li></ul>"
        "<p>These follow pyMannKendall 1.4 (hamed_rao_modification_test, pre_whitening_modification_test, "
        "trend_free_pre_whitening_modification_test); lags count the valid values in time order. The Sen slope "
        "is always that of the original series.</p>"
        "<p><b>Years.</b> YEARS gives one number per input, in the order of the inputs. Empty: the four-digit "
        "year (1800–2199) in each file name when every name has exactly one, else 1, 2, … n. Inputs are used "
        "sorted by year.</p>")
    NODATA = ("Each pixel uses only its valid values (not NoData, not NaN). With fewer than MIN_YEARS of them "
              "the slope, Z, p, S, Tau and the trend class are NoData (class 0); OUTPUT_N counts the valid "
              "years and is NoData (0) only where no year is valid. NoData pixels are not counted in the area "
              "table.")
    REFERENCES = (
        "Han, C. et al. (2025). Assessment of Ecological Quality Dynamics and Driving Factors in the Ningdong "
        "Mining Area, China, Using the Coupled RSEI and EG Index. Sustainability 17, 9075, section 3.3.",
        "Sen, P.K. (1968). Estimates of the regression coefficient based on Kendall's tau. J. Am. Stat. Assoc. "
        "63, 1379–1389.",
        "Theil, H. (1950). A rank-invariant method of linear and polynomial regression analysis. Proc. Kon. Ned. "
        "Akad. Wetensch. 53, 386–392.",
        "Mann, H.B. (1945). Nonparametric tests against trend. Econometrica 13, 245–259.",
        "Kendall, M.G. (1975). Rank Correlation Methods, 4th ed. Charles Griffin, London.",
        "Hamed, K.H., Rao, A.R. (1998). A modified Mann-Kendall trend test for autocorrelated data. J. Hydrol. "
        "204, 182–196.",
        "Yue, S., Wang, C.Y. (2002). Applicability of prewhitening to eliminate the influence of serial "
        "correlation on the Mann-Kendall test. Water Resour. Res. 38(6), 1068.",
        "Yue, S., Pilon, P., Phinney, B., Cavadias, G. (2002). The influence of autocorrelation on the ability "
        "to detect trend in hydrological series. Hydrol. Process. 16, 1807–1829.",
        "Hussain, M.M., Mahmud, I. (2019). pyMannKendall: a python package for non parametric Mann Kendall "
        "family of trend tests. J. Open Source Softw. 4(39), 1556.",
        "Benjamini, Y., Hochberg, Y. (1995). Controlling the false discovery rate: a practical and powerful "
        "approach to multiple testing. J. R. Stat. Soc. B 57, 289–300.",
        "Wilks, D.S. (2016). \"The stippling shows statistically significant grid points\": how research results "
        "are routinely overstated and overinterpreted, and what to do about it. Bull. Am. Meteorol. Soc. 97, "
        "2263–2273.",
        "Gilbert, R.O. (1987). Statistical Methods for Environmental Pollution Monitoring. Van Nostrand "
        "Reinhold, New York, section 16.5 (confidence interval of the Sen slope).",
    )

    def initAlgorithm(self, config=None):  # noqa: N802 - QGIS API
        self.add(QgsProcessingParameterMultipleLayers(self.INPUT, "Yearly rasters (one grid, time order)",
                                                      TYPE_RASTER),
                 "Two or more single-band rasters (e.g. RSEI of each year) on the same grid (CRS, extent, pixel "
                 "size). Band 1 of each is used.")
        self.add(_params.years(self.YEARS),
                 "One number per input, in the order of the inputs, e.g. 2000, 2001, 2003. Empty: "
                 f"{_params.YEARS_FROM_NAMES}, else 1, 2, … n. Gaps between years are respected.")
        self.add(QgsProcessingParameterNumber(self.MIN_YEARS, "Minimum valid years per pixel",
                                              type=NUMBER_INTEGER, defaultValue=4, minValue=2),
                 "Pixels with fewer valid (not NoData) years than this are NoData in the outputs.")
        self.add(QgsProcessingParameterNumber(self.STABLE_SLOPE, "Stable-slope threshold (per year)",
                                              type=NUMBER_DOUBLE, defaultValue=0.0005, minValue=0.0),
                 "|Sen slope| ≤ this value is classed 'stable' (class 3). 0.0005 per year is a common choice for "
                 "RSEI and NDVI (the paper does not state one); 0 keeps only exactly flat pixels stable.")
        self.add(QgsProcessingParameterEnum(self.ALPHA, "Significance level α", options=[f"{a:.2f}" for a in ALPHAS],
                                            defaultValue=ALPHAS.index(0.05)),
                 "A trend is significant when the two-sided p < α (the paper uses 0.05, i.e. |Z| > 1.96).")
        self.add(QgsProcessingParameterEnum(self.METHOD, "Test variant", options=list(METHOD_LABELS),
                                            defaultValue=METHOD_KEYS.index("original")),
                 "Original Mann–Kendall (the paper), or a variant for serially correlated series: the Hamed–Rao "
                 "variance correction, pre-whitening (PW) or trend-free pre-whitening (TFPW). See the help.",
                 advanced=True)
        self.add(QgsProcessingParameterEnum(self.SIGNIFICANCE, "Significance of the trend classes",
                                            options=list(SIGNIFICANCE_LABELS), defaultValue=0),
                 "Per pixel (the paper): significant where p < α; about α of a trend-free map is then "
                 "significant by chance. False discovery rate: Benjamini–Hochberg over all pixels, so that on "
                 "average at most a fraction α of the significant pixels are false (Wilks 2016 recommends "
                 "α = 2 × the per-test level, e.g. 0.10). Only classes 1 and 5 can change (to 2 and 4).")
        self.add(QgsProcessingParameterRasterDestination(self.OUTPUT_SLOPE, "Sen slope (per year)", optional=True),
                 "Theil–Sen median slope per year (eq. 15 with the real years), float32.")
        self.add(QgsProcessingParameterRasterDestination(self.OUTPUT_SLOPE_LOW, "Sen slope, lower confidence limit",
                                                         optional=True, createByDefault=False),
                 "Lower limit of the 1 − α confidence interval of the Sen slope (Sen 1968; Gilbert 1987, 16.5), "
                 "per year, float32.")
        self.add(QgsProcessingParameterRasterDestination(self.OUTPUT_SLOPE_HIGH, "Sen slope, upper confidence "
                                                         "limit", optional=True, createByDefault=False),
                 "Upper limit of the 1 − α confidence interval of the Sen slope, per year, float32.")
        self.add(QgsProcessingParameterRasterDestination(self.OUTPUT_Z, "Mann–Kendall Z", optional=True),
                 "Standardised test statistic Z with the continuity correction (eq. 19), float32.")
        self.add(QgsProcessingParameterRasterDestination(self.OUTPUT_P, "Mann–Kendall p (two-sided)", optional=True),
                 "Two-sided p-value from the normal distribution, float32.")
        self.add(QgsProcessingParameterRasterDestination(self.OUTPUT_Q, "Benjamini–Hochberg adjusted p (q)",
                                                         optional=True, createByDefault=False),
                 "BH-adjusted p of each pixel over all pixels with a p value: significant under the false "
                 "discovery rate at level α exactly where q ≤ α. Float32.")
        self.add(QgsProcessingParameterRasterDestination(self.OUTPUT_TREND, "Trend class", optional=True),
                 "1 significant improvement, 2 slight improvement, 3 stable, 4 slight degradation, 5 significant "
                 "degradation; 0 = NoData (uint8, styled).")
        self.add(QgsProcessingParameterRasterDestination(self.OUTPUT_S, "Mann–Kendall S", optional=True,
                                                         createByDefault=False),
                 "The Mann–Kendall statistic S (eq. 16), float32.")
        self.add(QgsProcessingParameterRasterDestination(self.OUTPUT_TAU, "Kendall tau", optional=True,
                                                         createByDefault=False),
                 "Tau = S / (n(n−1)/2), float32.")
        self.add(QgsProcessingParameterRasterDestination(self.OUTPUT_N, "Valid years", optional=True,
                                                         createByDefault=False),
                 "Number of valid years n at each pixel (uint16; 0 = no valid year = NoData).")
        self.add(QgsProcessingParameterFeatureSink(self.OUTPUT_TABLE, "Area per trend class", TYPE_VECTOR_ANY,
                                                   optional=True),
                 "Table: class code, class name, pixels, area (km²) and percent of the classified area, and the "
                 "pixels and area of each class under the per-pixel test (the same unless SIGNIFICANCE is the "
                 "false discovery rate).")
        self.add_engine_parameter()

    def process(self, parameters, context, feedback, monitor, tx):
        from ..core.trend import median_numba
        from ..core.trend import raster as trend_raster
        from ..core.errors import CoreError
        from ..core.years import parse_years

        median_numba.warm_up()   # numba's import and kernel load overlap the reading of the inputs
        paths = self.raster_paths(parameters, self.INPUT, context)
        if len(paths) < 2:
            raise CoreError(self.tr("INPUT: a trend needs at least two rasters; {n_paths} given.")
                            .format(n_paths=len(paths)))
        years, source = parse_years(self.parameterAsString(parameters, self.YEARS, context), paths)
        min_years = self.parameterAsInt(parameters, self.MIN_YEARS, context)
        stable = self.parameterAsDouble(parameters, self.STABLE_SLOPE, context)
        alpha = ALPHAS[self.parameterAsEnum(parameters, self.ALPHA, context)]
        method = METHOD_KEYS[self.parameterAsEnum(parameters, self.METHOD, context)]
        significance = SIGNIFICANCE_KEYS[self.parameterAsEnum(parameters, self.SIGNIFICANCE, context)]
        keys = {"slope": self.OUTPUT_SLOPE, "z": self.OUTPUT_Z, "p": self.OUTPUT_P, "trend": self.OUTPUT_TREND,
                "s": self.OUTPUT_S, "tau": self.OUTPUT_TAU, "n": self.OUTPUT_N, "q": self.OUTPUT_Q,
                "slope_low": self.OUTPUT_SLOPE_LOW, "slope_high": self.OUTPUT_SLOPE_HIGH}
        outputs = {k: self.output_path(parameters, name, context) for k, name in keys.items()}
        want_table = self.wants(parameters, self.OUTPUT_TABLE)
        if not any(outputs.values()) and not want_table:
            raise CoreError(self.tr("No output was requested; set at least one of the outputs."))
        monitor.info(self.tr("Years ({source}): {years}")
                     .format(source=render(source, self.tr), years=", ".join(f"{y:g}" for y in years)))
        summary = trend_raster.senmk_rasters(paths, years, outputs, tx, monitor, min_years=min_years, method=method,
                                             alpha=alpha, stable_slope=stable, significance=significance)
        words = trend_words()
        for c in summary["classes"]:
            before = (self.tr("; per-pixel test: {pixels} pixels").format(pixels=c["pixels_per_pixel_test"])
                      if significance == "fdr" and c["code"] in (1, 2, 4, 5) else "")
            monitor.info(self.tr("{code} {name}: {pixels} pixels, {area:.4f} km² ({percent:.2f} %){before}")
                         .format(code=c["code"], name=words.get(c["name"], c["name"]), pixels=c["pixels"],
                                 area=c["area_km2"], percent=c["percent"], before=before))
        notes = dict(years=summary["years"], inputs=[os.path.basename(p) for p in summary["paths"]],
                     years_from=source, min_years=min_years, method=method, alpha=alpha, stable_slope=stable,
                     classes=summary["classes"], nodata_pixels=summary["nodata_pixels"],
                     undefined_p_pixels=summary["undefined_p_pixels"], significance=significance)
        if summary["fdr"] is not None:
            notes["fdr"] = summary["fdr"]
        results = {}
        styles = {"slope": "sen_slope", "trend": "trend_classes"}
        for key, name in keys.items():
            path = outputs[key]
            if path:
                tx.annotate(path, **notes)
                if key in styles:
                    self.style_output(tx, path, styles[key])
                results[name] = path
        if want_table:
            rows = [(c["code"], c["name"], c["pixels"], c["area_km2"], c["percent"], c["pixels_per_pixel_test"],
                     c["area_km2_per_pixel_test"]) for c in summary["classes"]]
            results[self.OUTPUT_TABLE] = self.write_table(
                parameters, self.OUTPUT_TABLE, context,
                [("class", "int"), ("name", "string"), ("pixels", "int"), ("area_km2", "double"),
                 ("percent", "double"), ("pixels_per_pixel_test", "int"), ("area_km2_per_pixel_test", "double")],
                rows)
        return results
