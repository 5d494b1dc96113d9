"""RSEI Toolbox: a QGIS Processing plugin for the Remote Sensing Ecological Index."""


def classFactory(iface):  # noqa: N802 - name required by QGIS
    """Entry point called by QGIS when the plugin is loaded."""
    from . import translation
    from .plugin import RseiToolboxPlugin
    translation.install()  # before any name or help is asked for
    return RseiToolboxPlugin(iface)
