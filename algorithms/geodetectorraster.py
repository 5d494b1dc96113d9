"""rsei:geodetectorraster — the Geodetector on a Y raster and factor rasters, all pixels or a seeded sample."""
import os

from qgis.core import (QgsProcessingParameterMultipleLayers, QgsProcessingParameterNumber,
                       QgsProcessingParameterRasterLayer, QgsProcessingParameterString)

from . import _checks
from ._geodetector import METHOD_HTML, GeodetectorBase, log_results
from .base import raster_layer_path
from .compat import NUMBER_INTEGER, TYPE_RASTER


class GeodetectorRasterAlgorithm(GeodetectorBase):
    ALG_ID = "geodetectorraster"
    DISPLAY_NAME = "Geodetector (rasters)"
    USAGE = (
        "<p>Geodetector on rasters: how much each factor raster (land cover, slope, precipitation…) explains "
        "the pattern of a raster Y such as RSEI (q statistic, 0–1), with the factor, interaction, risk and "
        "ecological detectors.</p>"
        "<p><b>How to use.</b> Give Y and the factor rasters on one grid; name the categorical factors (e.g. "
        "land cover) in CATEGORICAL_FACTORS; continuous factors are classed by METHOD (typically 5 classes). "
        "SAMPLE_SIZE 0 uses every pixel; a sample of e.g. 10 000 pixels (SEED fixed) runs faster. You get "
        "four tables and an optional HTML report.</p>")
    HELP = ("<p>Explains a raster Y (e.g. RSEI) by factor rasters (categorical such as land cover, or continuous "
            "such as slope or precipitation) with the four Geodetector detectors — factor (q and p-value), "
            "interaction, risk and ecological — on every valid pixel or on a seeded random sample of pixels. "
            "All rasters must share one grid (band 1 of each is used).</p>"
            "<p><b>All pixels</b> (SAMPLE_SIZE 0): the rasters are read block by block. Continuous factors get "
            "their breaks (and, with the optimal method, their method and number of classes) from a random "
            "sample of 200 000 valid pixels; a second pass classifies every pixel and accumulates, per stratum and "
            "per pair of strata, the count, sum and sum of squares of Y — all that q, its p-value, the interaction, "
            "risk and ecological detectors need — so memory does not grow with the raster. Categorical factors "
            "use their exact distinct values (at most 256). <b>Sample</b> (SAMPLE_SIZE n &gt; 0): n valid pixels "
            "drawn without replacement (the n smallest values of a SEED-keyed hash of the pixel index: "
            "reproducible, and independent of the block size), analysed like a table. GOZH and RGD (METHOD 7, 8) "
            "fit their tree or change points on that sample (all pixels: on the 200 000-pixel sample), then "
            "classify every pixel block by block. LESH over all pixels accumulates, block by block, the count and "
            "sum of Y of each combination of strata that occurs, then evaluates every subset of factors on those "
            "cells (the same values as on the pixels themselves). The bootstrap (CONFIDENCE 1) needs SAMPLE_SIZE "
            "&gt; 0: it resamples the sample.</p>" + METHOD_HTML)
    NODATA = ("A pixel that is NoData (or NaN) in Y or in any factor raster is left out of every detector; the "
              "number of such pixels is written to the log and the report.")

    Y = "Y"
    FACTORS = "FACTORS"
    CATEGORICAL_FACTORS = "CATEGORICAL_FACTORS"
    SAMPLE_SIZE = "SAMPLE_SIZE"
    SEED = "SEED"

    def initAlgorithm(self, config=None):  # noqa: N802 - QGIS API
        self.add(QgsProcessingParameterRasterLayer(self.Y, "Y raster (explained variable, e.g. RSEI)"),
                 "Raster of the variable to explain (band 1).")
        self.add(QgsProcessingParameterMultipleLayers(self.FACTORS, "Factor rasters", TYPE_RASTER),
                 "Rasters of the explanatory factors (band 1 each), on the grid of Y. A factor's name in the "
                 "outputs is its layer name.")
        self.add(QgsProcessingParameterString(self.CATEGORICAL_FACTORS, "Categorical factors", "", False, True),
                 "Comma-separated factors always used as strata (each value a stratum, e.g. land cover), given by "
                 "position in FACTORS (1 = first) or by layer/file name. With METHOD 0 every factor is "
                 "categorical.")
        self.add_common_parameters()
        self.add(QgsProcessingParameterNumber(self.SAMPLE_SIZE, "Sample size (0 = all pixels)", NUMBER_INTEGER,
                                              0, False, 0),
                 "0 uses every valid pixel. n > 0 draws a random sample of n valid pixels (without replacement) "
                 "and analyses it like a table, which also makes the risk detector's t-tests meaningful for large "
                 "rasters.")
        self.add(QgsProcessingParameterNumber(self.SEED, "Random seed", NUMBER_INTEGER, 1, False, 0),
                 "Seed of the pixel sample (and of the sample that sets the breaks when all pixels are used) and "
                 "of the bootstrap resamples (CONFIDENCE 1); the same seed gives the same sample and interval.",
                 advanced=True)
        self.add_engine_parameter()

    def check(self, parameters, context, monitor):
        from ..core import kinds
        from ..core.errors import CoreError, render
        from ..core.geodetector import raster as gd_raster, stratify

        y_path = self.raster_path(parameters, self.Y, context)
        layers = self.parameterAsLayerList(parameters, self.FACTORS, context)
        paths = [raster_layer_path(layer, self.FACTORS) for layer in layers]
        names = _unique_names([layer.name() or os.path.splitext(os.path.basename(p))[0]
                               for layer, p in zip(layers, paths)])
        _checks.check_distinct([(self.Y, y_path)] + [(self.FACTORS, p) for p in paths],
                               "Y and the factors must be different rasters")
        categorical = parse_categorical(self.parameterAsString(parameters, self.CATEGORICAL_FACTORS, context),
                                        names, paths)
        if self.parameterAsEnum(parameters, self.METHOD, context) == stratify.CATEGORICAL:
            categorical = list(range(len(paths)))
        for i in categorical:
            try:
                kinds.integer_codes(paths[i], f"{self.FACTORS} ({names[i]})", max_codes=gd_raster.MAX_CATEGORIES)
            except CoreError as exc:
                raise CoreError(self.tr("{exc} A categorical factor needs class codes (e.g. land cover): "
                                        "choose a discretisation METHOD for it, or leave it out of "
                                        "CATEGORICAL_FACTORS.").format(exc=render(exc, self.tr))) from None
        y_base = os.path.basename(y_path)
        key = kinds.product_of(y_path)
        if key in kinds.CLASS_PRODUCTS:
            monitor.warn(self.tr("Y: '{y_base}' is {kind}: a class raster. q then measures how well the "
                                 "factors separate these classes, not a continuous variable; the paper "
                                 "explains the continuous RSEI (rsei:rsei OUTPUT).")
                         .format(y_base=y_base, kind=render(kinds.describe(key), self.tr)))
        elif kinds.dtype_of(y_path).kind in "iu":
            try:
                codes = kinds.integer_codes(y_path, self.Y, max_codes=CLASS_LIKE)
            except CoreError:  # many distinct integers: a continuous variable stored as integers
                codes = None
            if codes is not None and len(codes) > 1:
                monitor.warn(self.tr("Y: '{y_base}' holds only {n_codes} distinct integer values ({codes}): it "
                                     "looks like a class raster, not a continuous variable such as the RSEI; q "
                                     "then measures how well the factors separate these classes.")
                             .format(y_base=y_base, n_codes=len(codes), codes=', '.join(str(c) for c in sorted(codes))))

    def process(self, parameters, context, feedback, monitor, tx):
        from ..core.errors import CoreError
        from ..core.geodetector import raster as gd_raster

        y_path = self.raster_path(parameters, self.Y, context)
        layers = self.parameterAsLayerList(parameters, self.FACTORS, context)
        if not layers:
            raise CoreError(self.tr("FACTORS: give at least one factor raster."))
        paths = [raster_layer_path(layer, self.FACTORS) for layer in layers]
        names = _unique_names([layer.name() or os.path.splitext(os.path.basename(p))[0]
                               for layer, p in zip(layers, paths)])
        categorical = parse_categorical(self.parameterAsString(parameters, self.CATEGORICAL_FACTORS, context),
                                        names, paths)
        method, k, kmin, kmax = self.stratification(parameters, context)
        sample_size = self.parameterAsInt(parameters, self.SAMPLE_SIZE, context)
        seed = self.parameterAsInt(parameters, self.SEED, context)
        want_lesh = self.lesh_wanted(parameters, len(paths))
        resamples = self.bootstrap_count(parameters, context)
        if resamples and sample_size <= 0:
            raise CoreError(self.tr("CONFIDENCE: the bootstrap resamples a sample of pixels; with SAMPLE_SIZE "
                                    "0 every pixel is used and q is the value of the whole raster. Set "
                                    "SAMPLE_SIZE > 0 (e.g. 100000) to get q_low/q_high, or CONFIDENCE 0."))
        if len(paths) < 2:
            monitor.warn(self.tr("Only one factor: the interaction and ecological detectors need at least two "
                                 "factors, so their tables are empty."))
        run = gd_raster.raster_geodetector(y_path, paths, names, categorical, method, k, kmin, kmax, sample_size,
                                           seed, monitor.sub(0.0, 0.9), lesh=want_lesh,
                                           bootstrap=resamples)
        for note in run.notes:
            monitor.info(note)
        if run.nodata:
            monitor.warn(self.tr("{nodata} pixels dropped (NoData in Y or a factor, or outside the data).")
                         .format(nodata=run.nodata))
        runs = [(None, run.result)]
        log_results(monitor, runs)
        html_path = self.html_destination(parameters, context)
        title = f"Geodetector: {os.path.basename(y_path)}"
        return self.write_outputs(parameters, context, runs, html_path, tx, run.notes, title)


#: An integer Y with at most this many distinct values is taken for a class raster (a warning).
CLASS_LIKE = 32


def _unique_names(names):
    seen, out = {}, []
    for n in names:
        seen[n] = seen.get(n, 0) + 1
        out.append(n if seen[n] == 1 else f"{n}_{seen[n]}")
    return out


def parse_categorical(text, names, paths):
    """Indices (0-based) of the factors named in ``text``: 1-based positions, layer names or file names."""
    from ..core.errors import CoreError

    chosen = set()
    for token in [t.strip() for t in (text or "").split(",") if t.strip()]:
        if token.isdigit():
            i = int(token) - 1
            if not 0 <= i < len(names):
                raise CoreError(GeodetectorBase.tr("CATEGORICAL_FACTORS: position {token} is not between 1 and "
                                                   "{n_names}.").format(token=token, n_names=len(names)))
            chosen.add(i)
            continue
        stems = [os.path.splitext(os.path.basename(p))[0] for p in paths]
        hits = [i for i in range(len(names))
                if token in (names[i], stems[i], os.path.basename(paths[i]))]
        if not hits:
            raise CoreError(GeodetectorBase.tr("CATEGORICAL_FACTORS: '{token}' is neither a position nor the "
                                               "name of a factor ({names}).")
                            .format(token=token, names=', '.join(names)))
        chosen.update(hits)
    return sorted(chosen)
