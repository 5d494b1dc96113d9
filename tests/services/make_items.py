"""Run with the STAC tooling venv: ``python make_items.py MTL.xml ...`` prints a JSON list of stactools-landsat
items (``stactools.landsat.stac.create_item(mtl_xml, use_usgs_geometry=False)``)."""
import json
import sys

from stactools.landsat.stac import create_item

print(json.dumps([create_item(p, use_usgs_geometry=False).to_dict() for p in sys.argv[1:]]))
