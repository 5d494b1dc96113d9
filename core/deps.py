"""Optional third-party packages, imported on first use, so the plugin loads without them (and fast).

Use ``from .deps import rasterio`` in core modules and call :func:`require` before
work that needs them; a missing package then gives an install instruction instead
of an ImportError at plugin load. ``rasterio`` and ``scipy`` here are stand-ins that import
the package on the first attribute read (``rasterio.open``, ``scipy.special``): loading the
provider (every ``qgis_process`` call, every QGIS start) does not pay for them, and a run
imports only what it touches (SciPy's submodules load lazily by themselves).
"""
import importlib
import importlib.util


class _Lazy:
    """A package imported, with the ``submodules`` the core reads as attributes, on first attribute access."""

    def __init__(self, name, submodules=()):
        self._name = name
        self._submodules = submodules
        self._module = None

    def _load(self):
        if self._module is None:
            try:
                module = importlib.import_module(self._name)
                for sub in self._submodules:
                    importlib.import_module(f"{self._name}.{sub}")
            except ImportError as exc:
                raise MissingDependency("{missing} Python's error: {error}", missing=_lines([self._name]),
                                        error=str(exc)) from None
            self._module = module
        return self._module

    def available(self):
        if self._module is not None:
            return True
        try:
            return importlib.util.find_spec(self._name) is not None
        except (ImportError, ValueError):   # sys.modules[name] = None, or a broken entry
            return False

    def __getattr__(self, attr):
        return getattr(self._load(), attr)

    def __repr__(self):
        return f"<lazy module {self._name}{' (loaded)' if self._module is not None else ''}>"


rasterio = _Lazy("rasterio", ("windows", "vrt", "warp", "features"))
scipy = _Lazy("scipy")

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
    """Names of the required packages that QGIS's Python cannot import."""
    found = {"rasterio": rasterio, "scipy": scipy}
    return [n for n in names if found.get(n) is None or not found[n].available()]


def require(names=("rasterio", "scipy")):
    """Raise :class:`MissingDependency` with install instructions for any missing package."""
    absent = missing(names)
    if absent:
        raise MissingDependency("{missing}", missing=_lines(absent))


def _lines(absent):
    return Joined(" ", [Text("RSEI Toolbox needs the Python package '{package}', which QGIS's Python cannot import. "
                             "Install it, then restart QGIS. {install}", package=n, install=INSTALL_HELP[n])
                        for n in absent])
