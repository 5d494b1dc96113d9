"""The QGIS plugin object: registers the Processing provider and nothing else."""
from qgis.core import QgsApplication
from qgis.PyQt.QtCore import QCoreApplication

from . import translation
from .provider import RseiProvider


class RseiToolboxPlugin:
    """Adds the RSEI Toolbox provider to Processing (desktop Toolbox and qgis_process)."""

    def __init__(self, iface):
        self.iface = iface
        self.provider = None

    def initProcessing(self):  # noqa: N802 - QGIS API
        """Called by QGIS (also by qgis_process) to register the provider."""
        translation.install()  # QGIS's interface locale (our own translator; English without a .qm)
        if self.provider is None:
            self.provider = RseiProvider()
            QgsApplication.processingRegistry().addProvider(self.provider)
            _warm_up_for_the_command_line()

    def initGui(self):  # noqa: N802 - QGIS API
        self.initProcessing()

    def unload(self):
        if self.provider is not None:
            QgsApplication.processingRegistry().removeProvider(self.provider)
            self.provider = None
        translation.uninstall()


def _warm_up_for_the_command_line():
    """When this process was started to run ``rsei:senmk`` (``qgis_process run rsei:senmk …``), start loading
    its compiled kernel (:func:`~.core.trend.median_numba.warm_up`) now, while QGIS loads its other providers,
    instead of when the run begins; nothing otherwise (``help``, other algorithms, the desktop: numba is loaded
    by the run that needs it)."""
    args = QCoreApplication.arguments()
    if "run" in args and "rsei:senmk" in args:
        from .core.trend import median_numba
        median_numba.warm_up()
