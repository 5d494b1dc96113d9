"""Exact quantiles of values streamed block by block (numpy's default 'linear' definition).

The quantile of probability p of n sorted values x₀ ≤ … ≤ xₙ₋₁ is, as numpy's
default (Hyndman & Fan 1996, type 7), the value at 0-based rank h = (n − 1)·p,
interpolated between the order statistics x⌊h⌋ and x⌊h⌋₊₁.

Memory does not grow with the raster: pass 1 finds the count and the min/max
(skipped when the caller knows them), pass 2 counts the values in a histogram of
``bins`` equal bins between min and max, which locates the bin of each needed order
statistic, and pass 3 collects the distinct values (with counts) of those few bins
only, which gives the order statistics exactly. Used by the percentile clipping of
the RSEI (``core.rsei``, 2^20 bins, at most ``REFINE_LIMIT`` collected pixels over
the four indicators) and the terciles of the RSEI × EG coupling (``core.coupling``).
"""
import math

import numpy as np

#: Distinct values gathered from a bin's blocks before they are merged into one sorted set.
_MERGE_AT = 1 << 16


def quantile_ranks(n, probs):
    """Ranks (0-based) and weights of numpy's default ('linear', Hyndman–Fan type 7) quantile."""
    out = []
    for p in probs:
        h = (n - 1) * p
        lo = int(math.floor(h))
        out.append((lo, min(lo + 1, n - 1), h - lo))
    return out


def _lerp(a, b, t):
    """Linear interpolation exactly as numpy's quantile does it (numpy ≥ 1.22)."""
    d = b - a
    return b - d * (1 - t) if t >= 0.5 else a + d * t


def _forward(a, b, t):
    """a + t·(b − a): the interpolation of the RSEI percentile clipping (kept as it was)."""
    return a + t * (b - a)


#: Interpolation between the two order statistics: "numpy" (bit for bit np.quantile) or "forward".
INTERPOLATIONS = {"numpy": _lerp, "forward": _forward}


class _BinValues:
    """The distinct values of one histogram bin with their counts, gathered block by block."""

    def __init__(self):
        self.values = np.empty(0)
        self.counts = np.empty(0, dtype=np.int64)
        self.pending = []
        self.pending_size = 0

    def add(self, v):
        self.add_counted(*np.unique(v, return_counts=True))

    def add_counted(self, u, c):
        """Add distinct values ``u`` seen ``c`` times each."""
        self.pending.append((u, c))
        self.pending_size += u.size
        if self.pending_size > max(self.values.size, _MERGE_AT):
            self._merge()

    def _merge(self):
        if not self.pending:
            return
        u = np.concatenate([self.values] + [p[0] for p in self.pending])
        c = np.concatenate([self.counts] + [p[1] for p in self.pending])
        self.values, inverse = np.unique(u, return_inverse=True)
        self.counts = np.bincount(inverse.ravel(), weights=c, minlength=self.values.size).astype(np.int64)
        self.pending, self.pending_size = [], 0

    def value_at(self, k):
        """The k-th (0-based) smallest value of the bin."""
        self._merge()
        return float(self.values[int(np.searchsorted(np.cumsum(self.counts), k, side="right"))])


class StreamingQuantiles:
    """Exact quantiles of one variable whose values are streamed in blocks, in (up to) three passes.

    Feed every block to :meth:`add` once per pass and call :meth:`next_pass` between
    passes. Pass 1: count and min/max (skipped when ``lo`` and ``hi``, the exact
    min and max, are given); pass 2: a histogram of ``bins`` bins; pass 3: the
    distinct values (with counts) of the bins that hold the needed ranks. Memory is
    bounded by the distinct values in those bins, not by the raster size.

    :func:`limit_collection` may leave some needed bins out of pass 3 (to bound
    memory); an order statistic in such a bin is then interpolated inside the bin,
    lo + width·(bin + (k − before + ½)/count), and :attr:`approximate` is set.
    ``interpolation`` picks the formula between the two order statistics
    (:data:`INTERPOLATIONS`).
    """

    def __init__(self, probs, bins=4096, lo=None, hi=None, interpolation="numpy"):
        self.probs = tuple(probs)
        self.bins = bins
        self.interpolate = INTERPOLATIONS[interpolation]
        self.stage = 1
        self.n = 0
        self.lo, self.hi = math.inf, -math.inf
        self.width = self.cum = self.ranks = None
        self.counts = np.zeros(bins, dtype=np.int64)
        self.collected = {}
        self.approximate = False
        self._counting = False  # the count is taken in pass 2 when the range is given
        if lo is not None:
            self.lo, self.hi = lo, hi
            self._counting = True
            self.stage = 1
            self.next_pass()

    @property
    def trivial(self):
        """True after pass 1 when no further pass is needed (no values, or all equal)."""
        return self.stage > 1 and ((self.n == 0 and not self._counting) or self.lo == self.hi)

    @property
    def collecting(self):
        """True in pass 3 when some bin's values are to be collected."""
        return self.stage == 3 and bool(self.collected)

    def _bin(self, v):
        # floor((v − lo)/width) is monotone in v, so bins partition the sorted values consistently
        # in passes 2 and 3 (bin edges need not be exact). A range too small or too large for a
        # finite, non-zero width puts everything in one bin.
        if self.width is None:
            return np.zeros(v.shape, dtype=np.int64)
        return np.clip(((v - self.lo) / self.width).astype(np.int64), 0, self.bins - 1)

    def spec(self):
        """What a block's partial result depends on: a small, picklable :class:`PassSpec` of this pass."""
        idle = self.trivial or (self.stage > 2 and not self.collected)
        return PassSpec(0 if idle else self.stage, self.lo, self.width, self.bins,
                        tuple(sorted(self.collected)) if self.stage == 3 else (),
                        self._counting)

    def merge(self, part):
        """Add a block's partial result (:meth:`PassSpec.summarize`); merged in any order, the result is the same."""
        if part is None:
            return
        stage, data = part
        if stage == 1:
            n, lo, hi = data
            self.n += n
            self.lo = min(self.lo, lo)
            self.hi = max(self.hi, hi)
        elif stage == 2:
            n, idx, cnt = data
            self.n += n
            self.counts[idx] += cnt
        elif stage == 3:
            for nb, u, c in data:
                self.collected[nb].add_counted(u, c)

    def add(self, v):
        self.merge(self.spec().summarize(v))

    def next_pass(self):
        if self.stage == 1 and not (self.n == 0 and not self._counting or self.lo == self.hi):
            width = (self.hi - self.lo) / self.bins
            self.width = width if math.isfinite(width) and width > 0 else None
        elif self.stage == 2:
            self._counting = False
            if not self.trivial:
                self.cum = np.cumsum(self.counts)
                self.ranks = quantile_ranks(self.n, self.probs)
                self.collected = {b: _BinValues() for b in sorted(self.needed_bins())}
        self.stage += 1

    def needed_bins(self):
        """The bins holding the order statistics that the quantiles need, in the order of the ranks."""
        out = []
        for lo_r, hi_r, _ in self.ranks:
            for r in (lo_r, hi_r):
                out.append(self._bin_of_rank(r))
        return out

    def restrict(self, bins):
        """Collect only ``bins`` in pass 3 (the other needed bins are interpolated)."""
        self.collected = {b: v for b, v in self.collected.items() if b in bins}

    def _bin_of_rank(self, rank):
        return int(np.searchsorted(self.cum, rank, side="right"))

    def _value_at(self, rank):
        b = self._bin_of_rank(rank)
        before = int(self.cum[b - 1]) if b > 0 else 0
        if b in self.collected:
            return self.collected[b].value_at(rank - before)
        self.approximate = True
        return self.lo + self.width * (b + (rank - before + 0.5) / self.counts[b])

    def result(self):
        if self.n == 0:
            return [float("nan")] * len(self.probs)
        if self.lo == self.hi:
            return [self.lo] * len(self.probs)
        out = []
        for a, b, w in self.ranks:
            va = self._value_at(a)
            out.append(self.interpolate(va, self._value_at(b), w) if w else va)
        return out


class PassSpec:
    """The state of one pass of a :class:`StreamingQuantiles` that a block's partial result needs.

    :meth:`summarize` is a pure function of the block (run it in a task; merge the result
    with :meth:`StreamingQuantiles.merge` on the caller's thread).
    """

    __slots__ = ("stage", "lo", "width", "bins", "collect", "counting")

    def __init__(self, stage, lo, width, bins, collect, counting):
        self.stage, self.lo, self.width, self.bins = stage, lo, width, bins
        self.collect, self.counting = collect, counting

    def __getstate__(self):
        return tuple(getattr(self, k) for k in self.__slots__)

    def __setstate__(self, state):
        for k, v in zip(self.__slots__, state):
            setattr(self, k, v)

    def _bin(self, v):
        if self.width is None:
            return np.zeros(v.shape, dtype=np.int64)
        return np.clip(((v - self.lo) / self.width).astype(np.int64), 0, self.bins - 1)

    def summarize(self, v):
        """Partial result of the values ``v`` of one block for this pass (None: nothing to add)."""
        if not self.stage:
            return None
        v = np.asarray(v, dtype=np.float64).ravel()
        if not v.size:
            return None
        if self.stage == 1:
            return 1, (v.size, float(v.min()), float(v.max()))
        if self.stage == 2:
            counts = np.bincount(self._bin(v), minlength=self.bins)
            idx = np.flatnonzero(counts)
            return 2, (v.size if self.counting else 0, idx, counts[idx])
        b = self._bin(v)
        out = []
        for nb in self.collect:
            sel = v[b == nb]
            if sel.size:
                out.append((nb, *np.unique(sel, return_counts=True)))
        return 3, out


def limit_collection(streams, limit):
    """Let pass 3 of several streams collect at most ``limit`` values in all, smallest needed bins first.

    A needed bin that does not fit is left out: its order statistics are interpolated
    inside the bin (error below one bin width) and the stream's ``approximate`` is set.
    """
    keys = {(i, b) for i, s in enumerate(streams) if not s.trivial for b in s.needed_bins()}
    keep, total = set(), 0
    for i, b in sorted(keys, key=lambda kb: streams[kb[0]].counts[kb[1]]):
        count = streams[i].counts[b]
        if total + count <= limit:
            keep.add((i, b))
            total += int(count)
    for i, s in enumerate(streams):
        s.restrict({b for j, b in keep if j == i})


def exact_quantiles(blocks, probs, bins=4096):
    """Exact quantiles of the 1-D arrays that the callable ``blocks`` yields (called once per pass)."""
    q = StreamingQuantiles(probs, bins)
    for _ in range(3):
        if q.trivial:
            break
        for v in blocks():
            q.add(v)
        q.next_pass()
    return q.result()
