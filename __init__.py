"""RSEI Toolbox: a QGIS Processing plugin for the Remote Sensing Ecological Index."""


def classFactory(iface):  # noqa: N802 - name required by QGIS
    """Entry point called by QGIS when the plugin is loaded."""
    from .plugin import RseiToolboxPlugin
    return RseiToolboxPlugin(iface)
