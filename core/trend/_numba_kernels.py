"""The numba-compiled functions of :mod:`.median_numba` (imported by it only when numba imports).

They are top-level functions calling each other as module globals, so numba's cache finds them again in
the next process: a function that refers to other compiled functions through closure cells gets a new cache
key in every process and would be compiled on every run. Read :mod:`.median_numba` for what they compute.
"""
import os

import numba
import numpy as np

# numba caches by source file; a core imported from a zip (uploaded to Dask workers) has none, so there
# it compiles in each worker process instead (the same machine code, so the same numbers).
_CACHE = os.path.isfile(__file__)


@numba.njit(cache=_CACHE, nogil=True)
def pixel_pairs(XT, t, p, xs, ts, cnt, row):  # pragma: no cover - compiled
    """S, the tie term and the number k of valid pair slopes of pixel ``p``; its pair slopes in row[:k]."""
    n = XT.shape[0]
    m = 0
    for i in range(n):
        v = XT[i, p]
        if not np.isnan(v):
            xs[m] = v
            ts[m] = t[i]
            m += 1
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
    return s, ties, k


@numba.njit(cache=_CACHE, nogil=True)
def pair_stats(XT, t, s_out, ties_out, slopes_out, k_out):  # pragma: no cover - compiled
    n, P = XT.shape
    xs = np.empty(n)
    ts = np.empty(n)
    cnt = np.zeros(n, dtype=np.int64)
    for p in range(P):
        s, ties, k = pixel_pairs(XT, t, p, xs, ts, cnt, slopes_out[p])
        s_out[p] = s
        ties_out[p] = ties
        k_out[p] = k


@numba.njit(cache=_CACHE, nogil=True)
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


@numba.njit(cache=_CACHE, nogil=True)
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


@numba.njit(cache=_CACHE, nogil=True)
def select_row(row, kk, ranks, out, p, buf, counts):  # pragma: no cover - compiled
    """Order statistics of row[:kk] at the ascending ranks ``ranks`` into out[p]; row is reordered."""
    R = ranks.shape[0]
    if R == 2 and kk > 0 and ranks[1] - ranks[0] <= 1:
        if median_pair(row, kk, ranks[0], ranks[1], buf, counts, out, p):
            return
    # Ranks ascending: after rank r the next one is searched right of r only.
    lo = 0
    for q in range(R):
        r = ranks[q]
        if kk == 0:
            out[p, q] = np.nan
            continue
        if q > 0 and r == lo + 1:
            # the next rank: the smallest entry right of the last one (moved to r)
            best = r
            for i in range(r + 1, kk):
                if row[i] < row[best]:
                    best = i
            row[r], row[best] = row[best], row[r]
        else:
            select_one(row, lo, kk - 1, r)
        out[p, q] = row[r]
        lo = r


@numba.njit(cache=_CACHE, nogil=True)
def select(slopes, k, ranks, out):  # pragma: no cover - compiled
    buf = np.empty(slopes.shape[1])
    counts = np.zeros(256, dtype=np.int64)
    for p in range(ranks.shape[0]):
        select_row(slopes[p], k[p], ranks[p], out, p, buf, counts)


@numba.njit(cache=_CACHE, nogil=True)
def pair_stats_median(XT, t, s_out, ties_out, k_out, med_out):  # pragma: no cover - compiled
    """:func:`pair_stats` then :func:`select` at the median's ranks ⌊(k−1)/2⌋, ⌊k/2⌋, pixel by pixel: the pair
    slopes of one pixel stay in a buffer in the CPU cache instead of a (pixels × pairs) array in memory."""
    n, P = XT.shape
    xs = np.empty(n)
    ts = np.empty(n)
    cnt = np.zeros(n, dtype=np.int64)
    row = np.empty(max(n * (n - 1) // 2, 1))
    buf = np.empty(row.shape[0])
    counts = np.zeros(256, dtype=np.int64)
    ranks = np.empty(2, dtype=np.int64)
    for p in range(P):
        s, ties, k = pixel_pairs(XT, t, p, xs, ts, cnt, row)
        s_out[p] = s
        ties_out[p] = ties
        k_out[p] = k
        ranks[0] = max((k - 1) // 2, 0)
        ranks[1] = k // 2
        select_row(row, k, ranks, med_out, p, buf, counts)
