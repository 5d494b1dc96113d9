"""Checks made before any work (a private module: discovery skips ``_`` files).

:func:`check_destinations` looks at every output destination of an algorithm: its folder must exist or be
creatable and its extension must match what is written there (GeoTIFF rasters, a table format OGR writes, the
report's HTML). :class:`Folders` creates the missing folders just before the run and removes them again
(only those it made, only when empty) when the run fails. :func:`check_distinct` refuses one file given for
inputs that must differ, and :func:`check_raster_kind` uses the tags the toolbox writes
(``core.kinds``) to refuse a composite where an indicator is expected and the reverse.

Every function raises :class:`~..core.errors.CoreError` with a message that names the parameter.
"""
import os
import re

from qgis.core import (QgsProcessingOutputLayerDefinition, QgsProcessingParameterFeatureSink,
                       QgsProcessingParameterFileDestination, QgsProcessingParameterFolderDestination,
                       QgsProcessingParameterRasterDestination, QgsProperty, QgsVectorFileWriter)

from ..core.errors import CoreError
from ..translation import tr

#: Extensions of raster outputs: every raster is written by the GeoTIFF driver.
RASTER_EXTENSIONS = (".tif", ".tiff")
#: Table formats offered in messages (any extension OGR writes is accepted).
TABLE_EXAMPLES = (".gpkg", ".csv", ".xlsx", ".ods", ".dbf")
#: Extensions OGR maps onto drivers that cannot store a geometry-less table, or that are not tables at all.
TABLE_REFUSED = {".txt": "Geoconcept, which needs a CRS and a geometry", ".dgn": "MicroStation DGN (drawings)",
                 ".gxt": "Geoconcept", ".000": "S-57 (nautical charts)", ".gml": "GML (needs geometries)",
                 ".kml": "KML (needs geometries)", ".gpx": "GPX (needs geometries)",
                 ".shp": "a shapefile, which cannot store a table without geometry: use .dbf"}
_PREFIXES = re.compile(r"^(?:[a-z][a-z0-9_]+):", re.I)


def destination_value(parameters, name, context):
    """The destination text of output ``name`` as given, or None when unset or not a file (temporary, memory…)."""
    value = parameters.get(name)
    if isinstance(value, QgsProcessingOutputLayerDefinition):
        value = value.sink
    if isinstance(value, QgsProperty):
        value = value.valueAsString(context.expressionContext(), "")
    if value in (None, "") or not isinstance(value, str):
        return None
    if value == "TEMPORARY_OUTPUT" or value.startswith(("memory:", "/vsi")):
        return None
    if _PREFIXES.match(value) and not re.match(r"^[A-Za-z]:[\\/]", value):  # ogr:…, postgres:…, not C:\…
        return None
    return value


def _extension(path):
    return os.path.splitext(path)[1].lower()


def _filter_extensions(file_filter):
    """['.html', …] from a Qt file filter such as 'HTML files (*.html)' (empty: any)."""
    exts = [e.lower() for e in re.findall(r"\*(\.[A-Za-z0-9_.]+)", file_filter or "")]
    return [e for e in exts if e != ".*"]


def check_destination(parameter, path):
    """Raise CoreError when ``path`` cannot receive the output ``parameter``; returns the folders to create."""
    name = parameter.name()
    ext = _extension(path)
    if isinstance(parameter, QgsProcessingParameterRasterDestination):
        if ext and ext not in RASTER_EXTENSIONS:
            raise CoreError(tr("{name}: '{path}' cannot be written: raster outputs are GeoTIFF "
                               "files; give a name ending in .tif or .tiff.").format(name=name, path=path))
    elif isinstance(parameter, QgsProcessingParameterFeatureSink):
        if ext:
            allowed = {"." + e.lower() for e in QgsVectorFileWriter.supportedFormatExtensions()}
            if ext in TABLE_REFUSED or ext not in allowed:
                why = f" ({TABLE_REFUSED[ext]})" if ext in TABLE_REFUSED else ""
                raise CoreError(tr("{name}: '{path}' cannot be written: '{ext}' is not a table "
                                   "format{why}. Give a name ending in one of {examples}.")
                                .format(name=name, path=path, ext=ext, why=why, examples=', '.join(TABLE_EXAMPLES)))
    elif isinstance(parameter, QgsProcessingParameterFileDestination):
        allowed = _filter_extensions(parameter.fileFilter())
        if ext and allowed and ext not in allowed:
            raise CoreError(tr("{name}: '{path}' cannot be written: give a name ending in "
                               "{extensions}.").format(name=name, path=path, extensions=' or '.join(allowed)))
    if os.path.isdir(path) and not isinstance(parameter, QgsProcessingParameterFolderDestination):
        raise CoreError(tr("{name}: '{path}' is a folder; give a file name.").format(name=name, path=path))
    if isinstance(parameter, QgsProcessingParameterFolderDestination):
        if os.path.exists(path) and not os.path.isdir(path):
            raise CoreError(tr("{name}: '{path}' is a file, not a folder.").format(name=name, path=path))
        folder = os.path.abspath(path)
    else:
        folder = os.path.dirname(os.path.abspath(path))
    return _folders_to_make(name, folder)


def _folders_to_make(name, folder):
    """The missing folders on the way to ``folder`` (outermost first), after checking they can be made."""
    missing = []
    probe = folder
    while not os.path.exists(probe):
        missing.append(probe)
        parent = os.path.dirname(probe)
        if parent == probe:
            break
        probe = parent
    if not os.path.isdir(probe):
        raise CoreError(tr("{name}: the folder '{folder}' cannot be created: '{probe}' is a file.")
                        .format(name=name, folder=folder, probe=probe))
    if not os.access(probe, os.W_OK | os.X_OK):
        raise CoreError((tr("{name}: the folder '{folder}' cannot be created in: permission denied.") if missing else
                         tr("{name}: the folder '{folder}' cannot be written to: permission denied."))
                        .format(name=name, folder=folder if not missing else probe))
    return list(reversed(missing))


def check_destinations(alg, parameters, context):
    """Check every output destination of ``alg`` that was given a file; returns the folders to create."""
    folders = []
    for parameter in alg.destinationParameterDefinitions():
        path = destination_value(parameters, parameter.name(), context)
        if path is None:
            continue
        for folder in check_destination(parameter, path):
            if folder not in folders:
                folders.append(folder)
    return folders


class Folders:
    """Creates missing output folders before the run; :meth:`remove` deletes those it made if they are empty."""

    def __init__(self, folders):
        self.made = []
        for folder in folders:
            if not os.path.isdir(folder):
                os.makedirs(folder)
                self.made.append(folder)

    def remove(self):
        for folder in sorted(self.made, key=len, reverse=True):
            try:
                os.rmdir(folder)
            except OSError:  # not empty (a file that was there before), or already gone
                pass
        self.made = []


# ----------------------------------------------------------------------------- inputs

def check_distinct(named_paths, what):
    """Refuse one file given for several of ``named_paths`` ([(parameter, path)]), which must differ."""
    seen = {}
    for name, path in named_paths:
        if not path:
            continue
        key = os.path.normcase(os.path.realpath(path)) if os.path.exists(path) else path
        if key in seen:
            where = "twice" if seen[key] == name else f"also as {seen[key]}"
            raise CoreError(tr("{name}: '{file}' is given {where}; {what}.")
                            .format(name=name, file=os.path.basename(path), where=where, what=what))
        seen[key] = name
