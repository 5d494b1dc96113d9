"""Optional compiled (numba) kernel of the pair statistics: S, the tie term and the sorted pair slopes.

The numpy kernels of :mod:`.median` compute, for many series at once, S = Σ sign(x_j − x_i), the tie term
Σ t_p(t_p−1)(2t_p+5) of Var(S) and the pair slopes (x_j − x_i)/(t_j − t_i) (Han et al. 2025, Sustainability
17, 9075, eq. 15–18), then select order statistics of the slopes (the median; the confidence limits of the
slope). Compiled, pixel by pixel: :func:`pair_stats` returns S, the tie term and each pixel's valid pair
slopes; :func:`select` picks order statistics at given ranks by quickselect — the median's ranks
⌊(k−1)/2⌋ and ⌊k/2⌋ (averaged as :func:`.median._median_rows` does) and the interval ranks of
:func:`.mannkendall.slope_interval_ranks`, which stay numpy code shared by both paths. The arithmetic is the
numpy kernel's, operation for operation (the same differences and quotients in IEEE double, integer counts),
so the Sen slope, S and the tie term are identical and Z, p follow from them.

Used by :func:`.mannkendall.mann_kendall` when numba imports (Debian ``python3-numba``) and the environment
variable ``RSEI_NUMBA`` is not ``0``; otherwise the numpy kernel runs. The compiled code is cached
(``cache=True``) under the user's cache folder (``$XDG_CACHE_HOME/rsei-toolbox/numba``, default
``~/.cache/rsei-toolbox/numba``; ``NUMBA_CACHE_DIR`` overrides), never in the plugin's folder, so only the
first run on a machine pays the compilation (a few seconds).
"""
import os

import numpy as np

_KERNEL = None
_TRIED = False


def cache_dir():
    """The folder of numba's compiled-code cache (created on first use)."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "rsei-toolbox", "numba")


def enabled():
    """True when the compiled kernel is used: numba imports and ``RSEI_NUMBA`` is not 0/false/no/off."""
    if os.environ.get("RSEI_NUMBA", "").strip().lower() in ("0", "false", "no", "off"):
        return False
    return _kernel() is not None


def _kernel():
    global _KERNEL, _TRIED
    if _TRIED:
        return _KERNEL
    _TRIED = True
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

    @numba.njit(cache=True, nogil=True)
    def pair_stats(XT, t, s_out, ties_out, slopes_out, k_out):  # pragma: no cover - compiled
        n, P = XT.shape
        xs = np.empty(n)
        ts = np.empty(n)
        cnt = np.zeros(n, dtype=np.int64)
        for p in range(P):
            m = 0
            for i in range(n):
                v = XT[i, p]
                if not np.isnan(v):
                    xs[m] = v
                    ts[m] = t[i]
                    m += 1
            s = 0
            k = 0
            cnt[:m] = 0   # other valid values exactly equal to x_i
            for i in range(m):
                xi = xs[i]
                ti = ts[i]
                for j in range(i + 1, m):
                    d = xs[j] - xi
                    s += (d > 0) - (d < 0)
                    if d == 0:
                        cnt[i] += 1
                        cnt[j] += 1
                    slopes_out[p, k] = d / (ts[j] - ti)
                    k += 1
            ties = 0.0
            for i in range(m):
                c = cnt[i]
                ties += c * (2.0 * c + 7.0)
            s_out[p] = s
            ties_out[p] = ties
            k_out[p] = k

    @numba.njit(cache=True, nogil=True)
    def select_one(row, lo, hi, r):  # pragma: no cover - compiled
        # Quickselect (Hoare 1961) of rank r within row[lo..hi] (inclusive), in place, with branch-free
        # partitions (Lomuto's scheme with an unconditional swap): first the values < pivot to the front,
        # then, if r is not among them, the values equal to the pivot (so ties cost one pass, not n).
        # On return row[r] is the value, entries left of r are ≤ it and entries right of it ≥ it.
        while lo < hi:
            a, b, c = row[lo], row[(lo + hi) >> 1], row[hi]
            pivot = max(min(a, b), min(max(a, b), c))   # median of three, a value of the range
            store = lo
            for i in range(lo, hi + 1):
                x = row[i]
                row[i] = row[store]
                row[store] = x
                store += x < pivot
            if r < store:
                hi = store - 1
                continue
            eq = store
            for i in range(store, hi + 1):
                x = row[i]
                row[i] = row[eq]
                row[eq] = x
                eq += x <= pivot
            if r < eq:
                return
            lo = eq

    @numba.njit(cache=True, nogil=True)
    def select(slopes, k, ranks, out):  # pragma: no cover - compiled
        # Ranks ascending per row: after rank r the next one is searched right of r only.
        P, R = ranks.shape
        for p in range(P):
            row = slopes[p]
            lo = 0
            for q in range(R):
                r = ranks[p, q]
                if k[p] == 0:
                    out[p, q] = np.nan
                    continue
                if q > 0 and r == lo + 1:
                    # the next rank: the smallest entry right of the last one (moved to r)
                    best = r
                    for i in range(r + 1, k[p]):
                        if row[i] < row[best]:
                            best = i
                    row[r], row[best] = row[best], row[r]
                else:
                    select_one(row, lo, k[p] - 1, r)
                out[p, q] = row[r]
                lo = r

    kernel = (pair_stats, select)
    try:   # compile (or load from the cache) now: a numba that cannot compile means "not available"
        X = np.array([[1.0, 2.0], [2.0, np.nan], [0.5, 3.0]])
        s, ties, sl, k = np.empty(2), np.empty(2), np.empty((2, 3)), np.empty(2, dtype=np.int64)
        pair_stats(X, np.arange(3.0), s, ties, sl, k)
        select(sl, k, np.zeros((2, 1), dtype=np.int64), np.empty((2, 1)))
    except Exception:  # noqa: BLE001
        return None
    _KERNEL = kernel
    return _KERNEL


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
