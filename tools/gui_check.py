"""Desktop check, run inside QGIS: ``qgis --code tools/gui_check.py`` (see tests/test_gui.py).

QGIS runs this file once its main window exists. After the event loop has started
it checks that the plugin ``rsei_toolbox`` is loaded and its provider registered,
shows the Processing Toolbox and reads back from the Toolbox's own tree which
``rsei:`` algorithms it lists, opens each algorithm's dialog (the one a user gets
by double-clicking it in the Toolbox), checks that every visible parameter got a
widget, grabs screenshots, writes ``gui_check.json`` and quits QGIS.

It also opens each shipped model in the Model Designer and checks that its
algorithms are there.

Environment: ``RSEI_GUI_OUT`` is the folder for the JSON and the PNG files
(default: a new temporary folder); ``RSEI_GUI_SCALE`` an optional factor (< 1)
to shrink the screenshots; ``RSEI_GUI_LAYERS`` optional raster files (separated
by ``os.pathsep``) to show on the map in the desktop screenshot; ``RSEI_GUI_RUN``
optional JSON ``{"id": "rsei:…", "params": {…}}``: an algorithm to run from its
dialog first (Run button), recording whether it finished and which layers QGIS
then loaded with which renderer (the plugin's styles); ``RSEI_GUI_WATCHDOG``
seconds after which a blocked check records the fact and exits (default 150).
"""
import json
import os
import tempfile
import time
import traceback

from qgis.core import Qgis, QgsApplication, QgsProcessingModelAlgorithm, QgsProcessingParameterDefinition
from qgis.PyQt.QtCore import QCoreApplication, QEventLoop, Qt, QTimer
from qgis.PyQt.QtWidgets import QDockWidget, QTextBrowser, QTreeView

try:  # QGIS >= 3.36 / QGIS 4
    FLAG_HIDDEN = Qgis.ProcessingParameterFlag.Hidden
except AttributeError:  # QGIS 3.22
    FLAG_HIDDEN = QgsProcessingParameterDefinition.Flag.FlagHidden

PLUGIN = "rsei_toolbox"
PROVIDER = "rsei"
OUT_DIR = os.environ.get("RSEI_GUI_OUT") or tempfile.mkdtemp(prefix="rsei-gui-")
SCALE = float(os.environ.get("RSEI_GUI_SCALE", "1") or 1)
LAYERS = [p for p in os.environ.get("RSEI_GUI_LAYERS", "").split(os.pathsep) if p]


def _pump(seconds):
    """Let Qt paint and deliver events for a while."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        time.sleep(0.02)


def _save(widget, name):
    """PNG of a widget (its own rendering, so it works on any virtual display)."""
    pixmap = widget.grab()
    if SCALE < 1:
        pixmap = pixmap.scaledToWidth(int(pixmap.width() * SCALE), Qt.TransformationMode.SmoothTransformation)
    path = os.path.join(OUT_DIR, name)
    pixmap.save(path, "PNG")
    return {"file": name, "width": pixmap.width(), "height": pixmap.height()}


def _walk(model, parent=None):
    """Every index of a tree model, depth first."""
    from qgis.PyQt.QtCore import QModelIndex
    parent = parent if parent is not None else QModelIndex()
    for row in range(model.rowCount(parent)):
        index = model.index(row, 0, parent)
        yield index
        yield from _walk(model, index)


def toolbox_check(main_window, result):
    """Show the Processing Toolbox, list what it shows under the provider, expand it, screenshot."""
    dock = main_window.findChild(QDockWidget, "ProcessingToolbox")
    if dock is None:
        result["errors"].append("Processing Toolbox dock not found")
        return
    dock.setVisible(True)
    dock.raise_()
    main_window.resizeDocks([dock], [430], Qt.Orientation.Horizontal)
    # QgsProcessingToolboxTreeView is a QTreeView with algorithmForIndex().
    views = [v for v in dock.findChildren(QTreeView) if hasattr(v, "algorithmForIndex")]
    if not views:
        result["errors"].append("Processing Toolbox tree not found")
        return
    view = views[0]
    _pump(0.5)
    # The provider's own node (not "Recently used", which repeats algorithms once run).
    provider_index = next((i for i in _walk(view.model()) if view.algorithmForIndex(i) is None
                           and i.data() == "RSEI Toolbox"), None)
    listed = []
    if provider_index is not None:
        for index in _walk(view.model(), provider_index):
            alg = view.algorithmForIndex(index)
            if alg is not None and alg.provider() is not None and alg.provider().id() == PROVIDER:
                listed.append(alg.id())
    result["toolbox_ids"] = sorted(listed)
    result["toolbox_provider_node"] = provider_index is not None
    if provider_index is not None:
        view.collapseAll()
        view.expandRecursively(provider_index)
        view.scrollTo(provider_index, QTreeView.ScrollHint.PositionAtTop)
        alg_indices = [i for i in _walk(view.model(), provider_index) if view.algorithmForIndex(i) is not None]
        models = [i for i in alg_indices if isinstance(view.algorithmForIndex(i), QgsProcessingModelAlgorithm)]
        if alg_indices:
            view.setCurrentIndex((models or alg_indices)[0])
    _pump(1.0)
    result["screenshots"].append(_save(main_window, "desktop.png"))
    result["screenshots"].append(_save(dock, "toolbox.png"))


def dialog_check(alg, result):
    """Open the algorithm's dialog as the Toolbox does, check its parameter widgets, screenshot, close."""
    import processing

    entry = {"id": alg.id(), "opened": False, "missing_widgets": None}
    result["dialogs"].append(entry)
    dialog = processing.createAlgorithmDialog(alg.id(), {})
    if dialog is None:
        entry["error"] = "createAlgorithmDialog returned None"
        return
    try:
        dialog.resize(900, 720)
        dialog.show()
        _pump(0.6)
        entry["opened"] = dialog.isVisible()
        entry["title"] = dialog.windowTitle()
        panel = dialog.mainWidget()
        wrappers = getattr(panel, "wrappers", None)
        if wrappers is not None:
            expected = [p.name() for p in dialog.algorithm().parameterDefinitions()
                        if not p.flags() & FLAG_HIDDEN]
            entry["missing_widgets"] = [name for name in expected if name not in wrappers]
        entry["parameters"] = len(dialog.algorithm().parameterDefinitions())
        help_panel = dialog.findChild(QTextBrowser, "textShortHelp")
        entry["help_text"] = help_panel.toPlainText() if help_panel is not None else None
        entry["screenshot"] = _save(dialog, f"dialog_{alg.name()}.png")["file"]
    finally:
        dialog.close()
        dialog.deleteLater()
        _pump(0.1)


def load_layers(iface, result):
    """Show the given rasters on the map (their .qml beside them styles them, as for any user)."""
    for path in LAYERS:
        layer = iface.addRasterLayer(path, os.path.splitext(os.path.basename(path))[0])
        if layer is None or not layer.isValid():
            result["errors"].append(f"could not load {path}")
    if LAYERS:
        iface.mapCanvas().zoomToFullExtent()
        _pump(1.5)


def modeler_check(model, result):
    """Open a shipped model in the Model Designer (processing's ModelerDialog); screenshot."""
    entry = {"id": model.id(), "opened": False, "children": []}
    result["modeler"].append(entry)
    from processing.modeler.ModelerDialog import ModelerDialog

    designer = ModelerDialog.create(model)
    try:
        designer.resize(1100, 760)
        designer.show()
        _pump(0.5)
        view = designer.view()
        view.fitInView(view.scene().itemsBoundingRect().adjusted(-30, -30, 30, 30),
                       Qt.AspectRatioMode.KeepAspectRatio)
        _pump(0.5)
        entry["opened"] = designer.isVisible()
        entry["children"] = sorted(c.algorithmId() for c in designer.model().childAlgorithms().values())
        entry["screenshot"] = _save(designer, f"modeler_{model.name()}.png")["file"]
    finally:
        # hide, not close: closing asks about unsaved changes in a modal box.
        designer.hide()
        designer.deleteLater()
        _pump(0.1)


def run_in_dialog(spec, result):
    """Run an algorithm from its dialog as a user does (Run button), wait, inspect the loaded layers."""
    import processing
    from qgis.core import QgsProject

    entry = {"id": spec["id"], "finished": False, "ok": None, "results": {}, "layers": {}}
    result["run"] = entry
    dialog = processing.createAlgorithmDialog(spec["id"], spec.get("params", {}))
    if dialog is None:
        entry["error"] = "createAlgorithmDialog returned None"
        return
    # QGIS 3.22 cannot preset a list of files in a multiple-layer widget: its setWidgetValue()
    # keeps only values that load as map layers, and MTL files do not (the user's file picker
    # sets them directly). Give such a widget the files the way its picker would.
    wrappers = getattr(dialog.mainWidget(), "wrappers", {})
    for name, value in spec.get("params", {}).items():
        wrapper = wrappers.get(name)
        if isinstance(value, list) and wrapper is not None and not wrapper.parameterValue():
            wrapper.parameterValue = (lambda files=list(value): files)
            entry.setdefault("preset_files", []).append(name)
    done = {}
    dialog.algorithmFinished.connect(lambda ok, res: done.update(ok=ok, results=res))
    dialog.resize(900, 720)
    dialog.show()
    _pump(0.3)
    dialog.runAlgorithm()
    end = time.monotonic() + float(spec.get("timeout", 120))
    while "ok" not in done and time.monotonic() < end:
        _pump(0.2)
    entry["finished"] = "ok" in done
    entry["ok"] = done.get("ok")
    entry["results"] = {k: v for k, v in (done.get("results") or {}).items() if isinstance(v, (str, int, float))}
    _pump(1.0)
    for layer in QgsProject.instance().mapLayers().values():
        renderer = layer.renderer() if hasattr(layer, "renderer") else None
        entry["layers"][layer.name()] = {"source": layer.source().split("|")[0],
                                         "renderer": renderer.type() if renderer is not None else None}
    if dialog.isVisible():  # kept open (a failure, or the user's setting): show its log
        entry["screenshot"] = _save(dialog, "run_dialog.png")["file"]
        dialog.hide()
    dialog.deleteLater()
    _pump(0.2)


def write_result():
    with open(os.path.join(OUT_DIR, "gui_check.json"), "w", encoding="utf-8") as fh:
        json.dump(RESULT, fh, indent=1)


def _watchdog():
    """A modal box (or anything else) blocked the check: record it and leave."""
    RESULT["errors"].append(f"watchdog: the check did not finish within {WATCHDOG_S} s")
    write_result()
    os._exit(3)


RESULT = {"plugin_loaded": False, "provider": False, "algorithm_ids": [], "toolbox_ids": [],
          "dialogs": [], "modeler": [], "run": None, "screenshots": [], "errors": [], "qgis_version": None}
WATCHDOG_S = float(os.environ.get("RSEI_GUI_WATCHDOG", "150"))
RUN_SPEC = json.loads(os.environ.get("RSEI_GUI_RUN") or "null")


def run_check():
    result = RESULT
    # Timers still fire inside modal dialogs' event loops, so this catches a blocked check.
    QTimer.singleShot(int(WATCHDOG_S * 1000), _watchdog)
    try:
        import qgis.utils
        result["qgis_version"] = Qgis.QGIS_VERSION
        result["plugin_loaded"] = PLUGIN in qgis.utils.active_plugins
        provider = QgsApplication.processingRegistry().providerById(PROVIDER)
        result["provider"] = provider is not None
        if provider is not None:
            algorithms = sorted(provider.algorithms(), key=lambda a: a.id())
            result["algorithm_ids"] = [a.id() for a in algorithms]
        main_window = qgis.utils.iface.mainWindow()
        main_window.resize(1280, 800)
        main_window.showMaximized()
        _pump(1.0)
        load_layers(qgis.utils.iface, result)
        if RUN_SPEC:
            try:
                run_in_dialog(RUN_SPEC, result)
            except Exception:  # noqa: BLE001
                result["run"]["error"] = traceback.format_exc()
            qgis.utils.iface.mapCanvas().zoomToFullExtent()
            _pump(1.0)
        toolbox_check(main_window, result)
        if provider is not None:
            for alg in algorithms:
                try:
                    dialog_check(alg, result)
                except Exception:  # noqa: BLE001 - record and go on with the next dialog
                    result["dialogs"][-1]["error"] = traceback.format_exc()
            for model in [a for a in algorithms if isinstance(a, QgsProcessingModelAlgorithm)]:
                try:
                    modeler_check(model, result)
                except Exception:  # noqa: BLE001
                    result["modeler"][-1]["error"] = traceback.format_exc()
    except Exception:  # noqa: BLE001 - the JSON must always be written
        result["errors"].append(traceback.format_exc())
    finally:
        write_result()
        QTimer.singleShot(200, _quit)


def _quit():
    """Leave QGIS without any question (the project is marked clean); force it if it hangs."""
    import qgis.utils
    from qgis.core import QgsProject
    QgsProject.instance().setDirty(False)
    QTimer.singleShot(15000, lambda: os._exit(0))  # last resort, the result is already written
    qgis.utils.iface.actionExit().trigger()


# QGIS executes this file before its event loop starts: do the work once it runs.
QTimer.singleShot(1500, run_check)
