"""What both demo scripts need (``run_demo.py`` runs the tools, ``report_page.py`` writes the page):
the paths, the demo's error type and the small table and raster readers.

A leaf module: it imports neither script, so ``run_demo.py`` is loaded once (as ``__main__``) and a
:class:`DemoError` raised here is the class that ``run_demo.main`` catches.
"""
import csv
import os

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)


class DemoError(RuntimeError):
    """A step of the demo failed for a reason the user can act on (no traceback is shown)."""


def read_table(path):
    """Rows (dicts) of the first layer of a vector file or table (GeoPackage, CSV …)."""
    from osgeo import ogr
    ds = ogr.Open(path)
    if ds is None:
        raise DemoError(f"cannot open table {path}")
    layer = ds.GetLayer(0)
    defn = layer.GetLayerDefn()
    names = [defn.GetFieldDefn(i).GetName() for i in range(defn.GetFieldCount())]
    rows = [{n: f.GetField(n) for n in names} for f in layer]
    ds = None
    return rows


def field(row, *names, default=None):
    """A value of ``row`` by the first matching name (case-insensitive)."""
    low = {k.lower(): v for k, v in row.items()}
    for n in names:
        if n.lower() in low:
            return low[n.lower()]
    return default


def write_gpkg_table(path, name, columns, rows):
    """A geometry-less GeoPackage table (numeric columns stay numeric for the next tool)."""
    from osgeo import ogr
    if os.path.exists(path):
        os.remove(path)
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(path)
    layer = ds.CreateLayer(name, None, ogr.wkbNone)
    kinds = {"int": ogr.OFTInteger, "float": ogr.OFTReal, "str": ogr.OFTString}
    for col, kind in columns:
        layer.CreateField(ogr.FieldDefn(col, kinds[kind]))
    for row in rows:
        feat = ogr.Feature(layer.GetLayerDefn())
        for (col, _), value in zip(columns, row):
            if value is not None:
                feat.SetField(col, value)
        layer.CreateFeature(feat)
    ds = None


def write_csv(path, columns, rows):
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(columns)
        w.writerows(rows)


def read_band(path, band=1):
    """Band as float64 with NaN for NoData."""
    import numpy as np
    import rasterio
    with rasterio.open(path) as ds:
        arr = ds.read(band, masked=True).astype("float64")
    return np.ma.filled(arr, np.nan)


def say(msg):
    print(msg, flush=True)
