"""Enum names that work on QGIS 3.22 and on QGIS 4 (Qt6).

QGIS 3.22 accepts the fully scoped forms used here; newer QGIS moved several
enums to ``Qgis.*``. Each constant is resolved once, preferring the new name.
"""
from qgis.core import (Qgis, QgsFeatureRequest, QgsFeatureSink, QgsProcessing, QgsProcessingParameterDefinition,
                       QgsProcessingParameterField, QgsProcessingParameterNumber, QgsWkbTypes)


def _pick(new_owner, new_path, old_owner, old_path):
    for owner, path in ((new_owner, new_path), (old_owner, old_path)):
        obj = owner
        try:
            for part in path.split("."):
                obj = getattr(obj, part)
            return obj
        except AttributeError:
            continue
    raise AttributeError(f"{old_path} not found in this QGIS version")


FLAG_ADVANCED = _pick(Qgis, "ProcessingParameterFlag.Advanced",
                      QgsProcessingParameterDefinition, "Flag.FlagAdvanced")
FLAG_OPTIONAL = _pick(Qgis, "ProcessingParameterFlag.Optional",
                      QgsProcessingParameterDefinition, "Flag.FlagOptional")
NUMBER_DOUBLE = _pick(Qgis, "ProcessingNumberParameterType.Double",
                      QgsProcessingParameterNumber, "Type.Double")
NUMBER_INTEGER = _pick(Qgis, "ProcessingNumberParameterType.Integer",
                       QgsProcessingParameterNumber, "Type.Integer")
TYPE_RASTER = _pick(Qgis, "ProcessingSourceType.Raster", QgsProcessing, "SourceType.TypeRaster")
TYPE_VECTOR_ANY = _pick(Qgis, "ProcessingSourceType.Vector", QgsProcessing, "SourceType.TypeVector")
TYPE_VECTOR_POLYGON = _pick(Qgis, "ProcessingSourceType.VectorPolygon", QgsProcessing,
                            "SourceType.TypeVectorPolygon")
TYPE_FILE = _pick(Qgis, "ProcessingSourceType.File", QgsProcessing, "SourceType.TypeFile")
FIELD_NUMERIC = _pick(Qgis, "ProcessingFieldParameterDataType.Numeric",
                      QgsProcessingParameterField, "DataType.Numeric")
FIELD_ANY = _pick(Qgis, "ProcessingFieldParameterDataType.Any",
                  QgsProcessingParameterField, "DataType.Any")


def field_type(kind):
    """Field type for ``QgsField``: 'double', 'int', 'string' (QMetaType on QGIS ≥ 3.38, QVariant before)."""
    if Qgis.versionInt() >= 33800:
        from qgis.PyQt.QtCore import QMetaType
        return {"double": QMetaType.Type.Double, "int": QMetaType.Type.LongLong,
                "string": QMetaType.Type.QString}[kind]
    from qgis.PyQt.QtCore import QVariant
    return {"double": QVariant.Type.Double, "int": QVariant.Type.LongLong,
            "string": QVariant.Type.String}[kind]


# Feature and geometry enums (moved to Qgis.* in QGIS 3.30/3.36).

WKB_NO_GEOMETRY = _pick(Qgis, "WkbType.NoGeometry", QgsWkbTypes, "Type.NoGeometry")
REQUEST_NO_GEOMETRY = _pick(Qgis, "FeatureRequestFlag.NoGeometry", QgsFeatureRequest, "Flag.NoGeometry")
SINK_FAST_INSERT = _pick(Qgis, "FeatureSinkFlag.FastInsert", QgsFeatureSink, "Flag.FastInsert")
FLAG_HIDDEN = _pick(Qgis, "ProcessingParameterFlag.Hidden", QgsProcessingParameterDefinition, "Flag.FlagHidden")
