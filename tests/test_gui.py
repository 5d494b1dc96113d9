"""The QGIS desktop (on a virtual X display) loads the plugin, lists its algorithms and opens every dialog."""
import os
import shutil
import sys

import pytest

from conftest import REPO, SHARED_DATA, read_raster

sys.path.insert(0, os.path.join(REPO, "tools"))
import run_gui_check  # noqa: E402  (tools/run_gui_check.py)


@pytest.fixture(scope="module")
def gui(tmp_path_factory, provider):
    if not shutil.which("xvfb-run"):
        pytest.skip("xvfb-run not found (Debian: apt install xvfb xauth): the desktop check needs a virtual display")
    if not run_gui_check.qgis_executable():
        pytest.skip("the QGIS desktop executable (qgis.bin) is not installed")
    out = tmp_path_factory.mktemp("gui")
    mtl = os.path.join(SHARED_DATA, "landsat-c2l2-products", "LC08_L2SP_098084_20210503_20210508_02_T1",
                       "LC08_L2SP_098084_20210503_20210508_02_T1_MTL.txt")
    run_spec = None
    if os.path.exists(mtl):  # without the test data the rest of the check still runs
        run_spec = {"id": "rsei:rseioneyear", "params": {
            "SCENES": [mtl], "MONTHS": "1-12", "rsei:RSEI": str(out / "rsei.tif"),
            "rsei:RSEI_GRADES": str(out / "grades.tif"), "rsei:RSEI_TABLE": str(out / "areas.csv")}}
    result, proc = run_gui_check.run(str(out), timeout=180, run_spec=run_spec)
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
        # The help panel beside the parameters shows the algorithm's help, references included.
        assert dialog["help_text"] and "References" in dialog["help_text"], alg_id
        assert os.path.getsize(os.path.join(out, dialog["screenshot"])) > 5000, alg_id


def test_help_panel_keeps_sentences_whole(gui, provider):
    """In the rendered help panel each paragraph, list item and heading of the help is one line of text.

    (QGIS's dialog turned every newline of shortHelpString() into a paragraph break, which split sentences
    such as "MASK does" / "not exclude it" of rsei:rsei.)
    """
    import html
    import re

    from rsei_toolbox.translation import html_units
    result, _, _ = gui
    by_id = {d["id"]: d for d in result["dialogs"]}
    for alg in provider.algorithms():
        lines = [" ".join(line.split()) for line in by_id[alg.id()]["help_text"].splitlines()]
        units = html_units(alg.shortHelpString())
        assert units, alg.id()
        for unit in units:
            plain = " ".join(html.unescape(re.sub(r"<[^>]+>", "", unit)).split())
            assert any(plain in line for line in lines), (alg.id(), plain[:100])
    rsei_lines = by_id["rsei:rsei"]["help_text"].splitlines()
    assert any("MASK does not exclude it" in line for line in rsei_lines)


def test_screenshots_written(gui):
    result, out, _ = gui
    names = {s["file"]: s for s in result["screenshots"]}
    assert {"desktop.png", "toolbox.png"} <= set(names)
    assert names["desktop.png"]["width"] >= 1000
    for name in names:
        with open(os.path.join(out, name), "rb") as fh:
            assert fh.read(8) == b"\x89PNG\r\n\x1a\n", name


def test_model_runs_from_its_dialog(gui):
    """Run button of the model's dialog: it finishes, QGIS loads the outputs with the plugin's styles."""
    result, out, _ = gui
    run = result["run"]
    if run is None:
        pytest.skip(f"shared test data not found in {SHARED_DATA}")
    assert "error" not in run, run.get("error")
    assert run["finished"] and run["ok"], run
    assert run["results"]["rsei:RSEI"] == os.path.join(out, "rsei.tif")
    rsei = read_raster(os.path.join(out, "rsei.tif"))
    assert rsei.count() > 100 and rsei.min() >= 0.0 and rsei.max() <= 1.0
    sources = {layer["source"]: layer["renderer"] for layer in run["layers"].values()}
    # The styles: a continuous ramp for RSEI, five labelled colours for the grades.
    assert sources[os.path.join(out, "rsei.tif")] == "singlebandpseudocolor"
    assert sources[os.path.join(out, "grades.tif")] == "paletted"
    assert os.path.join(out, "areas.csv") in sources
