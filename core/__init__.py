"""Pure numpy/scipy/rasterio core of RSEI Toolbox.

Nothing in this package imports ``qgis``: every function takes arrays or file
paths and reports progress and cancellation through plain callables, so the
science can be tested and reused without QGIS.
"""
