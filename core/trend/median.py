"""Sen-median kernels: all pair statistics of many series at once and the exact median of the pair slopes.

The building blocks of :func:`.mannkendall.mann_kendall`, vectorised over pixels (series held time-first,
years × pixels, so each year pair is one contiguous vector):

* :func:`_pair_stats` — S = Σ sign(x_j − x_i) (Han et al. 2025, Sustainability 17, 9075, eq. 16–17), the tie
  term Σ t_p(t_p−1)(2t_p+5) of Var(S) (eq. 18; Kendall 1975) and the pair slopes (x_j − x_i)/(t_j − t_i) of
  the Theil–Sen estimator (eq. 15; Theil 1950, Sen 1968) over real times;
* :func:`_median_cols` / :func:`_median_rows` — the median of the valid pair slopes by one partition;
* :func:`_median_pairs` — the same median found by bracketing it between sorted sample values
  (:func:`_bitonic_sort`, Batcher 1968) and sorting the few slopes inside the bracket;
* :func:`_count`, :func:`_scratch` — counts per column and per-thread scratch buffers.

References: Sen, P.K. (1968), J. Am. Stat. Assoc. 63, 1379–1389; Theil, H. (1950), Proc. Kon. Ned. Akad.
Wetensch. 53, 386–392; Kendall, M.G. (1975), Rank Correlation Methods, 4th ed.; Batcher, K.E. (1968),
Sorting networks and their applications, AFIPS Spring Joint Computer Conf. 32, 307–314.
"""
import numpy as np


def n_pairs(n):
    return n * (n - 1) // 2


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
    :func:`.mannkendall.mann_kendall`) across chunks: fresh large arrays cost a page fault per 4 KiB."""
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


def _select_rows(values, ranks):
    """Order statistics of the non-NaN entries of each row at per-row ranks (0-based), in place.

    ``values`` is (pixels, L) with NaN for missing pairs; ``ranks`` (pixels, R) holds, per row, ranks
    among that row's valid entries (each below its count). NaN becomes +∞, so a row's valid entries sort
    first and rank r is the (r+1)-th smallest valid value; rows that share their ranks are selected by one
    ``np.partition`` (series on one time axis share them, so there are few groups). Returns (pixels, R).
    The generalisation of :func:`_median_rows` to ranks other than the middle ones.
    """
    P, L = values.shape
    ranks = np.asarray(ranks, dtype=np.intp).reshape(P, -1)
    out = np.full(ranks.shape, np.nan)
    if P == 0 or L == 0:
        return out
    np.copyto(values, np.inf, where=np.isnan(values))
    keys, inverse = np.unique(ranks, axis=0, return_inverse=True)
    inverse = inverse.ravel()
    order = np.argsort(inverse, kind="stable")
    bounds = np.searchsorted(inverse[order], np.arange(keys.shape[0] + 1))
    for g in range(keys.shape[0]):
        rows = order[bounds[g]:bounds[g + 1]]
        sub = values[rows]
        sub.partition(np.unique(keys[g]), axis=1)
        out[rows] = sub[:, keys[g]]
    return out


def _select_cols(A, ranks):
    """:func:`_select_rows` on pairs × pixels (``A`` is not modified)."""
    return _select_rows(np.ascontiguousarray(A.T), ranks)

