"""Theil–Sen slope and Mann–Kendall test, vectorised over pixels, and fits of one yearly series.

Equation numbers refer to Han et al. (2025), Sustainability 17, 9075, section 3.3:
eq. 15 (Sen slope), 16–17 (S), 18 (Var(S) with the tie correction), 19 (Z with the
continuity correction). Conventions, for every series (pixel):

* missing values (NaN) are dropped; the slope is the median of (x_j − x_i)/(t_j − t_i)
  over all pairs of valid values using the real times t, so a missing year is a gap;
* S = Σ sign(x_j − x_i) over valid pairs i < j in time order; Var(S) =
  [n(n−1)(2n+5) − Σ t_p(t_p−1)(2t_p+5)]/18 over groups of exactly equal values;
  Z = (S − sign(S))/√Var(S); two-sided p = 2·(1 − Φ(|Z|)); Tau = S/(n(n−1)/2);
* a constant series gives slope 0, S 0, Z 0, p 1;
* fewer than ``min_years`` valid values gives NaN everywhere (N is still reported).

Modified tests for autocorrelated series (``method``), following pyMannKendall 1.4
(Hussain & Mahmud 2019), applied to the valid values in time order:

* ``hamed_rao``: Var(S) multiplied by n/n* = 1 + 2/(n(n−1)(n−2)) Σ (n−i)(n−i−1)(n−i−2) ρ_i
  (Hamed & Rao 1998), ρ_i the lag-i autocorrelation of the ranks of x − slope·t, summed
  over the lags i = 1 … n−1 whose |ρ_i| exceeds z_{1−α/2}/√n;
* ``prewhiten``: PW of Yue & Wang (2002) — S, Var(S), Z, p and Tau from the n−1 values
  x_{k+1} − r₁·x_k, r₁ the lag-1 autocorrelation of x; the slope from the original x;
* ``tfpw``: trend-free pre-whitening of Yue et al. (2002) — as ``prewhiten`` but r₁ is
  taken from x − slope·t and the trend slope·t is added back before the test.
"""
import math
import os
import threading
from concurrent.futures import ThreadPoolExecutor

import numpy as np

from .deps import require, scipy
from .errors import CoreError
from .stats import class_areas

METHODS = ("original", "hamed_rao", "prewhiten", "tfpw")

#: Trend classes of the class raster, in code order (0 is NoData).
TREND_CLASSES = (
    (1, "significant improvement"),
    (2, "slight improvement"),
    (3, "stable"),
    (4, "slight degradation"),
    (5, "significant degradation"),
)

#: Pixels per kernel chunk: bounds the (pixels × pairs) working arrays.
DEFAULT_CHUNK = 4096


def n_pairs(n):
    return n * (n - 1) // 2


def _normal_p(z):
    """Two-sided p-value from the standard normal: 2·(1 − Φ(|z|)) = 2·Φ(−|z|)."""
    return 2.0 * scipy.special.ndtr(-np.abs(z))


def _z_score(s, var_s):
    """Eq. 19: (S − 1)/√Var for S > 0, 0 for S = 0, (S + 1)/√Var for S < 0."""
    with np.errstate(invalid="ignore", divide="ignore"):
        z = (s - np.sign(s)) / np.sqrt(var_s)
    return np.where(s == 0, 0.0, z)


def _count(mask):
    """Number of True per column of a 2-D boolean array, as int32.

    When a row is a whole number of 8-byte words, 8 columns are counted per uint64 addition (each
    byte lane holds one column's count; blocks of at most 255 rows, so no lane carries into the next).
    """
    R, P = mask.shape
    if R and P % 8 == 0 and mask.flags.c_contiguous:
        words = mask.view(np.uint64)
        total = np.zeros(P, dtype=np.int32)
        for a in range(0, R, 255):
            total += np.add.reduce(words[a:a + 255], axis=0).view(np.uint8)
        return total
    return np.add.reduce(mask.view(np.uint8), axis=0, dtype=np.int32)


def _scratch(work, name, shape, dtype=np.float64):
    """An uninitialised array for one chunk, reused from ``work`` (a dict kept per thread by
    :func:`mann_kendall`) across chunks: fresh large arrays cost a page fault per 4 KiB."""
    size = int(np.prod(shape))
    if work is None:
        return np.empty(shape, dtype)
    key = (name, np.dtype(dtype).str)
    buf = work.get(key)
    if buf is None or buf.size < size:
        buf = work[key] = np.empty(size, dtype)
    return buf[:size].reshape(shape)


def _pair_stats(XT, t=None, work=None, keys=None):
    """S, the tie term Σ t_p(t_p−1)(2t_p+5) and, if ``t`` is given, all pair slopes.

    ``XT`` is (n, pixels) — time first, NaN for missing values, rows in time order —
    so every pair operation is one contiguous vector over pixels. Slopes come back as
    (n(n−1)/2, pixels), pairs ordered (0,1), (0,2), …, (1,2), …; a pair with a missing
    value is NaN. The tie term uses Σ_groups t(t−1)(2t+5) = Σ_values c(2c+7), c the
    number of other valid values exactly equal to the value (as np.unique does). ``keys``, if
    given, (pairs × pixels) float32, receives the slopes rounded to float32 (search keys of
    :func:`_median_pairs`).
    """
    n, P = XT.shape
    diffs = _scratch(work, "pairs", (n_pairs(n), P))
    mask = _scratch(work, "mask", diffs.shape, bool)
    dt = np.concatenate([t[i + 1:] - t[i] for i in range(n - 1)]) if t is not None and n > 1 else None
    s = np.zeros(P, dtype=np.int32)
    # Row groups of about 24 pairs: the signs (S), the exact ties and the slopes are taken while
    # the group's differences are still in cache.
    off = start = 0
    for i in range(n - 1):
        k = n - 1 - i
        np.subtract(XT[i + 1:], XT[i], out=diffs[off:off + k])
        off += k
        if off - start >= 24 or i == n - 2:
            group, m = diffs[start:off], mask[start:off]
            s += _count(np.greater(group, 0, out=m))
            s -= _count(np.less(group, 0, out=m))
            np.equal(group, 0, out=m)
            if dt is not None:
                group /= dt[start:off, None]
                if keys is not None:
                    keys[start:off] = group
            start = off
    s = s.astype(np.float64)
    eq = mask
    ties = np.zeros(P)
    if eq.any():
        partners = np.zeros((n, P), dtype=np.int32)
        off = 0
        for i in range(n - 1):
            k = n - 1 - i
            block = eq[off:off + k]
            partners[i] += _count(block)
            partners[i + 1:] += block
            off += k
        c = partners.astype(np.float64)
        ties = np.sum(c * (2.0 * c + 7.0), axis=0)
    del eq
    if t is None:
        return s, ties, None
    return s, ties, diffs


def _median_rows(values, valid_count):
    """Median of the non-NaN entries of each row (NaN where a row has none), in place.

    NaNs are replaced by −∞ (the first half) and +∞ (the rest), which puts the row's
    median at one of two fixed positions, so a single ``np.partition`` serves all rows.
    """
    P, L = values.shape
    valid_count = np.asarray(valid_count)
    if L == 0:
        return np.full(P, np.nan)
    if L == 1:
        return values[:, 0].copy()
    gappy = np.flatnonzero(valid_count < L)   # only these rows hold NaN
    if gappy.size:
        sub = values[gappy]
        missing = np.isnan(sub)
        rank = np.cumsum(missing, axis=1, dtype=np.int32)
        half = ((L - valid_count[gappy]) // 2)[:, None]
        sub[missing & (rank <= half)] = -np.inf
        sub[missing & (rank > half)] = np.inf
        values[gappy] = sub
    if L % 2 == 0:
        p1, p2, odd_pos = L // 2 - 1, L // 2, L // 2 - 1
    else:
        p1, p2, odd_pos = (L - 3) // 2, (L - 1) // 2, (L - 1) // 2
    values.partition([p1, p2], axis=1)
    lo, hi = values[:, p1], values[:, p2]
    with np.errstate(invalid="ignore"):
        med = np.where(valid_count % 2 == 0, 0.5 * (lo + hi), values[:, odd_pos])
    med[valid_count == 0] = np.nan
    return med


#: Pair counts from which :func:`_median_pairs` brackets the median instead of partitioning every row.
BRACKET_MIN_PAIRS = 126
#: Sample pair slopes per pixel that bracket the median (sorted by a network of 64 rows).
BRACKET_SAMPLE = 63
#: Counting passes of the bracket search: 2**steps sample intervals around the sample median.
BRACKET_STEPS = 4
#: Most candidates between the two bracketing sample values that are selected exactly by a small
#: sorting network; pixels with more go to the full partition (:func:`_median_rows`).
BRACKET_SLOTS = 32


def _bitonic_sort(A, B, first=0, last=None):
    """Sort each column of ``A`` (n × pixels, n a power of two, no NaN) with a bitonic network.

    ``B`` is a buffer of the same shape; the sorted values end in the returned one of the two
    (only rows ``first``…``last`` are guaranteed: the last merge skips blocks that cannot reach
    them). Each step compares all its pairs of rows at once through strided views (few large
    numpy calls: the work is vectorised over pixels and the GIL is mostly released).
    """
    n, P = A.shape
    last = n - 1 if last is None else last
    blocks = {}   # h → the 2h-row blocks of the last merge's step h that rows first…last need
    lo, hi = first, last
    h = 1
    while h < n:
        lo, hi = lo // (2 * h) * 2 * h, (hi // (2 * h) + 1) * 2 * h - 1
        blocks[h] = (lo // (2 * h), hi // (2 * h) + 1)
        h *= 2
    blk = 2
    while blk <= n:
        h = blk // 2
        a, b = A.reshape(n // blk, blk, P), B.reshape(n // blk, blk, P)
        # Merge two sorted halves: row i against row blk − 1 − i of each block.
        np.minimum(a[:, :h], a[:, h:][:, ::-1], out=b[:, :h])
        np.maximum(a[:, :h], a[:, h:][:, ::-1], out=b[:, h:][:, ::-1])
        A, B = B, A
        h //= 2
        while h:
            a, b = A.reshape(n // (2 * h), 2, h, P), B.reshape(n // (2 * h), 2, h, P)
            if blk == n:
                a, b = a[blocks[h][0]:blocks[h][1]], b[blocks[h][0]:blocks[h][1]]
            np.minimum(a[:, 0], a[:, 1], out=b[:, 0])
            np.maximum(a[:, 0], a[:, 1], out=b[:, 1])
            A, B = B, A
            h //= 2
        blk *= 2
    return A


def _median_pairs(D, k, sample=BRACKET_SAMPLE, steps=BRACKET_STEPS, slots=BRACKET_SLOTS, work=None, keys=None):
    """Median of the non-NaN entries of each column of ``D`` (pairs × pixels); NaN where none.

    Exactly the value of :func:`_median_cols` (the same order statistics, the same mean of the two
    middle ones), found without a per-pixel partition of all pairs:

    1. ``sample`` fixed rows of ``D`` (NaN → −∞ / +∞ alternately) are sorted per pixel by a
       sorting network (vectorised over pixels);
    2. with the target rank r₁ = ⌊(k−1)/2⌋, a binary search over 2**``steps`` sample intervals
       around the sample median counts #(D < v) for each tried sample value v: it ends with two
       adjacent sample values lo < hi, #(D < lo) ≤ r₁ < #(D < hi);
    3. the pair slopes in [lo, hi) — the ranks #(D < lo) … #(D < hi) − 1, so both middle ranks
       when k is even, or r₂ = #(D < hi) which is then hi itself, a pair slope — are gathered,
       padded with hi, and sorted by a sorting network of ``slots`` rows (a power of two).

    Pixels whose bracket was not found in the window or holds ``slots`` or more values are
    done by :func:`_median_rows`. (Where −0.0 and +0.0 tie at the median, either may be returned,
    as with the partition.) ``k`` is the number of non-NaN entries of each column;
    ``work`` as for :func:`_scratch`.
    """
    L, P = D.shape
    k = np.asarray(k)
    if L < 2 * sample or P == 0:
        return _median_cols(D, k)
    r1 = (k - 1) // 2
    ar = np.arange(P)
    # 1. The sample, sorted per pixel.
    wires = 1 << int(sample).bit_length()
    first = wires // 2 - 1 - (1 << steps) // 2
    last = first + (1 << steps)
    S = _scratch(work, "sample", (wires, P))
    rows = np.linspace(0, L - 1, sample).round().astype(np.intp)
    np.take(D, rows, axis=0, out=S[:sample])
    fill = np.where(np.arange(sample) % 2 == 0, -np.inf, np.inf)[:, None]
    np.copyto(S[:sample], fill, where=np.isnan(S[:sample]))
    S[sample:] = np.inf
    Sflat = _bitonic_sort(S, _scratch(work, "sample2", (wires, P)), first, last).ravel()
    # 2. Binary search between sample ranks first and last, counting over all pairs (in float32
    #    keys when given: rounding is monotone, so they only guide; step 3 counts exactly).
    keys = D if keys is None else keys
    below = _scratch(work, "mask", D.shape, bool)
    lo_i = np.full(P, first, dtype=np.intp)
    hi_i = np.full(P, last, dtype=np.intp)
    lo_tried = np.zeros(P, dtype=bool)
    hi_tried = np.zeros(P, dtype=bool)
    for _ in range(steps):
        mid = (lo_i + hi_i) >> 1
        pivot = Sflat[mid * P + ar].astype(keys.dtype)
        up = _count(np.less(keys, pivot, out=below)) <= r1
        lo_i = np.where(up, mid, lo_i)
        lo_tried |= up
        hi_i = np.where(up, hi_i, mid)
        hi_tried |= ~up
    lo = Sflat[lo_i * P + ar]
    hi = Sflat[hi_i * P + ar]
    # 3. Exact counts #(D < lo), #(D < hi) and the values in [lo, hi), by row blocks (the second
    #    comparison reads D from cache); then the bracketed pixels' values, pixel by pixel, sorted.
    inside = _scratch(work, "mask2", D.shape, bool)
    at_least_lo = np.zeros(P, dtype=np.int32)
    c_hi = np.zeros(P, dtype=np.int32)
    for a in range(0, L, 32):
        at_least_lo += _count(np.greater_equal(D[a:a + 32], lo, out=below[a:a + 32]))
        c_hi += _count(np.less(D[a:a + 32], hi, out=inside[a:a + 32]))
        inside[a:a + 32] &= below[a:a + 32]
    c_lo = k - at_least_lo
    n_in = c_hi - c_lo
    ok = lo_tried & hi_tried & (c_lo <= r1) & (r1 < c_hi) & (n_in < slots)
    flat = np.flatnonzero(inside)
    del inside, below
    if not ok.all():
        flat = flat[ok[flat % P]]
    pix = flat % P
    by_pixel = np.argsort(pix.astype(np.uint16) if P <= 65536 else pix, kind="stable")
    pix = pix[by_pixel]
    n_ok = np.where(ok, n_in, 0)
    rank = np.arange(flat.size) - (np.cumsum(n_ok) - n_ok)[pix]
    values = D.ravel()[flat[by_pixel]]
    # Most pixels have fewer than slots/2 values in their bracket: they are sorted by the half-size
    # network over all pixel columns, the others by the full one over their own columns only.
    half = slots // 2
    few = n_in < half
    x1 = np.full(P, np.nan)
    x2 = np.full(P, np.nan)
    j1 = r1 - c_lo
    for size, cols in ((half, ok & few), (slots, ok & ~few)):
        cols = np.flatnonzero(cols)
        if cols.size == 0:
            continue
        col_of = np.zeros(P, dtype=np.intp)
        col_of[cols] = np.arange(cols.size)
        sel = (n_ok[pix] < half) if size == half else (n_ok[pix] >= half)
        B = _scratch(work, f"slots{size}", (size, cols.size))
        B[:] = hi[cols]
        B.ravel()[rank[sel] * cols.size + col_of[pix[sel]]] = values[sel]
        Bflat = _bitonic_sort(B, _scratch(work, f"slots{size}b", (size, cols.size))).ravel()
        jj = j1[cols] * cols.size + np.arange(cols.size)
        x1[cols] = Bflat[jj]
        x2[cols] = Bflat[jj + cols.size]
    with np.errstate(invalid="ignore"):
        med = np.where(k % 2 == 0, 0.5 * (x1 + x2), x1)
    med[k == 0] = np.nan
    rest = np.flatnonzero(~ok & (k > 0))
    if rest.size:
        med[rest] = _median_rows(np.ascontiguousarray(D[:, rest].T), k[rest])
    return med


def _median_cols(A, k):
    """Median of the non-NaN entries of each column of ``A`` (pairs × pixels); NaN where none.

    The pairs are built time-first (each pair one contiguous vector over pixels), then
    transposed so that one np.partition call selects every pixel's median.
    """
    return _median_rows(np.ascontiguousarray(A.T), np.asarray(k))


def _compact(X):
    """Valid values of each row moved to the front (time order kept), NaN after; and their count."""
    valid = ~np.isnan(X)
    order = np.argsort(~valid, axis=1, kind="stable")
    return np.take_along_axis(X, order, axis=1), valid.sum(axis=1)


def _acf_rows(Y, n_valid, max_lag):
    """Autocorrelation ρ_0…ρ_max_lag of each row's first ``n_valid`` values (pyMannKendall's __acf)."""
    P, n = Y.shape
    cols = np.arange(n)[None, :]
    inside = cols < n_valid[:, None]
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = np.where(inside, Y, 0.0).sum(axis=1) / n_valid
    y = np.where(inside, Y - mean[:, None], 0.0)
    acov = np.empty((P, max_lag + 1))
    for lag in range(max_lag + 1):
        acov[:, lag] = np.sum(y[:, :n - lag] * y[:, lag:], axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        return acov / acov[:, :1]


def _ranks_rows(Y, n_valid):
    """Average ranks (1…n, ties share the mean rank) of each row's first ``n_valid`` values."""
    P, n = Y.shape
    inside = np.arange(n)[None, :] < n_valid[:, None]
    ranks = np.ones((P, n))
    for j in range(n):
        yj = Y[:, j:j + 1]
        ranks[:, j] += np.count_nonzero(inside & (Y < yj), axis=1)
        ranks[:, j] += 0.5 * (np.count_nonzero(inside & (Y == yj), axis=1) - 1)
    return np.where(inside, ranks, np.nan)


def _hamed_rao_factor(Xc, n_valid, tc, slope, alpha, lag=None):
    """n/n* of Hamed & Rao (1998) as in pyMannKendall's hamed_rao_modification_test."""
    P, n = Xc.shape
    detrended = Xc - slope[:, None] * tc
    ranks = _ranks_rows(detrended, n_valid)
    max_lag = n - 1 if lag is None else min(lag, n - 1)
    rho = _acf_rows(np.nan_to_num(ranks), n_valid, max_lag)
    nn = n_valid.astype(np.float64)
    bound = scipy.stats.norm.ppf(1 - alpha / 2) / np.sqrt(nn)
    total = np.zeros(P)
    for i in range(1, max_lag + 1):
        r = rho[:, i]
        use = (i < n_valid) & ((r > bound) | (r < -bound))
        total += np.where(use, (nn - i) * (nn - i - 1) * (nn - i - 2) * r, 0.0)
    with np.errstate(invalid="ignore", divide="ignore"):
        factor = 1.0 + 2.0 / (nn * (nn - 1) * (nn - 2)) * total
    # A constant detrended series has no autocorrelation to correct for.
    return np.where(np.isfinite(factor), factor, 1.0)


def _prewhiten(Xc, n_valid, tc, slope, trend_free):
    """The n−1 pre-whitened values of each row (NaN-padded), Yue & Wang (2002) / Yue et al. (2002)."""
    P, n = Xc.shape
    base = Xc - slope[:, None] * tc if trend_free else Xc
    r1 = _acf_rows(np.nan_to_num(base), n_valid, 1)[:, 1]
    r1 = np.where(np.isfinite(r1), r1, 0.0)
    out = base[:, 1:] - r1[:, None] * base[:, :-1]
    if trend_free:
        # The trend is added back on the times of the whitened values shifted by one step, as
        # pyMannKendall does (a constant offset, so S is unchanged but exact ties round alike).
        out = out + slope[:, None] * (tc[:, 1:] - 1.0)
    inside = np.arange(1, n)[None, :] < n_valid[:, None]
    return np.where(inside, out, np.nan)


def mann_kendall(values, years, min_years=4, method="original", alpha=0.05, chunk=DEFAULT_CHUNK, axis=-1,
                 workers=None):
    """Sen slope and Mann–Kendall statistics of many series at once.

    Parameters
    ----------
    values : array (pixels, n) — one series per row in the order of ``years``, NaN for
        missing (or time on another ``axis``, e.g. (n, pixels) with ``axis=0``).
    years : array (n,) — strictly increasing times (real years, so gaps count).
    min_years : series with fewer valid values give NaN.
    method : one of :data:`METHODS` (see the module docstring).
    alpha : significance level used by ``hamed_rao`` to select significant lags.
    chunk : pixels processed at a time (bounds the pairs × pixels working arrays).
    workers : threads working on chunks at once (default :func:`default_workers`).

    Returns
    -------
    dict of float arrays (pixels,): ``slope`` (per unit of ``years``), ``s``, ``var_s``,
    ``z``, ``p``, ``tau`` and ``n`` (valid values, always set).
    """
    require(("scipy",))
    values = np.asarray(values, dtype=np.float64)
    if values.ndim == 1:
        values = values[None, :] if axis in (-1, 1) else values[:, None]
    XT = np.moveaxis(values, axis, 0)
    n = XT.shape[0]
    XT = XT.reshape(n, -1)
    P = XT.shape[1]
    t = np.asarray(years, dtype=np.float64)
    if t.shape != (n,):
        raise CoreError(f"{n} values per series but {t.size} times were given.")
    if n > 1 and not np.all(np.diff(t) > 0):
        raise CoreError("The times must be strictly increasing (sorted, no duplicates).")
    if method not in METHODS:
        raise CoreError(f"Unknown trend test '{method}'; use one of {', '.join(METHODS)}.")
    min_years = max(2, int(min_years))
    out = {k: np.full(P, np.nan) for k in ("slope", "s", "var_s", "z", "p", "tau", "n")}
    step = max(1, int(chunk))

    scratch = threading.local()   # one set of chunk buffers per thread, freed with this call

    def job(start):
        stop = min(P, start + step)
        part = _kernel(np.ascontiguousarray(XT[:, start:stop]), t, min_years, method, alpha,
                       scratch.__dict__)
        for k, v in part.items():
            out[k][start:stop] = v

    starts = range(0, P, step)
    workers = default_workers() if workers is None else max(1, int(workers))
    if workers > 1 and len(starts) > 1:
        # numpy releases the GIL in the pair arithmetic and the partition, so chunks overlap.
        with ThreadPoolExecutor(max_workers=workers) as pool:
            list(pool.map(job, starts))
    else:
        for start in starts:
            job(start)
    return out


def default_workers():
    """Threads for :func:`mann_kendall`: the CPU count, at most 4 (env RSEI_THREADS overrides)."""
    env = os.environ.get("RSEI_THREADS")
    if env:
        return max(1, int(env))
    return max(1, min(4, os.cpu_count() or 1))


def _kernel(XT, t, min_years, method, alpha, work=None):
    """All statistics for one chunk; ``XT`` is (n, pixels); ``work`` as for :func:`_scratch`."""
    XT = np.where(np.isfinite(XT), XT, np.nan)
    n, P = XT.shape
    n_valid = np.count_nonzero(~np.isnan(XT), axis=0)
    nn = n_valid.astype(np.float64)
    bracket = n_pairs(n) >= BRACKET_MIN_PAIRS
    keys = _scratch(work, "keys", (n_pairs(n), P), np.float32) if bracket else None
    s, ties, slopes = _pair_stats(XT, t, work, keys)
    k = n_valid * (n_valid - 1) // 2
    if bracket:
        slope = _median_pairs(slopes, k, work=work, keys=keys)
    else:
        slope = _median_cols(slopes, k)
    # A zero median as +0.0: pair slopes −0.0 (from values −0.0) and +0.0 tie, and which of them a
    # selection returns is arbitrary.
    slope += 0.0
    del slopes
    ns = nn
    var_factor = 1.0
    if method != "original":
        X = np.ascontiguousarray(XT.T)
        Xc, _ = _compact(X)
        tc, _ = _compact(np.broadcast_to(t, X.shape) + np.where(np.isnan(X), np.nan, 0.0))
        # Times counted from the first valid one (1, 2, … for consecutive years), as pyMannKendall
        # detrends with x − slope·(1…n): the same rounding, so exact ties in x − slope·t stay ties.
        tc = tc - tc[:, :1] + 1.0
        if method == "hamed_rao":
            var_factor = _hamed_rao_factor(Xc, n_valid, tc, slope, alpha)
        else:
            W = _prewhiten(Xc, n_valid, tc, slope, trend_free=(method == "tfpw"))
            s, ties, _ = _pair_stats(np.ascontiguousarray(W.T), work=work)
            ns = nn - 1
    var_s = (ns * (ns - 1) * (2 * ns + 5) - ties) / 18.0 * var_factor
    z = _z_score(s, var_s)
    p = _normal_p(z)
    with np.errstate(invalid="ignore", divide="ignore"):
        tau = s / (0.5 * ns * (ns - 1))
    # A constant series: every pair slope is 0, S = 0 and Var(S) = 0 — Z 0 and p 1 (eq. 19).
    enough = n_valid >= min_years
    res = {key: np.where(enough, arr, np.nan)
           for key, arr in {"slope": slope, "s": s, "var_s": var_s, "z": z, "p": p, "tau": tau}.items()}
    res["n"] = nn
    return res


def classify(slope, p, stable_slope, alpha):
    """Trend classes 1–5 of :data:`TREND_CLASSES` (0 where slope or p is NaN).

    |slope| ≤ stable_slope → 3 stable; otherwise the direction is the sign of the
    slope and the trend is significant when p < alpha: slope > threshold → 1
    (p < alpha) or 2; slope < −threshold → 5 (p < alpha) or 4.
    """
    slope = np.asarray(slope, dtype=np.float64)
    p = np.asarray(p, dtype=np.float64)
    cls = np.zeros(slope.shape, dtype=np.uint8)
    known = np.isfinite(slope) & np.isfinite(p)
    with np.errstate(invalid="ignore"):
        sig = p < alpha
        up = slope > stable_slope
        down = slope < -stable_slope
    cls[known & ~up & ~down] = 3
    cls[known & up & sig] = 1
    cls[known & up & ~sig] = 2
    cls[known & down & ~sig] = 4
    cls[known & down & sig] = 5
    return cls


# --------------------------------------------------------------------------- rasters

def senmk_rasters(paths, years, outputs, tx, monitor, min_years=4, method="original", alpha=0.05,
                  stable_slope=0.0005, budget_mb=None, chunk=DEFAULT_CHUNK):
    """Per-pixel Sen slope + Mann–Kendall over single-band rasters on one grid, block by block.

    ``paths`` and ``years`` in any order (sorted by year here). ``outputs`` maps
    'slope', 'z', 'p', 'trend', 's', 'tau', 'n' to output paths (None = not written).
    Writes through the :class:`~.raster.OutputTransaction` ``tx``. Returns a summary:
    per-class pixel counts and areas (km², from Grid.row_pixel_areas_km2), the grid
    and the years used.
    """
    from .raster import RasterReader, check_same_grid, iter_windows

    if len(paths) < 2:
        raise CoreError(f"INPUT: a trend needs at least two rasters; {len(paths)} given.")
    years = np.asarray(years, dtype=np.float64)
    if years.size != len(paths):
        raise CoreError(f"{years.size} years for {len(paths)} input rasters.")
    if np.unique(years).size != years.size:
        raise CoreError("Duplicate years: each input must have its own year.")
    if int(min_years) > len(paths):
        raise CoreError(f"MIN_YEARS is {int(min_years)} but only {len(paths)} rasters were given; "
                        f"every pixel would be NoData.")
    order = np.argsort(years, kind="stable")
    if np.any(order != np.arange(len(paths))):
        monitor.info("Inputs were not in time order; they are used sorted by year.")
    paths = [paths[i] for i in order]
    years = years[order]
    readers = []
    prefetch = writing = None
    try:
        for i, p in zip(order, paths):
            readers.append(RasterReader(p, f"INPUT #{i + 1} ({os.path.basename(str(p))})"))
        for r in readers:
            if r.count > 1:
                monitor.warn(f"{r.name} has {r.count} bands; only band 1 is used.")
        grid = check_same_grid(readers)
        n = len(readers)
        writers = {}
        for key in ("slope", "z", "p", "s", "tau"):
            if outputs.get(key):
                writers[key] = tx.raster(outputs[key], grid, descriptions=[_DESCRIPTIONS[key]])
        if outputs.get("n"):
            writers["n"] = tx.raster(outputs["n"], grid, dtype="uint16", nodata=0,
                                     descriptions=[_DESCRIPTIONS["n"]])
        if outputs.get("trend"):
            writers["trend"] = tx.raster(outputs["trend"], grid, dtype="uint8", nodata=0,
                                         descriptions=[_DESCRIPTIONS["trend"]])
            writers["trend"].write_colormap(TREND_COLORS)
        counts = np.zeros(len(TREND_CLASSES) + 1)
        undefined = 0
        areas = np.zeros(len(TREND_CLASSES) + 1)
        # Three stages overlap: the next block is read and the previous one written (each by its
        # own thread) while this one is computed. Memory: three input blocks and two results.
        per_pixel = 8 * n * 3 + 8 * 24
        prefetch = ThreadPoolExecutor(max_workers=1)
        writing = ThreadPoolExecutor(max_workers=1)
        tally = {"undefined": 0, "counts": counts, "areas": areas}
        pending = written = None
        block_rows = None
        for window in iter_windows(grid, per_pixel, monitor, budget_mb):
            h, w = int(window.height), int(window.width)
            block_rows = block_rows or h
            X = (pending or prefetch.submit(_read_block, readers, window)).result()
            below = int(window.row_off) + h
            pending = None
            if below < grid.height:
                # The next block: the same rows as iter_windows will give.
                nxt = window.__class__(0, below, w, min(block_rows, grid.height - below))
                pending = prefetch.submit(_read_block, readers, nxt)
            res = mann_kendall(X, years, min_years, method, alpha, chunk, axis=0)
            del X
            if written is not None:
                written.result()
            written = writing.submit(_write_block, writers, grid, window, res, stable_slope, alpha, tally)
            if pending is None:
                written.result()   # the last block is written within iter_windows (GDAL cache cap)
        undefined = tally["undefined"]
    finally:
        for pool in (prefetch, writing):
            if pool is not None:
                pool.shutdown(wait=True, cancel_futures=True)
        for r in readers:
            r.close()
    total = counts[1:].sum()
    classes = []
    for code, name in TREND_CLASSES:
        classes.append({"code": code, "name": name, "pixels": int(counts[code]), "area_km2": float(areas[code]),
                        "percent": float(100.0 * counts[code] / total) if total else float("nan")})
    if undefined:
        monitor.warn(f"{undefined} pixel(s) have a slope but no p-value: the corrected variance of S was not "
                     f"positive ({method}); their Z, p and class are NoData.")
    return {"classes": classes, "nodata_pixels": int(counts[0]), "undefined_p_pixels": undefined, "grid": grid,
            "years": [float(y) for y in years], "paths": paths}


def _read_block(readers, window):
    """The window of every reader as one (rasters, pixels) float64 array, NaN for NoData."""
    X = np.empty((len(readers), int(window.height) * int(window.width)))
    for j, r in enumerate(readers):
        values, valid = r.read_valid(window)   # as RasterReader.read, without its float64 copy
        X[j] = values.ravel()
        np.copyto(X[j], np.nan, where=~valid.ravel())
    return X


def _write_block(writers, grid, window, res, stable_slope, alpha, tally):
    """Write one block of results and add its classes to the per-class pixel counts and areas."""
    h, w = int(window.height), int(window.width)
    for key in ("slope", "z", "p", "s", "tau"):
        if key in writers:
            writers[key].write(window, res[key].reshape(h, w))
    if "n" in writers:
        writers["n"].write(window, res["n"].reshape(h, w).astype(np.uint16))
    tally["undefined"] += int(np.count_nonzero(np.isfinite(res["slope"]) & ~np.isfinite(res["p"])))
    cls = classify(res["slope"], res["p"], stable_slope, alpha).reshape(h, w)
    if "trend" in writers:
        writers["trend"].write(window, cls)
    row_area = grid.row_pixel_areas_km2(int(window.row_off), int(window.row_off) + h)
    counts, areas = class_areas(cls, row_area, len(TREND_CLASSES) + 1)
    tally["counts"] += counts
    tally["areas"] += areas


_DESCRIPTIONS = {
    "slope": "Sen slope (per year)", "z": "Mann-Kendall Z", "p": "Mann-Kendall two-sided p",
    "s": "Mann-Kendall S", "tau": "Kendall tau (S / (n(n-1)/2))", "n": "valid years",
    "trend": "trend class (1 sig. improvement … 5 sig. degradation)",
}

#: Palette of the class raster (also in resources/styles/trend_classes.qml).
TREND_COLORS = {
    0: (0, 0, 0, 0),
    1: (26, 150, 65, 255),
    2: (166, 217, 106, 255),
    3: (255, 255, 191, 255),
    4: (253, 174, 97, 255),
    5: (215, 25, 28, 255),
}


# --------------------------------------------------------------------------- one series

def linear_fit(t, x):
    """Least-squares line: (slope, intercept, Pearson r, SSE)."""
    t = np.asarray(t, dtype=np.float64)
    x = np.asarray(x, dtype=np.float64)
    tm, xm = t.mean(), x.mean()
    stt = np.sum((t - tm) ** 2)
    sxx = np.sum((x - xm) ** 2)
    stx = np.sum((t - tm) * (x - xm))
    slope = stx / stt if stt > 0 else float("nan")
    intercept = xm - slope * tm
    r = stx / math.sqrt(stt * sxx) if stt > 0 and sxx > 0 else float("nan")
    sse = float(np.sum((x - intercept - slope * t) ** 2)) if stt > 0 else float("nan")
    return float(slope), float(intercept), float(r), sse


def quadratic_fit(t, x, level=0.95):
    """Least-squares x = c0 + c1·u + c2·u², u = t − mean(t), with R², vertex and the confidence band.

    Returns a dict: coefficients in u (``c``), ``t0`` (the centre), ``r2``, ``vertex``
    (t where the slope is 0: t0 − c1/(2·c2)), ``sigma2`` (residual variance, n − 3 dof),
    ``cov`` (covariance of the coefficients) and ``band(tt)`` → (fit, lower, upper): the
    ``level`` confidence band of the mean response, fit ± t_{(1+level)/2, n−3}·√(uᵀ·cov·u).
    """
    require(("scipy",))
    t = np.asarray(t, dtype=np.float64)
    x = np.asarray(x, dtype=np.float64)
    n = t.size
    t0 = float(t.mean())
    u = t - t0
    A = np.column_stack([np.ones(n), u, u * u])
    c, *_ = np.linalg.lstsq(A, x, rcond=None)
    resid = x - A @ c
    sse = float(resid @ resid)
    sst = float(np.sum((x - x.mean()) ** 2))
    r2 = 1.0 - sse / sst if sst > 0 else float("nan")
    dof = n - 3
    sigma2 = sse / dof if dof > 0 else float("nan")
    cov = sigma2 * np.linalg.inv(A.T @ A)
    vertex = t0 - c[1] / (2.0 * c[2]) if c[2] != 0 else float("nan")
    tcrit = float(scipy.stats.t.ppf(0.5 + level / 2.0, dof)) if dof > 0 else float("nan")

    def band(tt):
        uu = np.asarray(tt, dtype=np.float64) - t0
        B = np.column_stack([np.ones(uu.size), uu, uu * uu])
        fit = B @ c
        half = tcrit * np.sqrt(np.einsum("ij,jk,ik->i", B, cov, B))
        return fit, fit - half, fit + half

    return {"c": c, "t0": t0, "r2": r2, "vertex": float(vertex), "sigma2": sigma2, "cov": cov,
            "tcrit": tcrit, "band": band}


def best_break(t, x, min_points=3):
    """The break b among the times that minimises SSE(t ≤ b) + SSE(t > b) of two separate lines.

    Candidates leave at least ``min_points`` values on each side; ties go to the earliest.
    """
    t = np.asarray(t, dtype=np.float64)
    x = np.asarray(x, dtype=np.float64)
    best = None
    for b in t:
        left, right = t <= b, t > b
        if left.sum() < min_points or right.sum() < min_points:
            continue
        sse = linear_fit(t[left], x[left])[3] + linear_fit(t[right], x[right])[3]
        if best is None or sse < best[1] - 1e-15:
            best = (float(b), sse)
    if best is None:
        raise CoreError(f"Too few values ({t.size}) to find a break with at least {min_points} values "
                        f"on each side; give BREAK_YEAR.")
    return best[0]


def series_trend(t, x, break_year=None, alpha=0.05):
    """Every statistic of rsei:seriestrend for one series (times ``t``, values ``x``; NaN dropped).

    Sen slope with intercept median(x) − slope·median(t) (Conover 1980, line x = a + b·t),
    Mann–Kendall (original test), the least-squares quadratic (R², vertex) and two
    least-squares segments t ≤ break and t > break (slope, Pearson r).
    """
    t = np.asarray(t, dtype=np.float64)
    x = np.asarray(x, dtype=np.float64)
    ok = np.isfinite(t) & np.isfinite(x)
    t, x = t[ok], x[ok]
    order = np.argsort(t, kind="stable")
    t, x = t[order], x[order]
    if t.size and np.any(np.diff(t) == 0):
        dup = ", ".join(f"{v:g}" for v in np.unique(t[1:][np.diff(t) == 0]))
        raise CoreError(f"Duplicate time(s) {dup}: each time must appear once.")
    if t.size < 4:
        raise CoreError(f"The series has {t.size} valid value(s); at least 4 are needed "
                        f"(the quadratic has 3 coefficients and its band needs one degree of freedom).")
    mk = mann_kendall(x[None, :], t, min_years=2)
    slope = float(mk["slope"][0])
    intercept = float(np.median(x) - slope * np.median(t))
    quad = quadratic_fit(t, x)
    if break_year is None:
        brk = best_break(t, x)
        chosen = "minimum of the two segments' squared error"
    else:
        brk = float(break_year)
        chosen = "given"
    left, right = t <= brk, t > brk
    if left.sum() < 2 or right.sum() < 2:
        raise CoreError(f"BREAK_YEAR {brk:g} leaves {int(left.sum())} value(s) at or before it and "
                        f"{int(right.sum())} after it; each segment needs at least 2.")
    s1, i1, r1, _ = linear_fit(t[left], x[left])
    s2, i2, r2, _ = linear_fit(t[right], x[right])
    return {
        "t": t, "x": x, "n": int(t.size),
        "SEN_SLOPE": slope, "SEN_INTERCEPT": intercept,
        "MK_S": float(mk["s"][0]), "MK_Z": float(mk["z"][0]), "MK_P": float(mk["p"][0]),
        "MK_VAR_S": float(mk["var_s"][0]), "MK_TAU": float(mk["tau"][0]),
        "QUAD_R2": float(quad["r2"]), "QUAD_VERTEX": float(quad["vertex"]), "quad": quad,
        "BREAK_YEAR": brk, "break_chosen": chosen,
        "SEG1_SLOPE": s1, "SEG1_INTERCEPT": i1, "SEG1_R": r1, "SEG1_N": int(left.sum()),
        "SEG2_SLOPE": s2, "SEG2_INTERCEPT": i2, "SEG2_R": r2, "SEG2_N": int(right.sum()),
    }


def write_series_report(path, res, time_name="time", value_name="value"):
    """HTML report of :func:`series_trend`: Figures 7–8 of the paper and a table of the statistics."""
    from . import report

    t, x = res["t"], res["x"]
    quad = res["quad"]
    tt = np.linspace(t.min(), t.max(), 200)
    fit, lo, hi = quad["band"](tt)

    fig = report.new_figure(7.5, 4.2)
    ax = fig.add_subplot(111)
    ax.fill_between(tt, lo, hi, color="#e63946", alpha=0.2, label="95% confidence band (mean response)")
    ax.plot(tt, fit, color="#e63946", lw=2, label=f"quadratic fit, R² = {res['QUAD_R2']:.3f}")
    if np.isfinite(res["QUAD_VERTEX"]) and t.min() <= res["QUAD_VERTEX"] <= t.max():
        ax.axvline(res["QUAD_VERTEX"], color="#888", ls=":", lw=1,
                   label=f"vertex {res['QUAD_VERTEX']:.2f}")
    ax.plot(t, x, "o-", color="#1d3557", lw=1, ms=4, label=value_name)
    ax.set_xlabel(time_name)
    ax.set_ylabel(value_name)
    ax.legend(fontsize=8)
    ax.grid(alpha=0.3)
    fig_quad = report.figure_html(fig, "The series and the least-squares quadratic with its 95% confidence band "
                                       "(cf. Figure 8a of Han et al. 2025).")

    fig = report.new_figure(7.5, 4.2)
    ax = fig.add_subplot(111)
    ax.plot(t, x, "o", color="#1d3557", ms=4, label=value_name)
    brk = res["BREAK_YEAR"]
    for seg, mask, colour in (("SEG1", t <= brk, "#d62828"), ("SEG2", t > brk, "#2a9d8f")):
        ts = t[mask]
        ax.plot(ts, res[f"{seg}_INTERCEPT"] + res[f"{seg}_SLOPE"] * ts, color=colour, lw=2,
                label=f"{'≤' if seg == 'SEG1' else '>'} {brk:g}: slope {res[f'{seg}_SLOPE']:.5f}, "
                      f"r = {res[f'{seg}_R']:.3f}")
    ax.plot(t, res["SEN_INTERCEPT"] + res["SEN_SLOPE"] * t, color="#888", ls="--", lw=1,
            label=f"Sen slope {res['SEN_SLOPE']:.5f}")
    ax.axvline(brk, color="#888", ls=":", lw=1)
    ax.set_xlabel(time_name)
    ax.set_ylabel(value_name)
    ax.legend(fontsize=8)
    ax.grid(alpha=0.3)
    fig_seg = report.figure_html(fig, f"Two least-squares segments around the break {brk:g} "
                                      f"({res['break_chosen']}) and the Sen line (cf. Figures 7 and 8b).")

    c = quad["c"]
    t0 = quad["t0"]
    # Coefficients in t (not centred) for the reader: c0 + c1·t + c2·t².
    a2 = c[2]
    a1 = c[1] - 2 * c[2] * t0
    a0 = c[0] - c[1] * t0 + c[2] * t0 * t0
    rows = [
        ("values (n)", res["n"]), ("Sen slope", res["SEN_SLOPE"]), ("Sen intercept (t = 0)", res["SEN_INTERCEPT"]),
        ("Mann–Kendall S", res["MK_S"]), ("Var(S)", res["MK_VAR_S"]), ("Mann–Kendall Z", res["MK_Z"]),
        ("Mann–Kendall p", res["MK_P"]), ("Kendall tau", res["MK_TAU"]),
        ("quadratic R²", res["QUAD_R2"]), ("quadratic vertex", res["QUAD_VERTEX"]),
        (f"quadratic c₂ (t − {t0:g})²", float(c[2])), (f"quadratic c₁ (t − {t0:g})", float(c[1])),
        ("quadratic c₀", float(c[0])), ("quadratic in t: a₂", float(a2)), ("a₁", float(a1)), ("a₀", float(a0)),
        ("break", brk), ("segment 1 values", res["SEG1_N"]), ("segment 1 slope", res["SEG1_SLOPE"]),
        ("segment 1 r", res["SEG1_R"]), ("segment 2 values", res["SEG2_N"]),
        ("segment 2 slope", res["SEG2_SLOPE"]), ("segment 2 r", res["SEG2_R"]),
    ]
    table = report.table_html(["statistic", "value"], [(k, float(v) if isinstance(v, (float, np.floating))
                                                       else v) for k, v in rows], digits=6)
    data = report.table_html([time_name, value_name], [(float(a), float(b)) for a, b in zip(t, x)],
                             caption="The series", digits=6)
    report.write_page(path, "Trend of a yearly series", [
        ("Quadratic fit", fig_quad), ("Segments and Sen slope", fig_seg), ("Statistics", table), ("Data", data)],
        subtitle="RSEI Toolbox rsei:seriestrend — Han et al. (2025), Sustainability 17, 9075, section 4.2")
