"""Shared base for every RSEI Toolbox algorithm.

A subclass sets ``ALG_ID``, ``DISPLAY_NAME``, ``GROUP_ID``, ``HELP``, ``NODATA``
and ``REFERENCES``, declares parameters in ``initAlgorithm`` through :meth:`add`
(which requires help text), and implements :meth:`process`. The base then

* checks that rasterio and scipy can be imported and says how to install them;
* passes a :class:`~..core.monitor.Monitor` (progress, cancel, log) into the core, which translates the
  core's log templates with ``translation.tr``;
* gives an :class:`~..core.raster.OutputTransaction` whose files are moved into
  place only when ``process`` returns, so failures and cancels leave no partial output;
* turns core errors into ``QgsProcessingException`` with the core's message (translated:
  :func:`~..core.errors.render` looks the error's template up with ``translation.tr``) and
  any unexpected exception into a message without a traceback (which goes to the log);
* applies the .qml styles registered with :meth:`style_output`;
* translates (``translation.tr``, one context for the provider) the display name, the group, the help panel
  (block by block), every parameter's description, help, enum options and matrix headers, the outputs'
  descriptions and its own messages; an algorithm translates its messages with ``self.tr("… {x}").format(x=…)``
  (a literal, so ``tools/i18n.py`` finds it; never an f-string inside ``tr``).
"""
import contextlib
import datetime
import json
import os
import shutil
import traceback

from qgis.core import (Qgis, QgsCoordinateReferenceSystem, QgsFeature, QgsField, QgsFields, QgsProcessingAlgorithm,
                       QgsProcessingException, QgsProcessingLayerPostProcessorInterface, QgsProcessingParameterEnum,
                       QgsProcessingParameterMatrix, QgsRasterLayer)
from qgis.PyQt.QtGui import QIcon

from ..core import deps, engine
from ..core.errors import CoreError, render
from ..core.monitor import Monitor
from ..core.raster import OutputTransaction
from ..meta import ICON, STYLE_DIR, plugin_version
from ..translation import one_line, tr_html
from ..translation import tr as _tr
from . import _checks
from .compat import FLAG_ADVANCED, SINK_FAST_INSERT, WKB_NO_GEOMETRY, field_type

TRACKER = "https://github.com/rsei-toolbox/rsei_toolbox/issues"

GROUPS = {
    "landsat": "Landsat",
    "rsei": "RSEI",
    "landcover": "Land cover",
    "trend": "Trend",
    "drivers": "Drivers",
}

# Post-processors must outlive processAlgorithm (QGIS keeps only a raw pointer).
_POST_PROCESSORS = []


class StyleLoader(QgsProcessingLayerPostProcessorInterface):
    """Applies a .qml style to an output layer once QGIS has loaded it."""

    def __init__(self, qml_path):
        super().__init__()
        self.qml_path = qml_path

    def postProcessLayer(self, layer, context, feedback):  # noqa: N802 - QGIS API
        if layer is not None and layer.isValid():
            layer.loadNamedStyle(self.qml_path)
            layer.triggerRepaint()


class RseiAlgorithm(QgsProcessingAlgorithm):
    """Base class: identity, help, dependency check, error handling and outputs."""

    ALG_ID = ""
    DISPLAY_NAME = ""
    GROUP_ID = "rsei"
    #: What the tool does and how to use it, in a few lines: inputs, outputs, a typical value (HTML allowed).
    USAGE = ""
    #: The method (HTML allowed); shown under a "Method" heading after USAGE.
    HELP = ""
    #: What happens to NoData.
    NODATA = ""
    #: Literature the method follows, one string each.
    REFERENCES = ()
    #: Packages the algorithm needs besides numpy.
    REQUIRES = ("rasterio", "scipy")

    # ------------------------------------------------------------ identity
    def name(self):
        return self.ALG_ID

    def displayName(self):  # noqa: N802 - QGIS API
        return _tr(self.DISPLAY_NAME)

    def group(self):
        return _tr(GROUPS[self.GROUP_ID])

    @staticmethod
    def tr(text):
        """``text`` translated (call with a literal: ``self.tr("… {x}").format(x=…)``)."""
        return _tr(text)

    def groupId(self):  # noqa: N802 - QGIS API
        return self.GROUP_ID

    def icon(self):
        return QIcon(ICON)

    def createInstance(self):  # noqa: N802 - QGIS API
        return type(self)()

    def helpUrl(self):  # noqa: N802 - QGIS API
        return f"https://github.com/rsei-toolbox/rsei_toolbox#rsei{self.ALG_ID}"

    def shortHelpString(self):  # noqa: N802 - QGIS API
        """Usage, method, NoData and references, translated, as HTML on ONE line.

        QGIS's help panel makes every newline of this string a paragraph of its own (the dialog splits the
        text at '\\n' and wraps each piece in <p>), which broke sentences written over several source lines;
        so all white space is collapsed here and only the HTML tags make paragraphs.
        """
        parts = []
        if self.USAGE:
            parts.append(tr_html(self.USAGE))
            if self.HELP:
                parts.append(f"<h3>{_tr('Method')}</h3>")
        if self.HELP:
            parts.append(tr_html(self.HELP))
        if self.NODATA:
            parts.append(f"<h3>{_tr('NoData')}</h3><p>{tr_html(self.NODATA)}</p>")
        if self.REFERENCES:
            # Bibliographic entries stay as published (not translated).
            refs = "".join(f"<li>{one_line(r)}</li>" for r in self.REFERENCES)
            parts.append(f"<h3>{_tr('References')}</h3><ul>{refs}</ul>")
        return one_line("".join(parts))

    # ------------------------------------------------------------ parameters
    def add(self, parameter, help_text, advanced=False):
        """Add a parameter with its help text (required) and optional advanced flag."""
        if not help_text:
            raise ValueError(f"parameter {parameter.name()} needs help text")
        parameter.setHelp(_tr(one_line(help_text)))
        if advanced:
            parameter.setFlags(parameter.flags() | FLAG_ADVANCED)
        self.addParameter(parameter)
        return parameter

    #: Name of the advanced parameter that picks the executor of the windows (core.engine).
    DASK_SCHEDULER = "DASK_SCHEDULER"

    def add_engine_parameter(self):
        """The advanced DASK_SCHEDULER parameter of the algorithms whose windows run on core.engine."""
        from qgis.core import QgsProcessingParameterString
        self._engine = True
        self.add(QgsProcessingParameterString(self.DASK_SCHEDULER, "Dask scheduler (empty: threads of this "
                                                                   "computer)", optional=True),
                 "Where the raster windows are computed. Empty: a pool of threads on this computer, one per "
                 "core (the environment variable RSEI_THREADS sets their number; RSEI_THREADS=1 runs on one "
                 "thread). 'tcp://host:8786': the workers of a running Dask scheduler (they read the inputs "
                 "from their paths or URLs, so the paths must be valid on the workers; the outputs are written "
                 "here). 'local:N': a Dask cluster of N worker processes on this computer, for this run. The "
                 "environment variable RSEI_DASK_SCHEDULER gives a default. Needs Dask's distributed package "
                 "(Debian: python3-distributed). The outputs are the same, bit for bit, whichever is used.",
                 advanced=True)

    def addParameter(self, parameter, createOutput=True):  # noqa: N802,N803 - QGIS API
        """QGIS's addParameter, with the description, enum options and matrix headers translated."""
        parameter.setDescription(_tr(parameter.description()))
        if isinstance(parameter, QgsProcessingParameterEnum):
            parameter.setOptions([_tr(o) for o in parameter.options()])
        elif isinstance(parameter, QgsProcessingParameterMatrix):
            parameter.setHeaders([_tr(h) for h in parameter.headers()])
        return super().addParameter(parameter, createOutput)

    def addOutput(self, output):  # noqa: N802 - QGIS API
        """QGIS's addOutput, with the description translated."""
        output.setDescription(_tr(output.description()))
        return super().addOutput(output)

    @staticmethod
    def wants(parameters, name):
        """True when the (optional) parameter or output ``name`` was given a value."""
        return parameters.get(name) not in (None, "")

    def raster_path(self, parameters, name, context):
        """File path of a raster-layer parameter (None when optional and not set)."""
        if not self.wants(parameters, name):
            return None
        layer = self.parameterAsRasterLayer(parameters, name, context)
        if layer is None:
            raise QgsProcessingException(_tr("Input '{name}': the raster could not be loaded.").format(name=name))
        return raster_layer_path(layer, name)

    def raster_paths(self, parameters, name, context):
        """File paths of a multiple-raster parameter, in the given order."""
        layers = self.parameterAsLayerList(parameters, name, context)
        return [raster_layer_path(layer, name) for layer in layers]

    def output_path(self, parameters, name, context):
        """Destination path of an output parameter, or None when it is optional and not set."""
        if not self.wants(parameters, name):
            return None
        path = self.parameterAsOutputLayer(parameters, name, context)
        return path or None

    # ------------------------------------------------------------ running
    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802 - QGIS API
        try:
            deps.require(self.REQUIRES)
        except CoreError as exc:
            raise QgsProcessingException(render(exc, _tr)) from None
        # One bridge from the core's log to QGIS: warnings are warnings, notes are notes (reportError is only
        # for errors; on qgis_process it also echoes each message a second time through the message log).
        monitor = Monitor(progress=feedback.setProgress, is_canceled=feedback.isCanceled,
                          info=feedback.pushInfo, warn=feedback.pushWarning, translate=_tr)
        try:
            folders = _checks.check_destinations(self, parameters, context)
            self.check(parameters, context, monitor)
        except CoreError as exc:
            raise QgsProcessingException(render(exc, _tr)) from None
        made = _checks.Folders(folders)
        tx = OutputTransaction(self._provenance(parameters, context))
        self._styles = []
        try:
            session = contextlib.nullcontext()
            if getattr(self, "_engine", False):
                session = engine.session(self.parameterAsString(parameters, self.DASK_SCHEDULER, context) or None,
                                         monitor=monitor)
            with session:
                results = self.process(parameters, context, feedback, monitor, tx)
            monitor.check()
            tx.commit()
        except CoreError as exc:
            tx.rollback()
            made.remove()
            raise QgsProcessingException(render(exc, _tr)) from None
        except QgsProcessingException:
            tx.rollback()
            made.remove()
            raise
        except Exception as exc:  # noqa: BLE001 - never show a bare traceback to the user
            tx.rollback()
            made.remove()
            feedback.pushDebugInfo(traceback.format_exc())
            raise QgsProcessingException(
                _tr("{algorithm} failed unexpectedly ({error}). No output was written. The details are in the log; "
                    "please report them at {tracker}.").format(
                    algorithm=self.displayName(), error=f"{type(exc).__name__}: {exc}", tracker=TRACKER)
            ) from None
        self._apply_styles(context)
        feedback.setProgress(100)
        return results

    def check(self, parameters, context, monitor):
        """Checks of the inputs made before any output is opened; raise CoreError, warn through ``monitor``.

        The destinations (folders, extensions) are checked by the base before this is called.
        """

    def process(self, parameters, context, feedback, monitor, tx):
        """Do the work; return the results dict. Write files only through ``tx``.

        (Not named ``run``: that would hide ``QgsProcessingAlgorithm.run``, which
        ``processing.run`` calls.)
        """
        raise NotImplementedError

    def _provenance(self, parameters, context):
        params = {}
        for key, value in parameters.items():
            try:
                json.dumps(value)
                params[key] = value
            except TypeError:
                params[key] = str(value)
        return {
            "algorithm": f"rsei:{self.ALG_ID}",
            "plugin": "RSEI Toolbox",
            "plugin_version": plugin_version(),
            "qgis_version": Qgis.QGIS_VERSION,
            "created_utc": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
            "parameters": params,
        }

    # ------------------------------------------------------------ styles and tables
    def style_output(self, tx, path, style_name, context=None):
        """Write ``resources/styles/<style_name>.qml`` beside ``path`` and apply it on load.

        The .qml beside the raster makes QGIS use the style whenever the file is
        opened later, too.
        """
        qml = os.path.join(STYLE_DIR, f"{style_name}.qml")
        shutil.copyfile(qml, tx.file(os.path.splitext(path)[0] + ".qml"))
        self._styles.append((path, qml))

    def _apply_styles(self, context):
        for path, qml in getattr(self, "_styles", []):
            if context.willLoadLayerOnCompletion(path):
                loader = StyleLoader(qml)
                _POST_PROCESSORS.append(loader)
                context.layerToLoadOnCompletionDetails(path).setPostProcessor(loader)

    def write_table(self, parameters, name, context, columns, rows):
        """Write a geometry-less table to a feature-sink parameter.

        ``columns`` is a list of (field name, 'double' | 'int' | 'string'); ``rows``
        a list of sequences. Call it after all computation, so a failure earlier
        leaves no table. Returns the destination id for the results dict.
        """
        fields = QgsFields()
        for field_name, kind in columns:
            fields.append(QgsField(field_name, field_type(kind)))
        path = _checks.destination_value(parameters, name, context) or ""
        # CSV: a .csvt sidecar keeps the column types, so QGIS and OGR read the numbers back as numbers.
        layer_options = ["CREATE_CSVT=YES", "STRING_QUOTING=IF_NEEDED"] if path.lower().endswith(".csv") else []
        sink, dest_id = self.parameterAsSink(parameters, name, context, fields, WKB_NO_GEOMETRY,
                                             QgsCoordinateReferenceSystem(), layerOptions=layer_options)
        if sink is None:
            raise QgsProcessingException(_tr("Output '{name}': the table could not be created.").format(name=name))
        for row in rows:
            feature = QgsFeature(fields)
            feature.setAttributes([_attr(v) for v in row])
            sink.addFeature(feature, SINK_FAST_INSERT)
        return dest_id


def _attr(value):
    """numpy scalars → Python values; NaN → NULL; a core ``Text`` (a str subclass, which PyQt does not turn
    into a QVariant) → its English ``str``."""
    if value is None:
        return None
    if isinstance(value, str):
        return str(value)
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and value != value:
        return None
    return value


def raster_layer_path(layer, name):
    """The file behind a raster layer; rejects non-GDAL layers with a clear message."""
    if not isinstance(layer, QgsRasterLayer) or layer.providerType() != "gdal":
        raise QgsProcessingException(
            _tr("Input '{name}': layer '{layer}' is not a file raster (GDAL); save it as GeoTIFF first.").format(
                name=name, layer=layer.name()))
    source = layer.source()
    path = source.split("|")[0]
    if not os.path.exists(path) and not source.startswith(("/vsi", "NETCDF:", "HDF")):
        return source
    return path
