"""`make package`: the zip installs the way QGIS's "Install from ZIP" does it, and the plugin then works."""
import configparser
import importlib.util
import json
import os
import subprocess
import sys
import zipfile

import pytest

from conftest import REPO

sys.path.insert(0, os.path.join(REPO, "tools"))
import package  # noqa: E402  (tools/package.py)

QGIS_UNZIP = "/usr/share/qgis/python/pyplugin_installer/unzip.py"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("dist")
    return package.build(str(out))


def qgis_unzip(zip_path, target):
    """Install the way QGIS 3.22's plugin installer does: its own unzip() into the plugins folder."""
    if os.path.exists(QGIS_UNZIP):
        spec = importlib.util.spec_from_file_location("qgis_installer_unzip", QGIS_UNZIP)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        module.unzip(zip_path, str(target))
    else:
        with zipfile.ZipFile(zip_path) as zf:
            zf.extractall(target)


def test_name_and_layout(built):
    version = package.read_metadata()["version"]
    assert os.path.basename(built) == f"rsei_toolbox-{version}.zip"
    with zipfile.ZipFile(built) as zf:
        names = zf.namelist()
        assert zf.testzip() is None
    # One top folder, named as the plugin; the installer takes the plugin name from the
    # shortest metadata.txt path.
    assert {n.split("/")[0] for n in names} == {"rsei_toolbox"}
    assert sorted(n for n in names if n.endswith("metadata.txt"))[0] == "rsei_toolbox/metadata.txt"
    for required in ("metadata.txt", "__init__.py", "plugin.py", "provider.py", "meta.py", "README.md",
                     "algorithms/__init__.py", "algorithms/base.py", "core/raster.py", "resources/icons/rsei.png"):
        assert f"rsei_toolbox/{required}" in names, required
    if os.path.exists(os.path.join(REPO, "LICENSE")):
        assert "rsei_toolbox/LICENSE" in names
    for model in os.listdir(os.path.join(REPO, "resources", "models")) if os.path.isdir(
            os.path.join(REPO, "resources", "models")) else []:
        assert f"rsei_toolbox/resources/models/{model}" in names
    # Every algorithm module of the source tree is in the zip.
    for module in os.listdir(os.path.join(REPO, "algorithms")):
        if module.endswith(".py"):
            assert f"rsei_toolbox/algorithms/{module}" in names, module
    forbidden = ("/.git/", "/.venv/", "/tests/", "/__pycache__/", "/demo-output/", "/dist/", "/bench/",
                 "/.pytest_cache/", "/tools/", "/.qgis-settings/", "/.runtime/")
    for name in names:
        assert not any(part in "/" + name for part in forbidden), name
        assert not name.endswith((".pyc", ".partial")), name


def test_metadata_valid(built):
    with zipfile.ZipFile(built) as zf:
        text = zf.read("rsei_toolbox/metadata.txt").decode("utf-8")
    cfg = configparser.ConfigParser(interpolation=None)
    cfg.optionxform = str
    cfg.read_string(text)
    general = cfg["general"]
    for key in package.REQUIRED_METADATA + ("hasProcessingProvider", "icon", "qgisMaximumVersion"):
        assert general.get(key, "").strip(), key
    assert general["hasProcessingProvider"] == "yes"
    with zipfile.ZipFile(built) as zf:
        assert f"rsei_toolbox/{general['icon']}" in zf.namelist()


def test_reproducible(built, tmp_path):
    again = package.build(str(tmp_path))
    assert open(again, "rb").read() == open(built, "rb").read()


def test_invalid_metadata_is_refused(tmp_path):
    (tmp_path / "metadata.txt").write_text("[general]\nname=X\nversion=one\n", encoding="utf-8")
    with pytest.raises(package.PackageError, match="required keys missing"):
        package.build(str(tmp_path / "dist"), repo=str(tmp_path))
    assert not (tmp_path / "dist").exists() or not os.listdir(tmp_path / "dist")


def source_algorithm_ids(provider):
    return sorted(alg.id() for alg in provider.algorithms())


def test_unzipped_plugin_imports(built, tmp_path, provider):
    """Plain Python with only the unzipped folder's parent on sys.path: imports, lists the algorithms."""
    target = tmp_path / "plugins"
    qgis_unzip(built, target)
    code = f"""
import json, sys
sys.path.insert(0, {str(target)!r})
sys.path.append('/usr/share/qgis/python/plugins')
from qgis.core import QgsApplication
app = QgsApplication([], False)
app.initQgis()
import rsei_toolbox
from rsei_toolbox.provider import RseiProvider
provider = RseiProvider()
QgsApplication.processingRegistry().addProvider(provider)
print(json.dumps({{"file": rsei_toolbox.__file__, "ids": sorted(a.id() for a in provider.algorithms())}}))
"""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out = subprocess.run(["/usr/bin/python3", "-c", code], capture_output=True, text=True, env=env, cwd="/",
                         timeout=300)
    assert out.returncode == 0, out.stderr
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert result["file"].startswith(str(target))
    assert result["ids"] == source_algorithm_ids(provider)
    assert result["ids"], "the packaged provider lists no algorithms"


def test_installed_plugin_in_qgis_process(built, tmp_path, provider):
    """Installed into a fresh profile's plugin folder (as Install from ZIP does): qgis_process lists it."""
    config = tmp_path / "profile"
    plugins = config / "profiles" / "default" / "python" / "plugins"
    qgis_unzip(built, plugins)
    xdg = tmp_path / "xdg"
    xdg.mkdir(mode=0o700)
    env = {k: v for k, v in os.environ.items() if k != "QGIS_PLUGINPATH"}
    env.update(QGIS_CUSTOM_CONFIG_PATH=str(config), QT_QPA_PLATFORM="offscreen", XDG_RUNTIME_DIR=str(xdg))

    def call(*args):
        return subprocess.run(["qgis_process.bin", *args], capture_output=True, text=True, env=env, timeout=300)

    enabled = call("plugins", "enable", "rsei_toolbox")
    assert enabled.returncode == 0, enabled.stdout + enabled.stderr
    listed = call("--json", "list")
    assert listed.returncode == 0, listed.stderr
    rsei = json.loads(listed.stdout)["providers"]["rsei"]
    assert rsei["version"] == package.read_metadata()["version"]
    assert sorted(rsei["algorithms"]) == source_algorithm_ids(provider)
