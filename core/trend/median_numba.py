"""Optional compiled (numba) kernel of the pair statistics: S, the tie term and the sorted pair slopes.

The numpy kernels of :mod:`.median` compute, for many series at once, S = Σ sign(x_j − x_i), the tie term
Σ t_p(t_p−1)(2t_p+5) of Var(S) and the pair slopes (x_j − x_i)/(t_j − t_i) (Han et al. 2025, Sustainability
17, 9075, eq. 15–18), then select order statistics of the slopes (the median; the confidence limits of the
slope). Compiled, pixel by pixel: :func:`pair_stats` returns S, the tie term and each pixel's valid pair
slopes; :func:`pair_stats_median` returns S, the tie term and the median's order statistics without storing
the slopes (when no interval is asked for); :func:`select` picks order statistics at given ranks (the median's pair by bucket counts, then
quickselect within the bucket; other ranks by quickselect) — the median's ranks
⌊(k−1)/2⌋ and ⌊k/2⌋ (averaged as :func:`.median._median_rows` does) and the interval ranks of
:func:`.mannkendall.slope_interval_ranks`, which stay numpy code shared by both paths. The arithmetic is the
numpy kernel's, operation for operation (the same differences and quotients in IEEE double, integer counts),
so the Sen slope, S and the tie term are identical and Z, p follow from them.

The compiled functions themselves are in :mod:`._numba_kernels` (imported only when numba is). Used by
:func:`.mannkendall.mann_kendall` when numba imports (Debian ``python3-numba``) and the environment
variable ``RSEI_NUMBA`` is not ``0``; otherwise the numpy kernel runs. The compiled code is cached
(``cache=True``) under the user's cache folder (``$XDG_CACHE_HOME/rsei-toolbox/numba``, default
``~/.cache/rsei-toolbox/numba``; ``NUMBA_CACHE_DIR`` overrides), never in the plugin's folder, so only the
first run on a machine pays the compilation (a few seconds); a core imported from a zip (as uploaded to
Dask workers) has no source file to cache by and compiles once per worker process.
"""
import os
import threading

import numpy as np

_KERNEL = None
_TRIED = False
_LOCK = threading.Lock()   # one loader; callers on other threads wait for it instead of seeing "no kernel"


def cache_dir():
    """The folder of numba's compiled-code cache (created on first use)."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "rsei-toolbox", "numba")


def _switched_off():
    """``RSEI_NUMBA`` is 0/false/no/off."""
    return os.environ.get("RSEI_NUMBA", "").strip().lower() in ("0", "false", "no", "off")


def enabled():
    """True when the compiled kernel is used: numba imports and ``RSEI_NUMBA`` is not 0/false/no/off."""
    if _switched_off():
        return False
    return _kernel() is not None


def warm_up():
    """Import numba and load the compiled kernel on a background thread, so that a run's start-up (opening
    its inputs) overlaps it; a no-op when the kernel is disabled or already loaded."""
    if _TRIED or _switched_off():
        return
    threading.Thread(target=_kernel, name="rsei-numba-warm-up", daemon=True).start()


def _kernel():
    """The compiled functions, or None. Loaded once; a caller on another thread waits for the load (so every
    window of a run uses the same kernel)."""
    global _KERNEL, _TRIED
    if _TRIED:
        return _KERNEL
    with _LOCK:
        if not _TRIED:
            _KERNEL = _load()
            _TRIED = True
    return _KERNEL


def _load():
    if not os.environ.get("NUMBA_CACHE_DIR"):
        os.environ["NUMBA_CACHE_DIR"] = cache_dir()
    try:
        import numba
    except Exception:  # noqa: BLE001 - numba is optional; any import failure means "not available"
        return None
    if not getattr(numba.config, "CACHE_DIR", ""):
        numba.config.CACHE_DIR = os.environ["NUMBA_CACHE_DIR"]
    try:
        os.makedirs(os.environ["NUMBA_CACHE_DIR"], exist_ok=True)
    except OSError:
        pass
    try:   # compile (or load from the cache) now: a numba that cannot compile means "not available"
        from . import _numba_kernels as compiled
        pair_stats, select, fused = compiled.pair_stats, compiled.select, compiled.pair_stats_median
        X = np.array([[1.0, 2.0], [2.0, np.nan], [0.5, 3.0]])
        s, ties, sl, k = np.empty(2), np.empty(2), np.empty((2, 3)), np.empty(2, dtype=np.int64)
        pair_stats(X, np.arange(3.0), s, ties, sl, k)
        select(sl, k, np.zeros((2, 1), dtype=np.int64), np.empty((2, 1)))
        fused(X, np.arange(3.0), s, ties, k, np.empty((2, 2)))
    except Exception:  # noqa: BLE001
        return None
    return pair_stats, select, fused


def pair_stats(XT, t):
    """S, the tie term, each pixel's valid pair slopes (in pair order, then unused) and their count.

    ``XT`` is (n, pixels) float64, NaN for missing values, rows in time order; ``t`` the n times.
    Returns ``s`` (float64), ``ties`` (float64), ``slopes`` (pixels × n(n−1)/2 float64; the first k of
    each row are its valid pair slopes) and ``k`` (int64).
    """
    XT = np.ascontiguousarray(XT, dtype=np.float64)
    t = np.ascontiguousarray(t, dtype=np.float64)
    n, P = XT.shape
    s = np.empty(P)
    ties = np.empty(P)
    slopes = np.empty((P, n * (n - 1) // 2))
    k = np.empty(P, dtype=np.int64)
    _kernel()[0](XT, t, s, ties, slopes, k)
    return s, ties, slopes, k


def select(slopes, k, ranks):
    """Order statistics of each row's first ``k`` entries at the 0-based ``ranks`` (pixels × R, each row
    ascending, each below k); the rows of ``slopes`` are reordered in place. NaN where k = 0."""
    ranks = np.ascontiguousarray(ranks, dtype=np.int64)
    out = np.empty(ranks.shape)
    _kernel()[1](slopes, np.ascontiguousarray(k, dtype=np.int64), ranks, out)
    return out


def pair_stats_median(XT, t):
    """S, the tie term, the number of valid pair slopes k and the median's two order statistics (pixels × 2,
    ranks ⌊(k−1)/2⌋ and ⌊k/2⌋; NaN where k = 0) — :func:`pair_stats` then :func:`select`, pixel by pixel, without
    the (pixels × pairs) array of slopes."""
    XT = np.ascontiguousarray(XT, dtype=np.float64)
    t = np.ascontiguousarray(t, dtype=np.float64)
    P = XT.shape[1]
    s, ties, k, med = np.empty(P), np.empty(P), np.empty(P, dtype=np.int64), np.empty((P, 2))
    _kernel()[2](XT, t, s, ties, k, med)
    return s, ties, k, med
