"""HTML report of rsei:landsatstac: per year the dates used, the clear observations per pixel and a quick-look."""
import html

import numpy as np

from ..deps import rasterio
from ..http import redact
from ..report import figure_html, new_figure, table_html, write_page

MAX_SIDE = 400


def _read_small(path, bands):
    with rasterio.open(path) as ds:
        f = max(1, int(np.ceil(max(ds.width, ds.height) / MAX_SIDE)))
        shape = (len(bands), max(1, ds.height // f), max(1, ds.width // f))
        arr = ds.read(bands, out_shape=shape, masked=True).astype(float)
    return arr.filled(np.nan)


def quicklook(path):
    """True-colour RGB (red, green, blue), each band stretched between its 2nd and 98th percentiles."""
    rgb = _read_small(path, [3, 2, 1])
    out = np.zeros(rgb.shape[1:] + (3,))
    for i in range(3):
        b = rgb[i]
        ok = np.isfinite(b)
        if ok.any():
            lo, hi = np.percentile(b[ok], [2, 98])
            out[..., i] = np.clip((b - lo) / (hi - lo if hi > lo else 1.0), 0, 1)
    out[~np.isfinite(rgb).all(axis=0)] = 1.0
    return out


def year_figure(year, info):
    fig = new_figure(9.0, 4.0)
    ax1 = fig.add_subplot(1, 2, 1)
    ax1.imshow(quicklook(info["composite"]))
    ax1.set_title(f"{year}: composite (true colour)")
    ax1.set_axis_off()
    ax2 = fig.add_subplot(1, 2, 2)
    count = _read_small(info["count"], [1])[0]
    count[count < 0] = np.nan
    im = ax2.imshow(count, cmap="viridis", vmin=0, vmax=max(1, np.nanmax(count) if np.isfinite(count).any() else 1))
    fig.colorbar(im, ax=ax2, shrink=0.8, label="clear observations")
    ax2.set_title(f"{year}: clear observations per pixel")
    ax2.set_axis_off()
    return figure_html(fig, f"{year}: quick-look of the composite and the number of clear observations per pixel")


def write_report(path, summary, opts, grid):
    rows = summary["rows"]
    sections = []
    overview = [[y, ", ".join(i["dates"]), ", ".join(sorted(set(i["sensors"]))),
                 sum(1 for r in rows if r["year"] == y and r["used"] == "yes")]
                for y, i in sorted(summary["years"].items())]
    intro = (f"<p>Catalog {html.escape(redact(opts.catalog))}, collection {html.escape(opts.collection)}; months "
             f"{','.join(map(str, opts.months))}; grid {grid.width}×{grid.height} pixels of "
             f"{grid.pixel_size[0]:g}; {summary['bytes_read'] / 2 ** 20:.1f} MB read "
             f"({summary['windows_fetched']} windows fetched, {summary['windows_cached']} from the cache) in "
             f"{summary['seconds']:.1f} s.</p>")
    sections.append(("Years", intro + table_html(["year", "dates used", "sensors", "scenes used"], overview)))
    for y, info in sorted(summary["years"].items()):
        sections.append((str(y), year_figure(y, info)))
    sections.append(("Scenes", table_html(
        ["item", "year", "date", "sensor", "path/row", "cloud %", "clear % in area", "used", "why", "bytes"],
        [[r["item_id"], r["year"], r["date"], r["sensor"], r["path_row"], r["cloud_cover"], r["clear_percent"],
          r["used"], r["why"], r["bytes_read"]] for r in rows], digits=3)))
    write_page(path, "Landsat seasonal composites from a STAC API", sections,
               "rsei:landsatstac — only the area's windows of the assets were read")
