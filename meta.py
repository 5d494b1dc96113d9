"""The plugin's metadata and paths: version (from metadata.txt), icon, styles and models.

A leaf module: it imports nothing from the plugin, so ``provider.py``, ``algorithms/base.py`` and the tools
can all import it without an import cycle.
"""
import os

PLUGIN_DIR = os.path.dirname(os.path.abspath(__file__))
RESOURCES_DIR = os.path.join(PLUGIN_DIR, "resources")
ICON = os.path.join(RESOURCES_DIR, "icons", "rsei.png")
STYLE_DIR = os.path.join(RESOURCES_DIR, "styles")
MODEL_DIR = os.path.join(RESOURCES_DIR, "models")
METADATA = os.path.join(PLUGIN_DIR, "metadata.txt")


def plugin_version():
    """The version in metadata.txt ("unknown" when it has none)."""
    with open(METADATA, encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("version="):
                return line.split("=", 1)[1].strip()
    return "unknown"
