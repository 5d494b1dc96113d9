"""The HTML report of rsei:egindex: EG index, class areas and shares, zones and the EG series (Figure 12)."""
import os

from ..report import figure_html, new_figure, table_html, write_page

#: Bar colour of each Table 3 grade (1 water/wetland … 7 barren), used when the lookup's grades run 1–7.
_GRADE_COLORS = {1: "#2166ac", 2: "#1a9850", 3: "#91cf60", 4: "#d9ef8b", 5: "#fee08b", 6: "#d73027", 7: "#a6761d"}


def write_report(path, result, lookup, preset="", window=1, reference=None):
    """HTML report of a :func:`core.landcover.run_egindex` result: the index, the class areas, the zones and
    the EG series curve (Figure 12)."""
    areas = result.areas
    summary = table_html(["quantity", "value"], [
        ("EG index (normalised, higher = better)", areas.eg_index),
        ("mean grade, eq. 14", areas.mean_grade),
        ("g_min, g_max of the lookup", f"{lookup.g_min:g}, {lookup.g_max:g}"),
        ("graded area (km²)", areas.graded_area),
        ("unknown codes (pixels)", ", ".join(f"{c}: {n}" for c, n in sorted(areas.unknown_pixels.items()))
         or "none"),
        ("lookup preset", preset or "none"),
        ("window (pixels)", window),
        ("restricted to the valid area of REFERENCE", "yes" if reference else "no"),
    ], digits=5)
    total = sum(r[4] for r in areas.class_rows()) or float("nan")
    class_rows = [(c, n, "no grade" if g is None else g, p, a, 100 * a / total)
                  for c, n, g, p, a in areas.class_rows()]
    sections = [("EG index", summary),
                ("Land-cover classes", table_html(["code", "class", "grade", "pixels", "area km²", "% of area"],
                                                  class_rows, digits=5))]
    if class_rows:
        fig = new_figure(7, 3.2)
        ax = fig.add_subplot(111)
        labels = [f"{r[0]} {r[1]}" for r in class_rows]
        grades = [r[2] if r[2] != "no grade" else None for r in class_rows]
        colors = [_GRADE_COLORS.get(int(round(g)) if g is not None and lookup.g_max == 7 else None, "#999999")
                  for g in grades]
        ax.barh(labels, [r[5] for r in class_rows], color=colors)
        ax.invert_yaxis()
        ax.set_xlabel("share of the land-cover area (%)")
        sections.append(("Class shares", figure_html(fig, "Share of each land-cover class, coloured by grade.")))
    if result.zones:
        rows = [(z.name, za.graded_area, za.mean_grade, za.eg_index) for z, za in zip(result.zones, result.zone_areas)]
        sections.append(("Zones", table_html(["zone", "graded km²", "mean grade", "EG index"], rows, digits=5)))
    if result.series:
        years = [y for y, _, _, _ in result.series]
        fig = new_figure(7, 3.5)
        ax = fig.add_subplot(111)
        ax.plot(years, [s.eg_index for _, _, s, _ in result.series], "o-", color="#1b7837", label="whole raster")
        for k, zone in enumerate(result.zones[:12]):
            ax.plot(years, [zs[k].eg_index for _, _, _, zs in result.series], ".-", lw=0.8, label=zone.name)
        ax.set_xlabel("year")
        ax.set_ylabel("EG index (higher = better)")
        ax.grid(alpha=0.3)
        if result.zones:
            ax.legend(fontsize=7, ncol=2)
        rows = [(y, os.path.basename(str(p)), s.mean_grade, s.eg_index) for y, p, s, _ in result.series]
        sections.append(("EG index series (Tables 8–9, Figure 12)",
                         figure_html(fig, "EG index per year.") +
                         table_html(["year", "file", "mean grade", "EG index"], rows, digits=5)))
    write_page(path, "Ecological grade (EG) index", sections,
               subtitle="Han et al. (2025), section 3.2, eq. 14, Table 3; RSEI Toolbox rsei:egindex")
