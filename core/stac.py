"""STAC API item search and Landsat Collection 2 Level-2 items → scene records.

Search: ``POST <catalog>/search`` (STAC API – Item Search) with ``collections``, ``bbox`` or ``intersects``,
``datetime`` (one interval per year and season), ``limit`` and the Query extension filters
``eo:cloud_cover`` (``lte``) and ``platform`` (``in``). Pages are followed through the ``next`` link: a
link with ``method: POST`` sends its ``body`` (merged into the previous body when ``merge`` is true, as
the STAC API spec says), a link without a method is a GET of its ``href``. The same filters are applied
again to every item, so a catalog that ignores the Query extension gives the same scenes.

Items: the asset keys of Planetary Computer's ``landsat-c2-l2`` collection (made by stactools-landsat):
``blue green red nir08 swir16 swir22`` → the reflectance roles, ``lwir11`` (OLI/TIRS) or ``lwir`` (TM, ETM+)
→ thermal, ``qa_pixel``; scale and offset from each asset's ``raster:bands`` (STAC raster extension),
falling back to the item's MTL asset (``mtl.xml``, ``mtl.txt`` or ``mtl.json``).
"""
import calendar
import copy
import datetime as dt
from dataclasses import dataclass, field

from .errors import CoreError, Text
from .http import HttpError, check_url, proxy_text, redact

PC_CATALOG = "https://planetarycomputer.microsoft.com/api/stac/v1"
PC_COLLECTION = "landsat-c2-l2"

#: STAC asset key → the role used by core.landsat (REFLECTANCE_ROLES + thermal).
ASSET_ROLES = {"blue": "blue", "green": "green", "red": "red", "nir08": "nir", "swir16": "swir1",
               "swir22": "swir2"}
THERMAL_KEYS = ("lwir11", "lwir")
QA_KEY = "qa_pixel"
MTL_KEYS = ("mtl.xml", "mtl.txt", "mtl.json")

#: Sensor enum of rsei:landsatstac → (sensor label, STAC platforms).
SENSORS = (("TM", ("landsat-4", "landsat-5")), ("ETM+", ("landsat-7",)), ("OLI", ("landsat-8",)),
           ("OLI-2", ("landsat-9",)))
PLATFORM_SENSOR = {"landsat-4": "TM", "landsat-5": "TM", "landsat-7": "ETM", "landsat-8": "OLI",
                   "landsat-9": "OLI"}
PLATFORM_SPACECRAFT = {p: p.upper().replace("-", "_") for p in PLATFORM_SENSOR}
#: ETM+ scan-line corrector failure (USGS): scenes after this date have the SLC-off gaps.
SLC_FAILURE = dt.date(2003, 5, 31)

MAX_PAGES = 200
PAGE_LIMIT = 100


@dataclass
class StacAsset:
    role: str
    href: str            # unsigned
    scale: float = None
    offset: float = None
    nodata: float = None


@dataclass
class StacScene:
    """One Landsat item reduced to what the composite needs."""

    item_id: str
    collection: str
    datetime: str
    date: str
    platform: str
    sensor: str          # TM, ETM or OLI (core.landsat families)
    spacecraft: str
    path_row: str
    cloud_cover: float
    assets: dict = field(default_factory=dict)   # role → StacAsset (reflectance roles, "thermal", "qa")
    mtl_href: str = None
    note: str = ""       # why the scene cannot be used ("" = usable)

    @property
    def year(self):
        return int(self.date[:4])

    @property
    def month(self):
        return int(self.date[5:7])

    @property
    def sensor_label(self):
        return {"landsat-9": "OLI-2", "landsat-7": "ETM+"}.get(self.platform, self.sensor)


# ----------------------------------------------------------------------------- seasons

def season_interval(year, months):
    """``(start, end)`` dates of the season of ``year``: from the first to the last month of ``months``.

    A wrap-around season (e.g. 11-2 = Nov, Dec, Jan, Feb) is the one that ends in ``year`` (it starts in
    November of ``year - 1``). Months inside the interval but not in ``months`` are filtered per item.
    """
    months = sorted(set(int(m) for m in months))
    if len(months) == 12:
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    # The season starts after the largest gap in the circular sequence of months.
    gaps = [((months[(i + 1) % len(months)] - m) % 12 or 12, i) for i, m in enumerate(months)]
    _, i = max(gaps)
    first, last = months[(i + 1) % len(months)], months[i]
    start_year = year - 1 if first > last else year
    start = dt.date(start_year, first, 1)
    end = dt.date(year, last, calendar.monthrange(year, last)[1])
    return start, end


def season_year(date, months):
    """The season year of a date (the year the season ends in)."""
    d = dt.date.fromisoformat(date[:10])
    start, _ = season_interval(d.year, months)
    if start.year < d.year and d.month >= start.month:
        return d.year + 1
    return d.year


# ----------------------------------------------------------------------------- search

def merge_body(body, link_body, merge):
    """The body of the next page: ``link_body`` merged into ``body`` (``merge``) or replacing it."""
    if not merge:
        return copy.deepcopy(link_body or {})
    out = copy.deepcopy(body)
    out.update(copy.deepcopy(link_body or {}))
    return out


def search(client, catalog, body, monitor=None, max_pages=MAX_PAGES):
    """Every feature of a POST /search, following ``next`` links. Raises :class:`CoreError` naming the URL."""
    catalog = check_url(catalog, "CATALOG").rstrip("/")
    url = f"{catalog}/search"
    method, features, pages = "POST", [], 0
    seen = set()
    while url:
        pages += 1
        if pages > max_pages:
            raise CoreError("The search at {catalog} returned more than {max_pages} pages; narrow the years, months or "
                            "area.", catalog=redact(catalog), max_pages=max_pages)
        try:
            if method == "POST":
                page = client.post_json(url, body, what=Text("STAC search"))
            else:
                page = client.get_json(url, what=Text("STAC search"))
        except HttpError as exc:
            raise _catalog_error(exc, catalog, client, Text("a STAC API with item search")) from None
        if not isinstance(page, dict) or not isinstance(page.get("features"), list):
            raise CoreError("The reply of {address} is not a STAC ItemCollection (no 'features' list); is {catalog} a "
                            "STAC API?", address=redact(url), catalog=redact(catalog))
        features.extend(f for f in page["features"] if isinstance(f, dict))
        nxt = next((ln for ln in page.get("links") or [] if isinstance(ln, dict) and ln.get("rel") == "next"), None)
        if not nxt or not nxt.get("href") or not page["features"]:
            break
        url = check_url(nxt["href"], Text("The search's next link"))
        method = str(nxt.get("method") or "GET").upper()
        if method == "POST":
            body = merge_body(body, nxt.get("body"), bool(nxt.get("merge", False)))
        key = (url, method, repr(sorted(body.items())) if method == "POST" else "")
        if key in seen:
            raise CoreError("The search at {catalog} returned a next link that repeats a page.",
                            catalog=redact(catalog))
        seen.add(key)
        if monitor is not None:
            monitor.check()
    return features


def _catalog_error(exc, catalog, client, kind):
    """The error for an HTTP failure at the catalog: unreachable (no status), or not ``kind`` (an HTTP status)."""
    if exc.status is None:
        return CoreError("The STAC catalog {catalog} could not be reached{proxy}: {exc}", catalog=redact(catalog),
                         proxy=proxy_text(client.proxy), exc=exc)
    return CoreError("The STAC catalog {catalog} is not {kind}{proxy}: {exc}", catalog=redact(catalog), kind=kind,
                     proxy=proxy_text(client.proxy), exc=exc)


def open_catalog(client, catalog):
    """The landing page's conformance: ``{"query": bool}``. Raises a clear error when the URL cannot be reached or
    is not a STAC API with item search (its landing page must be JSON with ``conformsTo`` or a ``search`` link)."""
    catalog = check_url(catalog, "CATALOG").rstrip("/")
    try:
        landing = client.get_json(catalog, what=Text("STAC catalog"))
    except HttpError as exc:
        raise _catalog_error(exc, catalog, client, Text("a STAC API")) from None
    except CoreError as exc:
        raise CoreError("The STAC catalog {catalog} is not a STAC API: {exc}", catalog=redact(catalog),
                        exc=exc) from None
    conforms = landing.get("conformsTo") if isinstance(landing, dict) else None
    links = landing.get("links") if isinstance(landing, dict) else None
    has_search = any(isinstance(ln, dict) and ln.get("rel") == "search" for ln in links or [])
    conforms = [str(c) for c in conforms] if isinstance(conforms, list) else []
    if not (any("item-search" in c for c in conforms) or has_search):
        raise CoreError("{catalog} is not a STAC API with item search (its landing page has no item-search conformance "
                        "class and no 'search' link).", catalog=redact(catalog))
    return {"query": any("item-search#query" in c for c in conforms)}


def search_body(collection, year, months, bbox=None, intersects=None, max_cloud=None, platforms=None,
                limit=PAGE_LIMIT):
    start, end = season_interval(year, months)
    body = {"collections": [collection],
            "datetime": f"{start.isoformat()}T00:00:00Z/{end.isoformat()}T23:59:59Z",
            "limit": int(limit)}
    if intersects is not None:
        body["intersects"] = intersects
    elif bbox is not None:
        body["bbox"] = [float(v) for v in bbox]
    query = {}
    if max_cloud is not None:
        query["eo:cloud_cover"] = {"lte": float(max_cloud)}
    if platforms:
        query["platform"] = {"in": list(platforms)}
    if query:
        body["query"] = query
    return body


# ----------------------------------------------------------------------------- items

def _raster_band(asset):
    bands = asset.get("raster:bands")
    if isinstance(bands, list) and bands and isinstance(bands[0], dict):
        return bands[0]
    return {}


def _num(value):
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def item_scene(item, default_collection):
    """A :class:`StacScene` from a STAC item dict (``note`` says why it cannot be used, if so)."""
    props = item.get("properties") or {}
    item_id = str(item.get("id") or "?")
    datetime_ = str(props.get("datetime") or props.get("start_datetime") or "")
    platform = str(props.get("platform") or "").lower()
    sensor = PLATFORM_SENSOR.get(platform, "")
    wrs = f"{props.get('landsat:wrs_path', '')}/{props.get('landsat:wrs_row', '')}"
    scene = StacScene(item_id, str(item.get("collection") or default_collection), datetime_, datetime_[:10],
                      platform, sensor, PLATFORM_SPACECRAFT.get(platform, ""), wrs,
                      _num(props.get("eo:cloud_cover")))
    if len(scene.date) != 10:
        scene.note = "no datetime"
        return scene
    if not sensor:
        scene.note = f"platform '{platform}' is not Landsat 4–9 TM/ETM+/OLI"
        return scene
    assets = item.get("assets") or {}
    for key in MTL_KEYS:
        href = (assets.get(key) or {}).get("href")
        if isinstance(href, str) and href.lower().startswith(("http://", "https://")):
            scene.mtl_href = href
            break
    wanted = dict(ASSET_ROLES)
    thermal = next((k for k in THERMAL_KEYS if k in assets), None)
    if thermal:
        wanted[thermal] = "thermal"
    wanted[QA_KEY] = "qa"
    for key, role in wanted.items():
        asset = assets.get(key)
        if not isinstance(asset, dict):
            continue
        href = asset.get("href")
        try:
            check_url(href, Text("Asset '{key}' of item {item_id}", key=key, item_id=item_id))
        except CoreError:
            scene.note = (f"asset '{key}' has an href that is not http(s) "
                          f"('{str(href)[:40]}'); only http(s) assets are read")
            return scene
        rb = _raster_band(asset)
        scene.assets[role] = StacAsset(role, href, _num(rb.get("scale")), _num(rb.get("offset")),
                                       _num(rb.get("nodata")))
    missing = [k for k, r in ASSET_ROLES.items() if r not in scene.assets]
    if missing:
        scene.note = f"no {', '.join(missing)} asset"
    return scene


def reflectance_number(sensor, role):
    """The Landsat band number of a role (for the MTL fallback)."""
    from .mtl import BAND_NUMBERS
    return BAND_NUMBERS[sensor]["thermal" if role == "thermal" else role]
