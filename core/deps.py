"""Optional third-party packages, imported once, so the plugin loads without them.

Use ``from .deps import rasterio`` in core modules and call :func:`require` before
work that needs them; a missing package then gives an install instruction instead
of an ImportError at plugin load.
"""
try:  # pragma: no cover - exercised by the missing-dependency test
    import rasterio
    import rasterio.windows
    import rasterio.vrt
    import rasterio.warp
    import rasterio.features
except ImportError:  # pragma: no cover
    rasterio = None

try:  # pragma: no cover
    import scipy
    import scipy.stats
    import scipy.ndimage
    import scipy.special
except ImportError:  # pragma: no cover
    scipy = None

from .errors import Joined, MissingDependency, Text

INSTALL_HELP = {
    "rasterio": Text(
        "Windows (OSGeo4W Shell, run as administrator): 'python -m pip install rasterio'; "
        "macOS (QGIS.app): '/Applications/QGIS.app/Contents/MacOS/bin/python3 -m pip install rasterio'; "
        "Debian/Ubuntu: 'sudo apt install python3-rasterio'."
    ),
    "scipy": Text(
        "Windows (OSGeo4W Shell, run as administrator): 'python -m pip install scipy' "
        "(or select python3-scipy in the OSGeo4W installer); "
        "macOS (QGIS.app): '/Applications/QGIS.app/Contents/MacOS/bin/python3 -m pip install scipy'; "
        "Debian/Ubuntu: 'sudo apt install python3-scipy'."
    ),
}


def missing(names=("rasterio", "scipy")):
    """Names of the required packages that could not be imported."""
    found = {"rasterio": rasterio, "scipy": scipy}
    return [n for n in names if found.get(n) is None]


def require(names=("rasterio", "scipy")):
    """Raise :class:`MissingDependency` with install instructions for any missing package."""
    absent = missing(names)
    if absent:
        lines = [Text("RSEI Toolbox needs the Python package '{package}', which QGIS's Python cannot import. "
                      "Install it, then restart QGIS. {install}", package=n, install=INSTALL_HELP[n]) for n in absent]
        raise MissingDependency("{missing}", missing=Joined(" ", lines))
