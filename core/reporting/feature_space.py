"""Figure 6 of Han et al. (2025) as a density: each normalised indicator against RSEI, and the PC1 loadings."""
import numpy as np

from ..report import figure_html, new_figure

_COLOURS = ("#2d6a4f", "#0077b6", "#b08968", "#d62828")


def feature_space_html(fs, caption=None):
    """``<figure>`` of a :class:`core.feature_space.FeatureSpace`: four density panels and a loadings bar chart.

    Each panel is the exact 2-D histogram of (normalised indicator, RSEI) over all pixels that take part, drawn
    with a logarithmic colour scale (pixels per bin); the bar chart shows the oriented PC1 loadings.
    """
    from matplotlib.colors import LogNorm

    fig = new_figure(13.0, 3.0)
    grid = fig.add_gridspec(1, 6, width_ratios=[1, 1, 1, 1, 0.06, 1.0])
    axes = [fig.add_subplot(grid[0, k]) for k in (0, 1, 2, 3, 5)]
    cax = fig.add_subplot(grid[0, 4])
    vmax = max(int(h.counts.max()) for h in fs.histograms) or 1
    mesh = None
    for ax, name, h in zip(axes, fs.names, fs.histograms):
        counts = np.where(h.counts > 0, h.counts, np.nan).T  # rows = RSEI bins
        mesh = ax.pcolormesh(h.xedges, h.yedges, counts, norm=LogNorm(vmin=1, vmax=max(vmax, 2)), cmap="viridis",
                             shading="flat")
        ax.set_xlim(h.xedges[0], h.xedges[-1])
        ax.set_ylim(h.yedges[0], h.yedges[-1])
        ax.set_xlabel(f"normalised {name}")
    axes[0].set_ylabel("RSEI")
    if mesh is not None:
        fig.colorbar(mesh, cax=cax, label="pixels per bin")
    ax = axes[4]
    ax.bar(range(len(fs.names)), fs.loadings, color=_COLOURS)
    ax.axhline(0, color="#444", lw=0.8)
    ax.set_xticks(range(len(fs.names)))
    ax.set_xticklabels(fs.names, fontsize=8, rotation=30)
    ax.set_ylabel("PC1 loading")
    ax.set_title(f"PC1 {fs.pc1_percent:.1f} %", fontsize=9)
    head = f"{fs.label}: " if fs.label else ""
    text = caption or (f"{head}feature space of the RSEI (cf. Figure 6 of the paper): density of each normalised "
                       f"indicator against RSEI over {fs.histograms[0].total} pixels (exact 2-D histograms, "
                       f"{fs.histograms[0].counts.shape[0]} × {fs.histograms[0].counts.shape[1]} bins, log colour "
                       f"scale) and the PC1 loadings. NDVI and WET should rise with RSEI, NDBSI and LST fall.")
    return figure_html(fig, text)


def write_rsei_report(path, fit, result, fs, title="RSEI"):
    """HTML report of rsei:rsei: the fit (PC1 share, loadings, bounds), the grade areas and the feature space."""
    from ..report import table_html, write_page

    names = fs.names
    summary = table_html(["quantity", "value"], [
        ("mean RSEI", float(result.mean)), ("pixels used", int(fit.n)), ("PC1 share of the variance (%)",
                                                                         float(fit.pc1_percent)),
        ("PC1 sign flipped", "yes" if fit.flipped else "no"), ("percentile clip (%)", float(fit.clip_percent))],
        digits=5)
    load = table_html(["indicator", "PC1 loading", "lower bound (eq. 12)", "upper bound (eq. 12)"],
                      [(n, float(v), float(lo), float(hi))
                       for n, v, lo, hi in zip(names, fit.loadings, fit.lower, fit.upper)],
                      "PC1 loadings (oriented: NDVI + WET − NDBSI − LST > 0) and normalisation bounds", digits=5)
    grades = table_html(["grade", "name", "pixels", "area km²", "% of graded area"],
                        [tuple(r) for r in result.table()], "Ecological grades", digits=6)
    write_page(path, title, [("Fit", summary + load), ("Feature space (cf. Figure 6)", feature_space_html(fs)),
                             ("Grades", grades)])
