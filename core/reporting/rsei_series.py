"""HTML report of rsei:rseiseries: Figure 7 (mean RSEI by year), Figure 11 (grade areas), Table 5, Tables 6–7."""
import numpy as np

from .. import report as rep
from ..grades import GRADE_COLOURS, GRADE_NAMES
from ..rsei import INDICATORS, PC1_THRESHOLD


def report(path, results, pooled, sensor, water, spaces=()):
    """HTML report: Figure 7 (mean RSEI by year), Figure 11 (grade areas), Table 5 and Tables 6–7; with
    ``spaces`` (:class:`core.feature_space.FeatureSpace` per year) the feature space (Figure 6)."""
    years = [r.year for r in results]
    fig = rep.new_figure(7.5, 4.0)
    ax = fig.add_subplot(111)
    ax.plot(years, [r.image.mean for r in results], "o-", color="#1b4332", lw=2, label="mean RSEI")
    for i, (name, colour) in enumerate(zip(INDICATORS, ("#2d6a4f", "#0077b6", "#b08968", "#d62828"))):
        ax.plot(years, [r.image.norm_mean[i] for r in results], "--", color=colour, lw=1, alpha=0.8,
                label=f"mean normalised {name}")
    ax.set_xlabel("year")
    ax.set_ylabel("value (0–1)")
    ax.set_ylim(0, 1)
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8, ncol=3)
    fig7 = rep.figure_html(fig, "Mean RSEI and mean normalised indicators by year (cf. Figure 7 of the paper).")

    fig = rep.new_figure(7.5, 4.5)
    ax1, ax2 = fig.add_subplot(121), fig.add_subplot(122)
    x = np.arange(len(years))
    areas = np.array([r.image.areas for r in results])
    totals = areas.sum(axis=1, keepdims=True)
    pct = np.divide(100 * areas, totals, out=np.zeros_like(areas), where=totals > 0)
    bottom_a, bottom_p = np.zeros(len(years)), np.zeros(len(years))
    for g, (name, colour) in enumerate(zip(GRADE_NAMES, GRADE_COLOURS)):
        ax1.bar(x, areas[:, g], bottom=bottom_a, color=colour, edgecolor="#555", lw=0.3, label=name)
        ax2.bar(x, pct[:, g], bottom=bottom_p, color=colour, edgecolor="#555", lw=0.3)
        bottom_a += areas[:, g]
        bottom_p += pct[:, g]
    for ax, label in ((ax1, "area (km²)"), (ax2, "share of graded area (%)")):
        ax.set_xticks(x)
        ax.set_xticklabels([str(y) for y in years], rotation=90 if len(years) > 8 else 0, fontsize=8)
        ax.set_ylabel(label)
    ax1.legend(fontsize=8)
    fig11 = rep.figure_html(fig, "Area of each ecological grade by year, in km² and in percent "
                                 "(cf. Figure 11 of the paper).")
    t5 = rep.table_html(
        ["Year", "RSEI", "NDVI", "WET", "NDBSI", "LST", "PC1 %", "PC1 share of the year %", "pixels"],
        [tuple(float(v) if isinstance(v, (float, np.floating)) else v for v in r.table5_row)
         + (r.image.pixel_count,) for r in results],
        "Table 5 — mean RSEI, mean normalised indicators and PC1 share of the variance", digits=3)
    t67 = rep.table_html(["Year"] + [n.capitalize() + " km²" for n in GRADE_NAMES],
                         [(r.year,) + tuple(float(a) for a in r.image.areas) for r in results],
                         "Tables 6–7 — area of each ecological grade (km²)", digits=6)
    load = rep.table_html(["Year"] + [f"{n} loading" for n in INDICATORS] + ["PC1 %"],
                          [(r.year,) + tuple(float(v) for v in r.fit.loadings) + (r.fit.pc1_percent,)
                           for r in (results[:1] if pooled else results)],
                          "PC1 loadings (oriented: NDVI + WET − NDBSI − LST > 0)", digits=4)
    low = [str(r.year) for r in results if r.fit.pc1_percent < PC1_THRESHOLD]
    fit_text = ("one common normalisation and PCA for all years (RSEI comparable between years)" if pooled
                else "each year normalised and PCA-fitted on its own, as in the paper")
    notes = [f"Fit: {fit_text}."]
    if sensor:
        notes.append(f"Indicators computed from composites; wetness coefficients {sensor}"
                     + (f"; water (MNDWI > {water:g}) masked." if water is not None else "."))
    if low:
        notes.append(f"PC1 explains less than {PC1_THRESHOLD:g} % of the variance in: {', '.join(low)}.")
    body = "".join(f"<p class='note'>{n}</p>" for n in notes)
    sections = [("Method", body), ("RSEI by year", fig7 + t5), ("Ecological grades", fig11 + t67),
                ("Principal components", load)]
    if spaces:
        from .feature_space import feature_space_html
        sections.append(("Feature space (cf. Figure 6)", "".join(feature_space_html(fs) for fs in spaces)))
    rep.write_page(path, "RSEI time series", sections, subtitle=f"{len(years)} year(s): {years[0]}–{years[-1]}")
