"""The Geodetector (Wang & Xu 2017; optimal parameters, Song et al. 2020), one module per concern.

* :mod:`.detectors` — per-stratum moments, q (eq. 20) and its p-value, the interaction, risk
  (Welch) and ecological detectors, and :func:`~.detectors.analyse` /
  :func:`~.detectors.analyse_moments`, which run them all.
* :mod:`.factor` — the stratified factor and the q of its strata (shared by the next two).
* :mod:`.stratify` — factors → strata: categorical, discretised, optimal, GOZH, RGD; the METHOD numbers.
* :mod:`.models` — GOZH (regression tree), RGD (change points), LESH (Shapley decomposition of q).
* :mod:`.confidence` — bootstrap replicates and percentile interval of q.
* :mod:`.tables` — rows and columns of the four output tables.
* :mod:`.raster` — raster mode: seeded pixel sample (bottom-k of a hash) or every pixel by blocks.

The HTML report is :mod:`..reporting.geodetector`. Import the submodules; this package
re-exports nothing.
"""
