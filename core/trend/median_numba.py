"""Optional compiled (numba) kernel of the pair statistics: S, the tie term and the sorted pair slopes.

The numpy kernels of :mod:`.median` compute, for many series at once, S = Σ sign(x_j − x_i), the tie term
Σ t_p(t_p−1)(2t_p+5) of Var(S) and the pair slopes (x_j − x_i)/(t_j − t_i) (Han et al. 2025, Sustainability
17, 9075, eq. 15–18), then select order statistics of the slopes (the median; the confidence limits of the
slope). Compiled, pixel by pixel: :func:`pair_stats` returns S, the tie term and each pixel's valid pair
slopes; :func:`select` picks order statistics at given ranks (the median's pair by bucket counts, then
quickselect within the bucket; other ranks by quickselect) — the median's ranks
⌊(k−1)/2⌋ and ⌊k/2⌋ (averaged as :func:`.median._median_rows` does) and the interval ranks of
:func:`.mannkendall.slope_interval_ranks`, which stay numpy code shared by both paths. The arithmetic is the
numpy kernel's, operation for operation (the same differences and quotients in IEEE double, integer counts),
so the Sen slope, S and the tie term are identical and Z, p follow from them.

Used by :func:`.mannkendall.mann_kendall` when numba imports (Debian ``python3-numba``) and the environment
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
    # numba caches by source file; a core imported from a zip (uploaded to Dask workers) has none, so there
    # it compiles in each worker process instead (the same machine code, so the same numbers).
    cache = os.path.isfile(__file__)

    @numba.njit(cache=cache, nogil=True)
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
            row = slopes_out[p]
            s = 0
            k = 0
            equal = 0
            for i in range(m):
                xi = xs[i]
                ti = ts[i]
                # branch-free, so the loop over j compiles to vector instructions
                for j in range(i + 1, m):
                    d = xs[j] - xi
                    s += np.int64(d > 0) - np.int64(d < 0)
                    equal += np.int64(d == 0)
                    row[k + j - i - 1] = d / (ts[j] - ti)
                k += m - i - 1
            ties = 0.0
            if equal:
                # the tie term: for each value, how many other valid values equal it
                cnt[:m] = 0
                for i in range(m):
                    for j in range(i + 1, m):
                        if xs[j] == xs[i]:
                            cnt[i] += 1
                            cnt[j] += 1
                for i in range(m):
                    c = cnt[i]
                    ties += c * (2.0 * c + 7.0)
            s_out[p] = s
            ties_out[p] = ties
            k_out[p] = k

    @numba.njit(cache=cache, nogil=True)
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

    @numba.njit(cache=cache, nogil=True)
    def median_pair(row, kk, r1, r2, buf, counts, out, p):  # pragma: no cover - compiled
        # Order statistics r1 ≤ r2 ≤ r1 + 1 of row[:kk] (the median's two) by bucketing: a bucket index that
        # is a non-decreasing function of the value (⌊(x − min)·B/(max − min)⌋, each step monotone in IEEE
        # arithmetic) orders the buckets strictly, so the counts say which bucket holds rank r1 and the
        # ranks are selected exactly among that bucket's few values (quickselect). False when the range
        # cannot be bucketed (all equal, or not finite); row is left as it was.
        mn = row[0]
        mx = row[0]
        for i in range(kk):
            x = row[i]
            mn = min(mn, x)
            mx = max(mx, x)
        if mx == mn:
            out[p, 0] = mn
            out[p, 1] = mn
            return True
        NB = counts.shape[0]
        scale = NB / (mx - mn)
        if not (np.isfinite(scale) and scale > 0 and np.isfinite(mx - mn)):
            return False
        counts[:] = 0
        for i in range(kk):
            counts[min(np.int64((row[i] - mn) * scale), NB - 1)] += 1
        below = 0
        first = 0
        while below + counts[first] <= r1:
            below += counts[first]
            first += 1
        last = first
        upto = below + counts[first]
        while upto <= r2:
            last += 1
            upto += counts[last]
        nb = 0
        for i in range(kk):
            x = row[i]
            b = min(np.int64((x - mn) * scale), NB - 1)
            buf[nb] = x
            nb += np.int64(b >= first) & np.int64(b <= last)
        a = r1 - below
        select_one(buf, 0, nb - 1, a)
        out[p, 0] = buf[a]
        if r2 == r1:
            out[p, 1] = buf[a]
        else:
            best = buf[a + 1]
            for i in range(a + 2, nb):
                best = min(best, buf[i])
            out[p, 1] = best
        return True

    @numba.njit(cache=cache, nogil=True)
    def select(slopes, k, ranks, out):  # pragma: no cover - compiled
        # Ranks ascending per row: after rank r the next one is searched right of r only.
        P, R = ranks.shape
        buf = np.empty(slopes.shape[1])
        counts = np.zeros(256, dtype=np.int64)
        for p in range(P):
            row = slopes[p]
            if R == 2 and k[p] > 0 and ranks[p, 1] - ranks[p, 0] <= 1:
                if median_pair(row, k[p], ranks[p, 0], ranks[p, 1], buf, counts, out, p):
                    continue
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
    return kernel


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
