"""Exceptions raised by the core; their messages are shown to the user as is."""


class CoreError(Exception):
    """A problem with the input or the run that the user can act on."""


class GridMismatch(CoreError):
    """Two rasters that must share one grid do not."""


class Canceled(CoreError):
    """The user canceled the run."""

    def __init__(self, message="The run was canceled; no output was written."):
        super().__init__(message)


class MissingDependency(CoreError):
    """A Python package the algorithm needs is not importable by QGIS's Python."""
