"""Sen slope and Mann–Kendall trends (Han et al. 2025, Sustainability 17, 9075, section 3.3 and 4.2).

Submodules (import the one you need; nothing is re-exported here):

* :mod:`.median` — Sen-median kernels: pair statistics (S, ties, pair slopes), the bracketed median of the
  pair slopes, the bitonic sorting network, ``_median_rows`` / ``_median_cols``, scratch buffers;
* :mod:`.mannkendall` — ``mann_kendall`` (Sen slope, S, Var(S), Z, p, Tau of many series), the modified
  tests (Hamed–Rao, PW, TFPW: ACF, ranks, prewhitening), ``classify``, ``TREND_CLASSES``, ``METHODS``,
  ``default_workers``;
* :mod:`.raster` — ``senmk_rasters``, the threaded block-by-block raster run of rsei:senmk;
* :mod:`.series` — one yearly series: ``linear_fit``, ``quadratic_fit``, ``best_break``, ``series_trend``
  (rsei:seriestrend; its HTML report is :mod:`core.reporting.trend`).

Imports run one way: median ← mannkendall ← raster, and mannkendall ← series.
"""
