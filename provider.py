"""The Processing provider ``rsei``: lists the algorithms and the shipped models."""
import glob
import os

from qgis.core import QgsMessageLog, QgsProcessingModelAlgorithm, QgsProcessingProvider
from qgis.PyQt.QtGui import QIcon

from .algorithms import algorithm_classes

PLUGIN_DIR = os.path.dirname(__file__)
ICON = os.path.join(PLUGIN_DIR, "resources", "icons", "rsei.png")
MODEL_DIR = os.path.join(PLUGIN_DIR, "resources", "models")


def plugin_version():
    """The version in metadata.txt."""
    with open(os.path.join(PLUGIN_DIR, "metadata.txt"), encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("version="):
                return line.split("=", 1)[1].strip()
    return "unknown"


class RseiProvider(QgsProcessingProvider):
    """Provider id ``rsei``, shown as "RSEI Toolbox"."""

    def id(self):
        return "rsei"

    def name(self):
        return "RSEI Toolbox"

    def longName(self):  # noqa: N802 - QGIS API
        return f"RSEI Toolbox {plugin_version()}"

    def icon(self):
        return QIcon(ICON)

    def svgIconPath(self):  # noqa: N802 - QGIS API
        return ICON

    def versionInfo(self):  # noqa: N802 - QGIS API
        return plugin_version()

    def supportedOutputRasterLayerExtensions(self):  # noqa: N802 - QGIS API
        return ["tif"]

    def defaultRasterFileExtension(self):  # noqa: N802 - QGIS API
        return "tif"

    def loadAlgorithms(self):  # noqa: N802 - QGIS API
        for cls in algorithm_classes():
            self.addAlgorithm(cls())
        for model in load_models():
            self.addAlgorithm(model)


def load_models(folder=MODEL_DIR):
    """The graphical models shipped in ``resources/models/*.model3``, ready to add to the provider.

    A model whose file cannot be read is skipped with a message in the QGIS log,
    so one broken file never hides the Python algorithms.
    """
    models = []
    for path in sorted(glob.glob(os.path.join(folder, "*.model3"))):
        model = QgsProcessingModelAlgorithm()
        if model.fromFile(path) and model.name():
            model.setSourceFilePath(path)
            models.append(model)
        else:
            QgsMessageLog.logMessage(f"Could not read the model {path}", "RSEI Toolbox")
    return models
