"""Processing algorithms, one per module named after the algorithm id (``rsei:<id>`` → ``<id>.py``).

:func:`algorithm_classes` imports every module of this package except the shared
``base`` and ``compat`` and the private ``_``-prefixed helpers (``_params``, …) and
collects the :class:`~.base.RseiAlgorithm` subclasses (named ``<Name>Algorithm``)
that define ``ALG_ID``. Modules import the core lazily, so the plugin loads even
where rasterio or scipy is missing.
"""
import importlib
import inspect
import pkgutil

#: Shared modules that hold no algorithm (besides the ``_``-prefixed ones).
SHARED_MODULES = {"base", "compat"}


def algorithm_classes():
    from .base import RseiAlgorithm

    classes = []
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if info.name in SHARED_MODULES or info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        for _, obj in inspect.getmembers(module, inspect.isclass):
            if issubclass(obj, RseiAlgorithm) and obj.__module__ == module.__name__ and obj.ALG_ID:
                classes.append(obj)
    return classes
