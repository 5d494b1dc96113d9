"""Parameter definitions that several algorithms share (a private module: discovery skips ``_`` files).

Each function returns a parameter for :meth:`~.base.RseiAlgorithm.add`, which adds its help text. The
core's option tuples (e.g. the QA_PIXEL conditions) are passed in by the algorithm, so this module
imports nothing from ``core`` and the algorithms keep one import line per core module.
"""
from qgis.core import QgsProcessingParameterEnum, QgsProcessingParameterNumber, QgsProcessingParameterString

from .compat import NUMBER_DOUBLE

#: Tasseled-cap wetness coefficient sets by sensor key, as the options name them (eq. 3–5 of Han et al. 2025).
WETNESS_LABELS = {"TM": "TM (Crist 1985)", "ETM": "ETM+ (Huang et al. 2002)", "OLI": "OLI (Baig et al. 2014)"}

#: Help of the years parameters: what an empty value means (the range of core/years.py YEAR_IN_NAME).
YEARS_FROM_NAMES = "the four-digit year (1800–2199) in each file name"


def qa_mask(name, description, conditions, default):
    """Multiple choice of QA_PIXEL ``conditions`` (core names, shown with spaces), ``default`` preselected."""
    return QgsProcessingParameterEnum(
        name, description, options=[c.replace("_", " ") for c in conditions], allowMultiple=True,
        defaultValue=[conditions.index(c) for c in default], optional=True)


def years(name, description="Years (comma-separated)"):
    """Optional comma-separated years, one per input (parsed by ``core.years.parse_years``)."""
    return QgsProcessingParameterString(name, description, optional=True)


def clip_percent(name):
    """Percentile clip before the min–max normalisation (0 = exact minimum and maximum, as the paper)."""
    return QgsProcessingParameterNumber(name, "Clip to percentiles before normalising (%)", NUMBER_DOUBLE, 0.0,
                                        False, 0.0, 49.9)
