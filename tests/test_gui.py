"""The QGIS desktop (on a virtual X display) loads the plugin, lists its algorithms and opens every dialog."""
import os
import shutil
import sys

import pytest

from conftest import REPO

sys.path.insert(0, os.path.join(REPO, "tools"))
import run_gui_check  # noqa: E402  (tools/run_gui_check.py)


@pytest.fixture(scope="module")
def gui(tmp_path_factory, provider):
    if not shutil.which("xvfb-run"):
        pytest.skip("xvfb-run not found (Debian: apt install xvfb xauth): the desktop check needs a virtual display")
    if not run_gui_check.qgis_executable():
        pytest.skip("the QGIS desktop executable (qgis.bin) is not installed")
    out = tmp_path_factory.mktemp("gui")
    result, proc = run_gui_check.run(str(out), timeout=180)
    assert result is not None, f"QGIS wrote no result (exit {proc.returncode}):\n{proc.stdout[-2000:]}\n" \
                               f"{proc.stderr[-4000:]}"
    return result, str(out), sorted(a.id() for a in provider.algorithms())


def test_plugin_loaded(gui):
    result, _, _ = gui
    assert result["errors"] == []
    assert result["plugin_loaded"], "rsei_toolbox is not among QGIS's active plugins"
    assert result["provider"], "the rsei provider is not registered in the desktop"


def test_toolbox_lists_every_algorithm(gui):
    result, _, expected = gui
    assert expected, "the provider has no algorithms"
    assert result["algorithm_ids"] == expected
    # Read back from the Processing Toolbox's tree, not from the registry.
    assert result["toolbox_ids"] == expected
    assert result["toolbox_provider_node"]


def test_every_dialog_opens(gui):
    result, out, expected = gui
    by_id = {d["id"]: d for d in result["dialogs"]}
    assert sorted(by_id) == expected
    for alg_id, dialog in by_id.items():
        assert "error" not in dialog, (alg_id, dialog.get("error"))
        assert dialog["opened"], alg_id
        assert dialog["missing_widgets"] == [], (alg_id, dialog["missing_widgets"])
        assert dialog["parameters"] > 0, alg_id
        assert os.path.getsize(os.path.join(out, dialog["screenshot"])) > 5000, alg_id


def test_screenshots_written(gui):
    result, out, _ = gui
    names = {s["file"]: s for s in result["screenshots"]}
    assert {"desktop.png", "toolbox.png"} <= set(names)
    assert names["desktop.png"]["width"] >= 1000
    for name in names:
        with open(os.path.join(out, name), "rb") as fh:
            assert fh.read(8) == b"\x89PNG\r\n\x1a\n", name
