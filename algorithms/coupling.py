"""rsei:coupling — RSEI × EG coupling matrix, 10 × EG class + RSEI class (Han et al. 2025, section 5.1)."""
from qgis.core import (QgsProcessingOutputNumber, QgsProcessingParameterEnum, QgsProcessingParameterFeatureSink,
                       QgsProcessingParameterRange, QgsProcessingParameterRasterDestination,
                       QgsProcessingParameterRasterLayer)

from ..core import coupling as cp
from ..core.errors import render
from .base import RseiAlgorithm
from .compat import NUMBER_DOUBLE, TYPE_VECTOR_ANY

_LEGEND = "".join(f"<li>{cp.code_label(c)}</li>" for c in cp.CODES)


class CouplingAlgorithm(RseiAlgorithm):
    ALG_ID = "coupling"
    DISPLAY_NAME = "Couple RSEI and EG index (coupling matrix)"
    GROUP_ID = "landcover"

    RSEI = "RSEI"
    EG = "EG"
    RESAMPLE_EG = "RESAMPLE_EG"
    CLASSIFY = "CLASSIFY"
    RSEI_BREAKS = "RSEI_BREAKS"
    EG_BREAKS = "EG_BREAKS"
    OUTPUT = "OUTPUT"
    OUTPUT_TABLE = "OUTPUT_TABLE"
    HH_PERCENT = "HH_PERCENT"
    LL_PERCENT = "LL_PERCENT"

    RESAMPLE_OPTIONS = ("No: the grids must match", "Average (area-weighted)", "Bilinear", "Nearest neighbour")
    RESAMPLE_KEYS = (None, "average", "bilinear", "nearest")
    CLASSIFY_OPTIONS = ("Equal thirds (< 1/3, < 2/3, else)", "Terciles of the data (exact)", "Manual breaks")

    USAGE = (
        "<p>Combines the RSEI and the EG index of the same area into nine coupling codes (11 … 33: 10 × EG "
        "class + RSEI class) that show where land structure and ecological condition agree or differ.</p>"
        "<p><b>How to use.</b> Give RSEI (OUTPUT of rsei:rsei) and EG (OUTPUT_EG of rsei:egindex, made with "
        "REFERENCE = the RSEI so the grids match); keep Classes = equal thirds unless you have your own "
        "breaks. You get the code raster, styled with a legend, and optionally the area and percent of each "
        "code; HH_PERCENT and LL_PERCENT summarise it.</p>")
    HELP = (
        "<p>Overlays the RSEI (rsei:rsei) and the EG index (rsei:egindex), both 0–1 with higher = better, as in "
        "section 5.1 and Figure 15 of Han et al. (2025): each index is reclassified into 1, 2, 3 and the "
        "weighted sum 10 × EG class + 1 × RSEI class gives nine codes 11 … 33. 33 (HH) marks land whose "
        "structure (land cover) and condition (RSEI) are both good, 11 (LL) both poor; 31 (HL) marks good land "
        "cover in poor condition (degraded), 13 (LH) poor land cover that is green.</p>"
        "<p><b>Classes.</b> With breaks b1 &lt; b2: class 1 if v &lt; b1, 2 if b1 ≤ v &lt; b2, 3 if v ≥ b2 "
        "(a value equal to a break goes to the upper class). The paper says only that each index was "
        "\"categorized into three distinct groups\" (section 5.1) without giving the breaks; equal thirds "
        "(default), b1 = 1/3, b2 = 2/3, are our reading of it. A value within 1e-6 of a break counts as on the "
        "break (upper class): window means of uniform land (e.g. grade-3 land, EG′ = 4/6, with WINDOW 3) land "
        "within rounding error (~1e-16 in float64, ~6e-8 in float32 storage) of 2/3 and would otherwise fall "
        "on either side; 1e-6 is far below the spacing of distinct EG′ values (1/(6·n) for a window of n "
        "pixels, n ≤ 83 333). "
        "Terciles: the exact 1/3 and 2/3 quantiles (numpy's default linear definition) of each index over the "
        "pixels where both are valid, computed block by block in three streaming passes (min/max, a "
        "4096-bin histogram, then the exact values in the bins that hold the ranks). Manual: RSEI_BREAKS and "
        "EG_BREAKS.</p>"
        f"<p><b>Codes</b> (OUTPUT, styled):</p><ul>{_LEGEND}</ul>"
        "<p>OUTPUT_TABLE gives the area (km², exact per row in a geographic CRS) and percent of the coupled "
        "area of each code. The EG raster is read onto the RSEI grid when RESAMPLE_EG is set.</p>")
    NODATA = ("A pixel is NoData (0) in OUTPUT where RSEI or EG is NoData, and takes no area in the table. "
              "Values outside 0–1 are classed (below 0 → 1, above 1 → 3) and counted in a warning.")
    REFERENCES = (
        "Han, C., Li, P., Xie, H., Pi, Y., Zhang, Y., Han, X., Jin, J., Zhao, Y. (2025). Assessment of ecological "
        "quality dynamics and driving factors in the Ningdong mining area, China, using the coupled remote "
        "sensing ecological index and ecological grade index. Sustainability 17, 9075 (sections 4.3, 5.1, "
        "Figures 13 and 15).",
        "Hyndman, R.J., Fan, Y. (1996). Sample quantiles in statistical packages. The American Statistician 50, "
        "361–365 (definition 7, used for the terciles).",
    )

    def initAlgorithm(self, config=None):  # noqa: N802 - QGIS API
        self.add(QgsProcessingParameterRasterLayer(self.RSEI, "RSEI (0–1, higher = better)"),
                 "The RSEI raster (e.g. OUTPUT of rsei:rsei); its grid is the output grid.")
        self.add(QgsProcessingParameterRasterLayer(self.EG, "EG index (0–1, higher = better)"),
                 "The normalised, inverted EG index (OUTPUT_EG of rsei:egindex, ideally with REFERENCE = the RSEI).")
        self.add(QgsProcessingParameterEnum(self.RESAMPLE_EG, "Resample EG onto the RSEI grid",
                                            options=self.RESAMPLE_OPTIONS, defaultValue=0),
                 "How to read EG when its grid differs from the RSEI grid. 'No' stops with an error naming the "
                 "difference; 'Average' is right when the EG pixels are smaller than the RSEI pixels.")
        self.add(QgsProcessingParameterEnum(self.CLASSIFY, "Classes", options=self.CLASSIFY_OPTIONS,
                                            defaultValue=0),
                 "How each index is cut into three classes: equal thirds of 0–1 (default; the paper says only "
                 "\"three groups\", equal thirds are our reading), exact terciles of the data, or the manual "
                 "breaks below.")
        self.add(QgsProcessingParameterRange(self.RSEI_BREAKS, "RSEI breaks (manual)", type=NUMBER_DOUBLE,
                                             defaultValue=[1 / 3, 2 / 3], optional=True),
                 "Two breaks b1 < b2 for the RSEI classes when Classes = Manual breaks.", advanced=True)
        self.add(QgsProcessingParameterRange(self.EG_BREAKS, "EG breaks (manual)", type=NUMBER_DOUBLE,
                                             defaultValue=[1 / 3, 2 / 3], optional=True),
                 "Two breaks b1 < b2 for the EG classes when Classes = Manual breaks.", advanced=True)
        self.add(QgsProcessingParameterRasterDestination(self.OUTPUT, "Coupling code (10 × EG + RSEI)"),
                 "Codes 11 … 33 (uint8, 0 = NoData), styled with a legend that says what each code means.")
        self.add(QgsProcessingParameterFeatureSink(self.OUTPUT_TABLE, "Area per coupling code", TYPE_VECTOR_ANY,
                                                   optional=True),
                 "Table: code, label, EG class, RSEI class, pixels, area (km²), percent of the coupled area.")
        self.addOutput(QgsProcessingOutputNumber(self.HH_PERCENT, "Percent of the area in code 33 (HH)"))
        self.addOutput(QgsProcessingOutputNumber(self.LL_PERCENT, "Percent of the area in code 11 (LL)"))
        self.add_engine_parameter()

    def process(self, parameters, context, feedback, monitor, tx):
        rsei = self.raster_path(parameters, self.RSEI, context)
        eg = self.raster_path(parameters, self.EG, context)
        resample = self.RESAMPLE_KEYS[self.parameterAsEnum(parameters, self.RESAMPLE_EG, context)]
        method = cp.METHODS[self.parameterAsEnum(parameters, self.CLASSIFY, context)]
        rb = eb = None
        if method == "manual":
            rb = self.parameterAsRange(parameters, self.RSEI_BREAKS, context) or None
            eb = self.parameterAsRange(parameters, self.EG_BREAKS, context) or None
        out = self.output_path(parameters, self.OUTPUT, context)
        res = cp.run_coupling(rsei, eg, out, tx, method, rb, eb, resample, monitor)
        words = {"equal": self.tr("equal"), "terciles": self.tr("terciles"), "manual": self.tr("manual")}
        monitor.info(self.tr("Breaks ({method}): RSEI {r1:.6g}, {r2:.6g}; EG {e1:.6g}, {e2:.6g}.")
                     .format(method=words.get(method, method), r1=res.rsei_breaks[0], r2=res.rsei_breaks[1],
                             e1=res.eg_breaks[0], e2=res.eg_breaks[1]))
        for row in res.rows():
            monitor.info(self.tr("{label}: {area:.4f} km² ({percent:.2f} %)")
                         .format(label=render(row[1], self.tr), area=row[5], percent=row[6]))
        tx.annotate(out, method=method, rsei_breaks=list(res.rsei_breaks), eg_breaks=list(res.eg_breaks),
                    resample_eg=resample or "no", values_outside_0_1=res.outside,
                    codes=[dict(code=r[0], label=r[1], pixels=r[4], area_km2=r[5], percent=r[6])
                           for r in res.rows()])
        self.style_output(tx, out, "coupling")
        results = {self.OUTPUT: out, self.HH_PERCENT: res.percent(33), self.LL_PERCENT: res.percent(11)}
        if self.wants(parameters, self.OUTPUT_TABLE):
            results[self.OUTPUT_TABLE] = self.write_table(
                parameters, self.OUTPUT_TABLE, context,
                [("code", "int"), ("label", "string"), ("eg_class", "int"), ("rsei_class", "int"),
                 ("pixels", "int"), ("area_km2", "double"), ("percent", "double")], res.rows())
        return results
