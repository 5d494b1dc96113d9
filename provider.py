"""The Processing provider ``rsei``: lists the algorithms and the shipped models."""
import glob
import os

from qgis.core import Qgis, QgsMessageLog, QgsProcessingModelAlgorithm, QgsProcessingProvider, QgsProcessingUtils
from qgis.PyQt.QtGui import QIcon

from .algorithms import algorithm_classes
from .algorithms.base import GROUPS
from .meta import ICON, MODEL_DIR, plugin_version
from .translation import one_line, tr, tr_html


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


#: Help keys of a model that are names, versions or links, not text.
_UNTRANSLATED_HELP_KEYS = {"ALG_CREATOR", "ALG_HELP_CREATOR", "ALG_VERSION", "HELP_URL", "EXAMPLES"}


class ShippedModel(QgsProcessingModelAlgorithm):
    """A graphical model shipped with the plugin, listed under the provider.

    A model's name is also its display name in QGIS; the shipped models keep a
    short lowercase name (the id after ``rsei:``) and take the title shown in
    the Toolbox from the help key ``DISPLAY_NAME`` of the .model3. Their group
    id follows the Python algorithms' ids, so the Toolbox shows one "RSEI" group.
    """

    def __init__(self, path=None, variant=None):
        super().__init__()
        self.ok = bool(self.fromFile(path)) if path else bool(self.loadVariant(variant))
        if path:
            self.setSourceFilePath(path)
        if self.ok:  # the inputs' and outputs' labels and help in the interface language
            for definition in self.parameterDefinitions():
                definition.setDescription(tr(definition.description()))
                if definition.help():
                    definition.setHelp(tr(one_line(definition.help())))

    def displayName(self):  # noqa: N802 - QGIS API
        return tr(self.helpContent().get("DISPLAY_NAME") or self.name())

    def group(self):
        return tr(super().group())

    def groupId(self):  # noqa: N802 - QGIS API
        group_ids = {title: key for key, title in GROUPS.items()}
        return group_ids.get(super().group(), super().groupId())

    def shortDescription(self):  # noqa: N802 - QGIS API
        return tr(super().shortDescription())

    def shortHelpString(self):  # noqa: N802 - QGIS API
        """The model's help (as QGIS formats it) translated block by block; the references stay as published."""
        content = dict(self.helpContent())
        for key, value in content.items():
            if not isinstance(value, str) or not value or key in _UNTRANSLATED_HELP_KEYS:
                continue
            if key == "ALG_DESC":
                head, sep, refs = one_line(value).partition("<h3>References</h3>")
                content[key] = tr_html(head) + (f"<h3>{tr('References')}</h3>{refs}" if sep else "")
            else:
                content[key] = tr_html(value)
        return one_line(QgsProcessingUtils.formatHelpMapAsHtml(content, self))

    def createInstance(self):  # noqa: N802 - QGIS API
        copy = ShippedModel(variant=self.toVariant())
        copy.setSourceFilePath(self.sourceFilePath())
        return copy


def load_models(folder=MODEL_DIR):
    """The graphical models shipped in ``resources/models/*.model3``, ready to add to the provider.

    A model whose file cannot be read is skipped with a message in the QGIS log,
    so one broken file never hides the Python algorithms.
    """
    models = []
    for path in sorted(glob.glob(os.path.join(folder, "*.model3"))):
        model = ShippedModel(path)
        if model.ok and model.name():
            models.append(model)
        else:
            QgsMessageLog.logMessage(f"Could not read the model {path}", "RSEI Toolbox", Qgis.MessageLevel.Warning)
    return models
