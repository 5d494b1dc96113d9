"""Shared fixtures.

The repository root is the plugin package; it is made importable as
``rsei_toolbox`` through a symlink in a temporary folder (never in the source
tree), the way QGIS imports the installed plugin.
"""
import os
import sys
import tempfile

import numpy as np
import pytest

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED_DATA = os.path.normpath(os.path.join(REPO, "..", "shared", "data"))
QGIS_PLUGINS = "/usr/share/qgis/python/plugins"

_PKG_PARENT = tempfile.mkdtemp(prefix="rsei-pkg-")
os.symlink(REPO, os.path.join(_PKG_PARENT, "rsei_toolbox"))
sys.path.insert(0, _PKG_PARENT)
if QGIS_PLUGINS not in sys.path:
    sys.path.append(QGIS_PLUGINS)
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def shared(*parts):
    """Path in ../shared/data; skips the test if the data is not there."""
    path = os.path.join(SHARED_DATA, *parts)
    if not os.path.exists(path):
        pytest.skip(f"shared test data not found: {path}")
    return path


@pytest.fixture(scope="session")
def plugin_parent():
    """Folder containing the plugin as ``rsei_toolbox`` (for QGIS_PLUGINPATH)."""
    return _PKG_PARENT


@pytest.fixture(scope="session")
def provider(qgis_processing):
    """The RSEI provider registered once for the session (a reference is kept alive)."""
    from qgis.core import QgsApplication
    from rsei_toolbox.provider import RseiProvider

    registry = QgsApplication.processingRegistry()
    existing = registry.providerById("rsei")
    if existing is not None:
        yield existing
        return
    prov = RseiProvider()
    assert registry.addProvider(prov)
    yield prov


@pytest.fixture
def run_alg(provider):
    """``run_alg('rsei:x', params)`` → results dict, through processing.run."""
    import processing
    from qgis.core import QgsProcessingContext, QgsProcessingFeedback

    def _run(alg_id, params, feedback=None):
        context = QgsProcessingContext()
        return processing.run(alg_id, params, context=context, feedback=feedback or QgsProcessingFeedback())
    return _run


def write_raster(path, array, transform=(30.0, 0.0, 500000.0, 0.0, -30.0, 4000000.0), crs="EPSG:32633",
                 nodata=None, dtype=None):
    """Write a small GeoTIFF for a test (2-D array → one band, 3-D → bands first)."""
    import rasterio
    from rasterio.transform import Affine

    arr = np.asarray(array)
    if arr.ndim == 2:
        arr = arr[None]
    with rasterio.open(path, "w", driver="GTiff", width=arr.shape[2], height=arr.shape[1], count=arr.shape[0],
                       dtype=dtype or arr.dtype.name, crs=crs, transform=Affine(*transform),
                       nodata=nodata) as ds:
        ds.write(arr.astype(dtype or arr.dtype))
    return str(path)


def read_raster(path, band=1, masked=True):
    import rasterio
    with rasterio.open(path) as ds:
        return ds.read(band, masked=masked)


@pytest.fixture(scope="session")
def qgis_process(plugin_parent, tmp_path_factory):
    """``qgis_process('run', 'rsei:x', '--', 'A=1')`` → CompletedProcess, as a user runs it.

    Uses ``qgis_process.bin`` (Debian's wrapper is broken), a private profile folder,
    QGIS_PLUGINPATH pointing at the plugin, and enables the plugin once.
    """
    import subprocess

    exe = "qgis_process.bin"
    config = tmp_path_factory.mktemp("qgis-profile")
    env = dict(os.environ, QGIS_PLUGINPATH=plugin_parent, QGIS_CUSTOM_CONFIG_PATH=str(config),
               QT_QPA_PLATFORM="offscreen", XDG_RUNTIME_DIR=str(tmp_path_factory.mktemp("xdg")))
    os.chmod(env["XDG_RUNTIME_DIR"], 0o700)

    def _call(*args, check=False, timeout=600):
        return subprocess.run([exe, *args], env=env, capture_output=True, text=True, timeout=timeout,
                              check=check)

    enabled = _call("plugins", "enable", "rsei_toolbox")
    assert enabled.returncode == 0, enabled.stdout + enabled.stderr
    return _call


from services.fixtures import stac_env  # noqa: E402,F401 - the loopback STAC services (session fixture)
