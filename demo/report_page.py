"""The demo's ``report.html``: one self-contained page (figures embedded as PNG) built from the outputs
of the tools run by ``run_demo.py``.

It uses the plugin's own report helpers (``core/report.py``: new_figure, figure_html, table_html,
write_page), imported from the plugin package through a temporary ``rsei_toolbox`` symlink as QGIS
imports it; matplotlib runs on the Agg canvas only.
"""
import html
import importlib
import os
import re
import sys
import tempfile

import numpy as np

from common import REPO, field, read_band, read_table

CLCD_COLORS = {1: ("cropland", "#f5e76b"), 2: ("forest", "#1f7a1f"), 3: ("shrub", "#6bb34a"),
               4: ("grassland", "#b9d97a"), 5: ("water", "#3a7bd5"), 6: ("snow/ice", "#ffffff"),
               7: ("barren", "#c9b18f"), 8: ("impervious", "#d23c3c"), 9: ("wetland", "#5fc4c4")}


def _report_module():
    """``rsei_toolbox.core.report`` (the plugin's helpers), imported through a temp symlink."""
    try:
        return importlib.import_module("rsei_toolbox.core.report")
    except ImportError:
        parent = tempfile.mkdtemp(prefix="rsei-pkg-")
        os.symlink(REPO, os.path.join(parent, "rsei_toolbox"))
        sys.path.insert(0, parent)
        return importlib.import_module("rsei_toolbox.core.report")


def qml_palette(tif):
    """{value: (label, colour)} from the QGIS style (.qml) the tool wrote beside a class raster."""
    qml = os.path.splitext(tif)[0] + ".qml"
    out = {}
    if not os.path.exists(qml):
        return out
    with open(qml, encoding="utf-8") as fh:
        text = fh.read()
    for entry in re.findall(r"<paletteEntry[^>]*>", text):
        attrs = dict(re.findall(r'(\w+)="([^"]*)"', entry))
        try:
            out[int(float(attrs["value"]))] = (attrs.get("label", attrs["value"]), attrs.get("color", "#888888"))
        except (KeyError, ValueError):
            continue
    return out


def _extent_km(path):
    import rasterio
    with rasterio.open(path) as ds:
        b = ds.bounds
    return [0, (b.right - b.left) / 1000.0, 0, (b.top - b.bottom) / 1000.0]


def _on_grid(path, ref):
    """A class raster read onto the grid of ``ref`` (nearest neighbour; for display)."""
    import rasterio
    from rasterio.enums import Resampling
    from rasterio.vrt import WarpedVRT
    with rasterio.open(ref) as r:
        crs, transform, w, h = r.crs, r.transform, r.width, r.height
    with rasterio.open(path) as ds, WarpedVRT(ds, crs=crs, transform=transform, width=w, height=h,
                                              resampling=Resampling.nearest) as vrt:
        arr = vrt.read(1, masked=True).astype("float64")
    return np.ma.filled(arr, np.nan)


def _class_map(ax, path, palette, title, extent=None):
    """A class raster (path or array) drawn with its palette; returns legend handles."""
    from matplotlib.colors import ListedColormap, BoundaryNorm
    from matplotlib.patches import Patch
    arr = read_band(path) if isinstance(path, str) else path
    extent = extent or _extent_km(path)
    values = sorted(palette)
    lut = np.full(arr.shape, np.nan)
    for i, v in enumerate(values):
        lut[arr == v] = i
    cmap = ListedColormap([palette[v][1] for v in values])
    cmap.set_bad("#ffffff")
    ax.imshow(np.ma.masked_invalid(lut), cmap=cmap, norm=BoundaryNorm(np.arange(-0.5, len(values)), len(values)),
              extent=extent, interpolation="nearest")
    ax.set_title(title, fontsize=10)
    present = set(np.unique(arr[np.isfinite(arr)]).astype(int))
    return [Patch(facecolor=palette[v][1], edgecolor="#666", label=palette[v][0]) for v in values if v in present]


def _mine_outlines(ax, demo, ref):
    """Mine polygons over a map (km from the lower-left corner)."""
    from osgeo import ogr
    import rasterio
    with rasterio.open(ref) as ds:
        b = ds.bounds
    src = ogr.Open(os.path.join(demo.d["data"], demo.manifest["mines"]))
    for f in src.GetLayerByName("mines"):
        ring = f.GetGeometryRef().GetGeometryRef(0)
        pts = np.array(ring.GetPoints())
        ax.plot((pts[:, 0] - b.left) / 1000, (pts[:, 1] - b.bottom) / 1000, color="k", lw=0.6)
    src = None


def _num(v):
    try:
        return float(v)
    except (TypeError, ValueError):
        return None


def _rgb(path):
    """False colour (SWIR1, NIR, red) of a composite, stretched for display."""
    bands = [read_band(path, b) for b in (5, 4, 3)]
    rgb = np.dstack([np.clip(b / 0.45, 0, 1) for b in bands])
    return np.nan_to_num(rgb, nan=1.0)


def write(demo, path):
    import warnings
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # tight_layout and colour bars spanning several axes
        _write(demo, path)


def _write(demo, path):
    rep = _report_module()
    years = demo.years
    first, mid, last = years[0], min(years, key=lambda y: abs(y - 2012)), years[-1]
    sections = []

    # ---------------------------------------------------------------- the data
    scenes = demo.manifest["scenes"]
    rows = [(s["date"], s["mission"], s["product_id"], s["cloud_percent"], s["fill_percent"],
             "yes" if 6 <= int(s["date"][5:7]) <= 9 else "no (outside June–September)") for s in scenes]
    fig = rep.new_figure(10, 7.2)
    lc_axes = []
    for i, y in enumerate((first, mid, last)):
        ax = fig.add_subplot(2, 3, i + 1)
        ax.imshow(_rgb(demo.p("composites", f"composite_{y}.tif")),
                  extent=_extent_km(demo.p("rsei", "series", f"rsei_{y}.tif")))
        _mine_outlines(ax, demo, demo.p("rsei", "series", f"rsei_{y}.tif"))
        ax.set_title(f"Composite {y} (SWIR1/NIR/red)", fontsize=10)
        ax.set_xticks([])
        ax.set_yticks([])
        ax = fig.add_subplot(2, 3, i + 4)
        lc_axes.append(ax)
        ref = demo.p("rsei", "series", f"rsei_{y}.tif")
        clcd = _on_grid(os.path.join(demo.d["data"], demo.manifest["landcover"][str(y)]), ref)
        handles = _class_map(ax, clcd, CLCD_COLORS, f"CLCD land cover {y}", extent=_extent_km(ref))
        ax.set_xticks([])
        ax.set_yticks([])
    lc_axes[1].legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.02), ncol=5, fontsize=8,
                      frameon=False, columnspacing=1.0, handlelength=1.2)
    data_html = (
        "<p>Synthetic but realistic data generated by <code>demo/make_data.py</code> (seed "
        f"{demo.manifest['seed']}): a 9 × 9 km coal-mining area near Ningdong (106.5°E, 38.0°N, WGS 84 / UTM 48N) "
        f"with seven open-pit and nine underground mines (black outlines). {len(scenes)} Landsat Collection 2 Level-2 "
        "scenes of WRS-2 path 129 row 033 (TM, ETM+ with SLC-off gaps after 2003, OLI, OLI-2) with QA_PIXEL clouds, "
        "dilated clouds and shadows; CLCD-coded land cover per year, a DEM, mine polygons with production figures "
        "and yearly climate rasters. Pits and spoil heaps expand until 2012; reclamation (regraded, planted spoil "
        "heaps, partial backfilling) and a grazing ban follow.</p>"
        + rep.figure_html(fig, f"Figure 1. June–September median composites (false colour: bare ground pink, "
                               f"vegetation green, coal pits dark) and CLCD land cover in {first}, {mid} and {last}.")
        + rep.table_html(["date", "sensor", "product id", "cloud %", "SLC-off fill %", "used by the composite"], rows,
                         caption="Table 1. Landsat scenes (composited per year, June–September).", digits=3))
    sections.append(("The demo data", data_html))

    # ---------------------------------------------------------------- RSEI by year
    srows = demo.series_rows
    ys = np.array([int(field(r, "year")) for r in srows])
    rs = np.array([float(field(r, "rsei", "rsei_mean")) for r in srows])
    st = demo.results.get("seriestrend", {})
    fig = rep.new_figure(8, 4)
    ax = fig.add_subplot(1, 1, 1)
    ax.plot(ys, rs, "o-", color="#1b4332", label="mean RSEI")
    xx = np.linspace(ys.min(), ys.max(), 200)
    coef = np.polyfit(ys - ys.mean(), rs, 2)
    r2 = _num(st.get("QUAD_R2"))
    ax.plot(xx, np.polyval(coef, xx - ys.mean()), "--", color="#d95f02",
            label="quadratic fit" + (f" (R² = {r2:.2f})" if r2 is not None else ""))
    brk = _num(st.get("BREAK_YEAR"))
    if brk is not None:
        ax.axvline(brk, color="#7570b3", ls=":", label=f"break {brk:.0f}")
    sen, icpt = _num(st.get("SEN_SLOPE")), _num(st.get("SEN_INTERCEPT"))
    if sen is not None and icpt is not None:
        ax.plot(xx, icpt + sen * xx, color="#888", lw=1,
                label=f"Sen slope {sen:+.4f}/yr (MK p = {_num(st.get('MK_P')):.2f})")
    ax.set_xlabel("year")
    ax.set_ylabel("mean RSEI")
    ax.legend(fontsize=8)
    ax.grid(alpha=0.3)
    eg_by_year = {}
    for r in getattr(demo, "eg_rows", []):
        if str(field(r, "zone", default="(whole raster)")).startswith("("):  # not the per-mine rows
            try:
                eg_by_year[int(field(r, "year"))] = _num(field(r, "eg_index"))
            except (TypeError, ValueError):
                pass
    t5 = [(int(field(r, "year")), _num(field(r, "rsei")), _num(field(r, "ndvi")), _num(field(r, "wet")),
           _num(field(r, "ndbsi")), _num(field(r, "lst")), _num(field(r, "pc1_percent")),
           eg_by_year.get(int(field(r, "year")))) for r in srows]
    fig2 = rep.new_figure(10, 3.6)
    grid = fig2.add_gridspec(1, 4, width_ratios=[1, 1, 1, 0.05])
    for i, y in enumerate((first, mid, last)):
        ax = fig2.add_subplot(grid[0, i])
        im = ax.imshow(np.ma.masked_invalid(read_band(demo.p("rsei", "series", f"rsei_{y}.tif"))),
                       cmap="RdYlGn", vmin=0, vmax=1,
                       extent=_extent_km(demo.p("rsei", "series", f"rsei_{y}.tif")), interpolation="nearest")
        _mine_outlines(ax, demo, demo.p("rsei", "series", f"rsei_{y}.tif"))
        ax.set_title(f"RSEI {y}", fontsize=10)
        ax.set_xticks([])
        ax.set_yticks([])
    fig2.colorbar(im, cax=fig2.add_subplot(grid[0, 3]), label="RSEI")
    st_rows = []
    for key, label in (("SEN_SLOPE", "Sen slope (per year)"), ("MK_Z", "Mann–Kendall Z"),
                       ("MK_P", "Mann–Kendall p"),
                       ("QUAD_R2", "quadratic R²"), ("QUAD_VERTEX", "quadratic vertex (year of the minimum)"),
                       ("BREAK_YEAR", "break year (least squares, two segments)"),
                       ("SEG1_SLOPE", "slope up to the break (per year)"), ("SEG1_R", "r up to the break"),
                       ("SEG2_SLOPE", "slope after the break (per year)"), ("SEG2_R", "r after the break")):
        if key in st:
            st_rows.append((label, _num(st[key])))
    sections.append(("RSEI by year", (
        rep.figure_html(fig, "Figure 2. Mean RSEI per year (rsei:rseiseries, each year normalised and PCA-fitted on "
                             "its own as in the paper) with the least-squares quadratic and the break year found by "
                             "rsei:seriestrend: ecological quality falls while the mines expand and recovers with "
                             "reclamation.")
        + rep.table_html(["year", "RSEI", "NDVI′", "WET′", "NDBSI′", "LST′", "PC1 %", "EG index"], t5,
                         caption="Table 2. Mean RSEI and normalised indicators per year (as the paper's Table 5), "
                                 "and the EG index of the year's land cover (rsei:egindex, eq. 14).")
        + (rep.table_html(["statistic (rsei:seriestrend)", "value"], st_rows,
                          caption="Table 3. Trend of the yearly mean RSEI.") if st_rows else "")
        + rep.figure_html(fig2, f"Figure 3. RSEI in {first}, {mid} and {last} (rsei:rseiseries, each year on "
                                f"its own; water masked by MNDWI > 0); mine outlines in black. Coal pits score "
                                f"higher than the spoil heaps around them: dark surfaces have a high tasseled-cap "
                                f"wetness, a known trait of the RSEI."))))

    # ---------------------------------------------------------------- grade areas
    arows = sorted(demo.area_rows, key=lambda r: int(field(r, "year")))
    names = ["worst", "poor", "moderate", "good", "excellent"]
    colors = ["#d7191c", "#fdae61", "#ffffbf", "#a6d96a", "#1a9641"]
    fig = rep.new_figure(8, 4)
    ax = fig.add_subplot(1, 1, 1)
    bottom = np.zeros(len(arows))
    xs = np.arange(len(arows))
    for n, c in zip(names, colors):
        v = np.array([_num(field(r, f"{n}_km2")) or 0.0 for r in arows])
        ax.bar(xs, v, bottom=bottom, color=c, edgecolor="#555", lw=0.4, label=n)
        bottom += v
    ax.set_xticks(xs)
    ax.set_xticklabels([str(field(r, "year")) for r in arows])
    ax.set_ylabel("area (km²)")
    ax.legend(fontsize=8, ncol=5, loc="upper center", bbox_to_anchor=(0.5, -0.12), frameon=False)
    area_tab = [(int(field(r, "year")),) + tuple(_num(field(r, f"{n}_km2")) for n in names)
                + tuple(_num(field(r, f"{n}_pct")) for n in ("worst", "excellent")) for r in arows]
    gc_html = ""
    gc_path = demo.p("tables", f"grade_transitions_{first}_{last}.gpkg")
    if os.path.exists(gc_path):
        gc = read_table(gc_path)
        if gc:
            cols = list(gc[0].keys())
            gc_html = rep.table_html(cols, [tuple(r[c] for c in cols) for r in gc],
                                     caption=f"Table 5. Grade transitions {first} → {last} (km², rsei:gradechange).")
    sections.append(("Ecological grades", (
        rep.figure_html(fig, "Figure 4. Area of each RSEI grade per year (grades: worst ≤ 0.2 < poor ≤ 0.4 < "
                             "moderate ≤ 0.6 < good ≤ 0.8 < excellent), as the paper's Tables 6–7 and Figure 11.")
        + rep.table_html(["year"] + [f"{n} km²" for n in names] + ["worst %", "excellent %"], area_tab,
                         caption="Table 4. Grade areas per year (rsei:rseiseries).")
        + gc_html)))

    # ---------------------------------------------------------------- per-pixel trend
    trend = demo.p("trend", "rsei_trend.tif")
    if os.path.exists(trend):
        pal = qml_palette(trend)
        fig = rep.new_figure(10, 4.4)
        ax = fig.add_subplot(1, 2, 1)
        handles = _class_map(ax, trend, pal, f"Trend class {first}–{last}")
        _mine_outlines(ax, demo, trend)
        ax.legend(handles=handles, fontsize=7, loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=2, frameon=False)
        ax = fig.add_subplot(1, 2, 2)
        slope = read_band(demo.p("trend", "rsei_slope.tif"))
        lim = np.nanpercentile(np.abs(slope), 98) or 0.01
        im = ax.imshow(np.ma.masked_invalid(slope), cmap="RdYlGn", vmin=-lim, vmax=lim,
                       extent=_extent_km(trend), interpolation="nearest")
        _mine_outlines(ax, demo, trend)
        fig.colorbar(im, ax=ax, shrink=0.8, label="Sen slope of RSEI per year")
        ax.set_title("Sen slope", fontsize=10)
        trows = [tuple(r.values()) for r in getattr(demo, "trend_rows", [])]
        theads = list(demo.trend_rows[0].keys()) if trows else []
        sections.append(("Trend per pixel (Sen + Mann–Kendall)", (
            rep.figure_html(fig, f"Figure 5. Per-pixel Theil–Sen slope and Mann–Kendall class of the yearly RSEI "
                                 f"({first}–{last}, {len(years)} years; rsei:senmk with the default significance "
                                 "0.05). With a minimum around 2012, a monotonic trend test mostly sees the net "
                                 "change: expanding pits degrade, reclaimed spoil heaps and the greening steppe "
                                 "improve.")
            + rep.table_html(theads, trows, caption="Table 6. Area per trend class (rsei:senmk OUTPUT_TABLE)."))))

    # ---------------------------------------------------------------- coupling
    cp = demo.p("coupling", f"coupling_{last}.tif")
    if os.path.exists(cp):
        pal = qml_palette(cp)
        fig = rep.new_figure(10, 4.6)
        ax = fig.add_subplot(1, 2, 1)
        handles = _class_map(ax, cp, pal, f"EG × RSEI coupling {last}")
        _mine_outlines(ax, demo, cp)
        ax.set_xticks([])
        ax = fig.add_subplot(1, 2, 2)
        ax.axis("off")
        ax.legend(handles=handles, fontsize=7, loc="center left", frameon=False)
        ctab = read_table(demo.p("tables", f"coupling_areas_{last}.gpkg"))
        crow = [(field(r, "code"), field(r, "label"), _num(field(r, "area_km2")), _num(field(r, "percent")))
                for r in ctab]
        sections.append(("EG index and EG × RSEI coupling", (
            rep.figure_html(fig, f"Figure 6. Coupling code 10 × EG class + RSEI class in {last} (rsei:coupling, "
                                 "equal thirds). 33 (HH): good land-cover structure in good condition; 11 (LL): "
                                 "barren or built land in poor condition; 31: structurally good land that is degraded.")
            + rep.table_html(["code", "meaning", "area km²", "percent"], crow,
                             caption=f"Table 7. Area per coupling code, {last}."))))

    # ---------------------------------------------------------------- geodetector
    gd = getattr(demo, "gd_raster", None)
    if gd:
        gd = sorted(gd, key=lambda r: -(_num(field(r, "q")) or 0))
        fig = rep.new_figure(10, 4.2)
        ax = fig.add_subplot(1, 2, 1)
        ax.barh([str(field(r, "factor")) for r in gd][::-1], [_num(field(r, "q")) for r in gd][::-1], color="#2d6a4f")
        ax.set_xlabel("q (share of RSEI variance explained)")
        ax.set_title(f"Factor detector, RSEI {last}", fontsize=10)
        inter = demo.gd_raster_inter
        names = [str(field(r, "factor")) for r in gd]
        mat = np.full((len(names), len(names)), np.nan)
        for r in inter:
            a, b = str(field(r, "factor_a")), str(field(r, "factor_b"))
            if a in names and b in names:
                mat[names.index(a), names.index(b)] = mat[names.index(b), names.index(a)] = _num(field(r, "q"))
        for i, r in enumerate(gd):
            mat[i, i] = _num(field(r, "q"))
        ax = fig.add_subplot(1, 2, 2)
        im = ax.imshow(mat, cmap="YlOrRd", vmin=0, vmax=np.nanmax(mat) if np.isfinite(mat).any() else 1)
        ax.set_xticks(range(len(names)))
        ax.set_xticklabels(names, rotation=45, ha="right", fontsize=8)
        ax.set_yticks(range(len(names)))
        ax.set_yticklabels(names, fontsize=8)
        for i in range(len(names)):
            for j in range(len(names)):
                if np.isfinite(mat[i, j]):
                    ax.text(j, i, f"{mat[i, j]:.2f}", ha="center", va="center", fontsize=6)
        fig.colorbar(im, ax=ax, shrink=0.8, label="q(X1 ∩ X2)")
        ax.set_title("Interaction detector", fontsize=10)
        qrows = [(field(r, "factor"), _num(field(r, "q")), _num(field(r, "p_value")), field(r, "strata"),
                  field(r, "method")) for r in gd]
        irows = sorted(((field(r, "factor_a"), field(r, "factor_b"), _num(field(r, "q")), _num(field(r, "q_a")),
                         _num(field(r, "q_b")), field(r, "interaction")) for r in inter),
                       key=lambda t: -(t[2] or 0))
        body = (rep.figure_html(fig, f"Figure 7. Geodetector on the RSEI of {last} (rsei:geodetectorraster): q of "
                                     "each driving factor (left; land cover as categories, the others by natural "
                                     "breaks into 5 classes) and q of each pair of factors (right, diagonal = single "
                                     "factors), as the paper's Figure 14.")
                + rep.table_html(["factor", "q", "p", "strata", "method"], qrows,
                                 caption="Table 8. Factor detector (raster mode).")
                + rep.table_html(["factor A", "factor B", "q(A∩B)", "q(A)", "q(B)", "interaction"], irows,
                                 caption="Table 9. Interaction detector (raster mode)."))
        gm = getattr(demo, "gd_mines", None)
        if gm:
            yrs = sorted({str(field(r, "year")) for r in gm}, key=lambda s: (s.lower() == "mean", s))
            facs = sorted({str(field(r, "factor")) for r in gm})
            table = []
            for f in facs:
                row = [f]
                for y in yrs:
                    v = [r for r in gm if str(field(r, "factor")) == f and str(field(r, "year")) == y]
                    row.append(_num(field(v[0], "q")) if v else None)
                table.append(tuple(row))
            body += rep.table_html(["factor"] + yrs, table,
                                   caption="Table 10. Geodetector on the per-mine table (zonal means of RSEI, terrain "
                                           "and climate per mine and year, with production; rsei:geodetector with "
                                           "YEAR_FIELD = year, quantiles into 3 classes): q per year and the mean "
                                           "(as the paper's Tables 14–15).")
        sections.append(("Driving factors (Geodetector)", body))

    # ---------------------------------------------------------------- run
    trows = [(title, round(took, 1)) for title, took in demo.timings]
    links = "".join(f'<li><a href="reports/{html.escape(n)}">{html.escape(n)}</a></li>'
                    for n in sorted(os.listdir(demo.d["reports"])) if n.endswith(".html"))
    sections.append(("How this page was made", (
        "<p>Every step ran through <code>qgis_process.bin --json run …</code> (the commands and logs are in "
        "<code>logs/</code>); the rasters, tables (GeoPackage) and the tools' own reports are in this folder.</p>"
        + rep.table_html(["step", "seconds"], trows, caption=f"Table 11. Steps and times ({len(demo.qgis.calls)} "
                                                             f"qgis_process runs, {demo.jobs} at a time).", digits=4)
        + (f"<p>The tools' own reports:</p><ul>{links}</ul>" if links else ""))))
    rep.write_page(path, "RSEI Toolbox demo: a coal-mining area near Ningdong, 2000–2024", sections,
                   subtitle=f"Synthetic demo data, {len(years)} years ({', '.join(map(str, years))}); "
                            f"workflow time {getattr(demo, 'total', 0):.0f} s.")
