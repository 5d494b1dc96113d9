"""The RSEI feature space (Figure 6 of Han et al. 2025): each normalised indicator against RSEI, block by block.

Figure 6 of the paper shows the pixels of the four normalised indicators against the RSEI (NDVI and WET rising
with it, NDBSI and LST falling). A scatter of millions of pixels cannot be drawn or held in memory, so the
figure is a *density*: an exact 2-D histogram of (indicator′, RSEI) per indicator, accumulated block by block
(:class:`Histogram2D`, equal to ``numpy.histogram2d`` of all pixels at once), with the PC1 loadings beside it.
"""
from dataclasses import dataclass

import numpy as np

from . import engine
from .monitor import NULL_MONITOR

#: The four indicators in the order of the RSEI stack (core.rsei.INDICATORS).
NAMES = ("NDVI", "WET", "NDBSI", "LST")
#: Bins per axis of the feature-space histograms (0–1 in steps of 0.01).
BINS = 100


class Histogram2D:
    """Counts of (x, y) pairs in a fixed grid of bins, accumulated over blocks.

    The bin edges and the rule are those of ``numpy.histogram2d(x, y, bins, range)``: ``bins + 1`` edges from
    ``numpy.linspace``, bins closed on the left and open on the right except the last, which includes its right
    edge; pairs outside the range (and NaN) are not counted. Summing blocks therefore gives exactly the counts of
    ``numpy.histogram2d`` on all pairs at once, whatever the block size.
    """

    def __init__(self, bins=BINS, range_=((0.0, 1.0), (0.0, 1.0))):
        bx, by = (bins, bins) if np.ndim(bins) == 0 else bins
        (x0, x1), (y0, y1) = range_
        self.xedges = np.linspace(x0, x1, int(bx) + 1)
        self.yedges = np.linspace(y0, y1, int(by) + 1)
        self.counts = np.zeros((int(bx), int(by)), dtype=np.int64)

    @staticmethod
    def _index(v, edges):
        idx = np.searchsorted(edges, v, side="right")
        idx[v == edges[-1]] -= 1  # the last bin is closed on the right (numpy's rule)
        return idx - 1  # −1 or len(edges) − 1: outside

    def update(self, x, y):
        """Add the pairs (x[i], y[i]) of two equally shaped arrays."""
        x = np.asarray(x, dtype=np.float64).ravel()
        y = np.asarray(y, dtype=np.float64).ravel()
        ok = np.isfinite(x) & np.isfinite(y)
        x, y = x[ok], y[ok]
        nx, ny = self.counts.shape
        ix, iy = self._index(x, self.xedges), self._index(y, self.yedges)
        keep = (ix >= 0) & (ix < nx) & (iy >= 0) & (iy < ny)
        flat = ix[keep] * ny + iy[keep]
        self.counts += np.bincount(flat, minlength=nx * ny).reshape(nx, ny)

    @property
    def total(self):
        return int(self.counts.sum())


@dataclass
class FeatureSpace:
    """Per indicator the histogram of (normalised indicator, RSEI), and the fit's PC1 loadings."""

    names: tuple
    histograms: list
    loadings: np.ndarray
    pc1_percent: float
    label: str = ""


def _feature_task(source, fit, bins, window):
    """One window on an engine worker: the window's histogram counts, one (bins × bins) array per indicator."""
    hists = [Histogram2D(bins) for _ in NAMES]
    stack, excluded = source.block(window)
    pc1 = fit.pc1_block(stack)
    ok = np.isfinite(pc1)
    if excluded.any():
        ok &= ~excluded
    if not ok.any():
        return None
    rsei = fit.rsei(pc1[ok])
    norm = fit.normalise(stack[:, ok])
    for i, h in enumerate(hists):
        h.update(norm[i], rsei)
    return [h.counts for h in hists]


def feature_space(source, fit, bins=BINS, monitor=NULL_MONITOR, label=""):
    """Histograms of every normalised indicator (eq. 12) against the RSEI (eq. 13) of ``source`` under ``fit``.

    One read of the source (from the fit's scratch file while it is open, :meth:`~.rsei.Fit.source_for`), window
    by window on the engine (:mod:`.engine`; integer counts, summed in window order); only the pixels that take
    part in the RSEI count.
    """
    hists = [Histogram2D(bins) for _ in NAMES]
    task = engine.bind(_feature_task, fit.source_for(source), fit, bins)
    with engine.ordered(task, source.windows(), monitor) as parts:
        for _, part in parts:
            if part is None:
                continue
            for h, counts in zip(hists, part):
                h.counts += counts
    return FeatureSpace(NAMES, hists, np.asarray(fit.loadings, dtype=np.float64), float(fit.pc1_percent), label)
