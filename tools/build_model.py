"""Write resources/models/rsei_one_year.model3, the one-year RSEI chain as a QGIS graphical model.

The model is built with the QGIS API (QgsProcessingModelAlgorithm and friends) and
saved with ``toFile()``, so the file is what QGIS 3.22's modeler itself writes and
opens in it for editing. Its inputs are clones of the child algorithms' own
parameter definitions, so types and defaults cannot drift from the algorithms.

    rsei:landsatcomposite  SCENES, MONTHS            -> OUTPUT (median composite)
    rsei:landsatindices    INPUT = composite         -> OUTPUT_NDVI, OUTPUT_WET, OUTPUT_NDBSI, OUTPUT_LST
    rsei:rsei              NDVI, WET, NDBSI, LST     -> OUTPUT (RSEI), OUTPUT_GRADES, OUTPUT_TABLE
                           MNDWI = OUTPUT_MNDWI, WATER_THRESHOLD = WATER_THRESHOLD if MASK_WATER else 1
                           (MNDWI ≤ 1, so no pixel is water when MASK_WATER is off)

Run with QGIS's Python after changing the chain: ``/usr/bin/python3 tools/build_model.py``, on QGIS 3.22
(Debian 12). Newer QGIS (3.26 on) writes the model as ``internal_version: Version2`` and names the model's
outputs after their descriptions (``rsei``, ``ecological_grades``) instead of ``rsei:RSEI``; a file written
that way would rename the outputs users pass on the command line, so the script refuses to write it. The
committed Version1 file keeps its output names on QGIS 3.22 and 3.40 alike.
"""
import os
import sys
import tempfile

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TARGET = os.path.join(REPO, "resources", "models", "rsei_one_year.model3")

MODEL_NAME = "rseioneyear"
DISPLAY_NAME = "One-year RSEI (composite → indicators → RSEI → grades)"
GROUP = "RSEI"

DESCRIPTION = (
    "<p>The paper's one-year chain as a graphical model: "
    "the Landsat Collection 2 Level-2 scenes of one year are masked with QA_PIXEL and composited to a "
    "per-pixel median of the clear observations in the chosen months (rsei:landsatcomposite); the four "
    "indicators NDVI, wetness, NDBSI and LST are computed from the composite (rsei:landsatindices); "
    "RSEI is the first principal component of the min–max normalised indicators, oriented so that higher "
    "means better ecology and rescaled to [0, 1] (rsei:rsei, Xu 2013; eq. 12–13 of Han et al. 2025); "
    "it is classed into five grades (1 worst [0, 0.2] … 5 excellent (0.8, 1]) with the area of each "
    "grade. With MASK_WATER, pixels whose MNDWI (computed from the composite) is above WATER_THRESHOLD are "
    "left out as water.</p><p>Intermediate rasters (composite, indicators) are temporary; run the three algorithms "
    "one by one to keep them, or open resources/models/rsei_one_year.model3 of the plugin's folder in "
    "the Model Designer, change it and save it under your own name.</p>"
    "<h3>NoData</h3><p>A pixel with no clear observation in the months is NoData in the composite; a "
    "pixel is used for the RSEI only where all four indicators are valid, and is NoData (grade 0) "
    "elsewhere.</p>"
    "<h3>References</h3><ul><li>Xu, H. (2013). A remote sensing index for assessment of regional "
    "ecological changes. China Environmental Science 33(5), 889–897.</li><li>Han et al. (2025). "
    "Sustainability 17, 9075.</li></ul>"
)

INPUTS = {
    # model parameter: (child id, child parameter, description, help)
    "SCENES": ("composite", "SCENES", "Landsat C2 L2 scenes of the year (MTL files)",
               "The year's Landsat Collection 2 Level-2 scenes, each given by its MTL file "
               "(*_MTL.txt, .xml or .json); the band files and QA_PIXEL beside it are found from it."),
    "MONTHS": ("composite", "MONTHS", "Months to composite",
               "Months whose scenes enter the median composite, as a range such as 6-9 (June–September, "
               "the paper's growing season) or 1-12; other scenes are skipped with a note in the log."),
    "MASK_WATER": ("rseiseries", "MASK_WATER", "Mask water (MNDWI > threshold)",
                   "Leave out water pixels (MNDWI = (green − SWIR1)/(green + SWIR1) of the composite above "
                   "WATER_THRESHOLD), whose high wetness and low LST would otherwise dominate the PCA."),
    "WATER_THRESHOLD": ("rsei", "WATER_THRESHOLD", "MNDWI water threshold",
                        "With MASK_WATER: pixels with MNDWI above this value are water (Xu 2006 uses 0)."),
}
#: rsei:rsei's WATER_THRESHOLD: the model's threshold when masking, else 1 (MNDWI never exceeds 1).
THRESHOLD_EXPRESSION = "if(@MASK_WATER, @WATER_THRESHOLD, 1)"

OUTPUTS = {
    # model output name: (child output, description)
    # (QGIS 3.22 lists a model's outputs by name, hence the common prefix.)
    "RSEI": ("OUTPUT", "RSEI"),
    "RSEI_GRADES": ("OUTPUT_GRADES", "Ecological grades"),
    "RSEI_TABLE": ("OUTPUT_TABLE", "Grade areas (table)"),
}
OUTPUT_HELP = {
    "RSEI": "RSEI in [0, 1] (float32, higher = better ecology).",
    "RSEI_GRADES": "Ecological grade 1 worst … 5 excellent (0 = NoData), styled with five labelled colours.",
    "RSEI_TABLE": "Table: grade, pixel count, area (km²) and percent of the valid area.",
}


def build(registry):
    """The model (QgsProcessingModelAlgorithm) built from the algorithms in ``registry``."""
    from qgis.core import (QgsProcessingModelAlgorithm, QgsProcessingModelChildAlgorithm,
                           QgsProcessingModelChildParameterSource as Source, QgsProcessingModelOutput,
                           QgsProcessingModelParameter)
    from qgis.PyQt.QtCore import QPointF

    algs = {key: registry.algorithmById(f"rsei:{key}")
            for key in ("landsatcomposite", "landsatindices", "rsei", "rseiseries")}
    missing = [key for key, alg in algs.items() if alg is None]
    if missing:
        raise RuntimeError(f"algorithms not registered: {', '.join('rsei:' + m for m in missing)}")

    model = QgsProcessingModelAlgorithm(MODEL_NAME, GROUP, GROUP.lower())
    help_content = {"ALG_DESC": DESCRIPTION, "DISPLAY_NAME": DISPLAY_NAME,
                    "ALG_CREATOR": "RSEI Toolbox developers", "SHORT_DESCRIPTION":
                    "Landsat scenes of one year → median composite → NDVI, WET, NDBSI, LST → RSEI and grades."}

    # Inputs: clones of the child parameters, renamed and described for the model.
    for i, (name, (child_key, child_param, description, help_text)) in enumerate(INPUTS.items()):
        child_alg = algs["landsatcomposite"] if child_key == "composite" else algs[child_key]
        definition = child_alg.parameterDefinition(child_param).clone()
        definition.setName(name)
        definition.setDescription(description)
        definition.setHelp(help_text)
        component = QgsProcessingModelParameter(name)
        component.setPosition(QPointF(120 + 220 * i, 60))
        model.addModelParameter(definition, component)
        help_content[name] = help_text

    children = []

    composite = QgsProcessingModelChildAlgorithm("rsei:landsatcomposite")
    composite.setChildId("composite")
    composite.setDescription("Median composite of the clear observations")
    composite.addParameterSources("SCENES", [Source.fromModelParameter("SCENES")])
    composite.addParameterSources("MONTHS", [Source.fromModelParameter("MONTHS")])
    composite.setPosition(QPointF(350, 190))
    children.append(composite)

    indices = QgsProcessingModelChildAlgorithm("rsei:landsatindices")
    indices.setChildId("indicators")
    indices.setDescription("NDVI, wetness, NDBSI and LST")
    indices.addParameterSources("INPUT", [Source.fromChildOutput("composite", "OUTPUT")])
    indices.setPosition(QPointF(350, 320))
    children.append(indices)

    rsei = QgsProcessingModelChildAlgorithm("rsei:rsei")
    rsei.setChildId("rsei")
    rsei.setDescription("RSEI and ecological grades")
    for param, output in (("NDVI", "OUTPUT_NDVI"), ("WET", "OUTPUT_WET"), ("NDBSI", "OUTPUT_NDBSI"),
                          ("LST", "OUTPUT_LST")):
        rsei.addParameterSources(param, [Source.fromChildOutput("indicators", output)])
    rsei.addParameterSources("MNDWI", [Source.fromChildOutput("indicators", "OUTPUT_MNDWI")])
    rsei.addParameterSources("WATER_THRESHOLD", [Source.fromExpression(THRESHOLD_EXPRESSION)])
    rsei.setPosition(QPointF(350, 450))
    outputs = {}
    for j, (name, (child_output, description)) in enumerate(OUTPUTS.items()):
        out = QgsProcessingModelOutput(name, description)
        out.setChildId("rsei")
        out.setChildOutputName(child_output)
        out.setMandatory(True)
        out.setPosition(QPointF(120 + 230 * j, 580))
        outputs[name] = out
        help_content[f"rsei:{name}"] = OUTPUT_HELP[name]
    rsei.setModelOutputs(outputs)
    children.append(rsei)

    # Every other parameter gets the algorithm's default as a static value, as the Model Designer
    # writes it (QGIS requires a source for each mandatory parameter). test_model.py checks that
    # the committed file still matches the algorithms' current defaults.
    for child in children:
        for definition in child.algorithm().parameterDefinitions():
            if definition.isDestination() or definition.name() in child.parameterSources():
                continue
            if definition.defaultValue() is not None:
                child.addParameterSources(definition.name(), [Source.fromStaticValue(definition.defaultValue())])
        model.addChildAlgorithm(child)

    model.setParameterOrder(list(INPUTS))
    model.setHelpContent(help_content)
    model.updateDestinationParameters()
    return model


def main():
    sys.path.insert(0, "/usr/share/qgis/python/plugins")
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from qgis.core import QgsApplication

    app = QgsApplication([], False)
    app.initQgis()
    from processing.core.Processing import Processing
    Processing.initialize()

    parent = tempfile.mkdtemp(prefix="rsei-build-")
    os.symlink(REPO, os.path.join(parent, "rsei_toolbox"))
    sys.path.insert(0, parent)
    from rsei_toolbox.provider import RseiProvider

    provider = RseiProvider()
    QgsApplication.processingRegistry().addProvider(provider)
    model = build(QgsApplication.processingRegistry())
    valid, issues = model.validate()
    if not valid:
        raise SystemExit("model invalid: " + "; ".join(issues))
    names = sorted(p.name() for p in model.destinationParameterDefinitions())
    if names != sorted(f"rsei:{name}" for name in OUTPUTS):
        raise SystemExit(f"this QGIS names the model's outputs {names}, not rsei:RSEI …: run this script "
                         "on QGIS 3.22 (Debian 12) so the outputs keep the names users know")
    os.makedirs(os.path.dirname(TARGET), exist_ok=True)
    if not model.toFile(TARGET):
        raise SystemExit(f"could not write {TARGET}")
    print(f"wrote {TARGET}: inputs {[p.name() for p in model.parameterDefinitions()]}")
    QgsApplication.processingRegistry().removeProvider(provider)
    return 0


if __name__ == "__main__":
    sys.exit(main())
