"""Optional compiled (numba) kernel of the pair statistics: S, the tie term and the sorted pair slopes.

The numpy kernels of :mod:`.median` compute, for many series at once, S = Σ sign(x_j − x_i), the tie term
Σ t_p(t_p−1)(2t_p+5) of Var(S) and the pair slopes (x_j − x_i)/(t_j − t_i) (Han et al. 2025, Sustainability
17, 9075, eq. 15–18), then select order statistics of the slopes (the median; the confidence limits of the
slope). :func:`sorted_pair_stats` does the same work pixel by pixel in compiled code: it returns S, the tie
term and each pixel's valid pair slopes **sorted**, so every order statistic is an index
(:func:`.median._sorted_median`, and the interval ranks of :func:`.mannkendall.slope_interval_ranks`). The
arithmetic is the numpy kernel's, operation for operation (the same differences and quotients in IEEE
double, integer counts), so the Sen slope, S and the tie term are identical and Z, p follow from them.

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
    def kernel(XT, t, s_out, ties_out, slopes_out, k_out):  # pragma: no cover - compiled
        n, P = XT.shape
        xs = np.empty(n)
        ts = np.empty(n)
        for p in range(P):
            m = 0
            for i in range(n):
                v = XT[i, p]
                if not np.isnan(v):
                    xs[m] = v
                    ts[m] = t[i]
                    m += 1
            s = 0
            ties = 0.0
            k = 0
            for i in range(m):
                c = 0   # other valid values exactly equal to x_i
                for j in range(m):
                    if j != i and xs[j] == xs[i]:
                        c += 1
                ties += c * (2.0 * c + 7.0)
                for j in range(i + 1, m):
                    d = xs[j] - xs[i]
                    if d > 0:
                        s += 1
                    elif d < 0:
                        s -= 1
                    slopes_out[p, k] = d / (ts[j] - ts[i])
                    k += 1
            slopes_out[p, :k].sort()
            for j in range(k, slopes_out.shape[1]):
                slopes_out[p, j] = np.inf
            s_out[p] = s
            ties_out[p] = ties
            k_out[p] = k

    _KERNEL = kernel
    return _KERNEL


def sorted_pair_stats(XT, t):
    """S, the tie term, each pixel's valid pair slopes sorted ascending (+∞ after them) and their count.

    ``XT`` is (n, pixels) float64, NaN for missing values, rows in time order; ``t`` the n times.
    Returns ``s`` (float64), ``ties`` (float64), ``slopes`` (pixels × n(n−1)/2 float64) and ``k`` (int64).
    """
    XT = np.ascontiguousarray(XT, dtype=np.float64)
    t = np.ascontiguousarray(t, dtype=np.float64)
    n, P = XT.shape
    s = np.empty(P)
    ties = np.empty(P)
    slopes = np.empty((P, n * (n - 1) // 2))
    k = np.empty(P, dtype=np.int64)
    _kernel()(XT, t, s, ties, slopes, k)
    return s, ties, slopes, k
