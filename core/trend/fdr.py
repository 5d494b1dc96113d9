"""False discovery rate over a field of p values (Benjamini & Hochberg 1995), exact on rasters larger than memory.

With m valid p values sorted p₍₁₎ ≤ … ≤ p₍ₘ₎, the Benjamini–Hochberg (BH) procedure at level α rejects the
hypotheses of p₍₁₎ … p₍ₖ₎, k the largest j with p₍ⱼ₎ ≤ α·j/m; the adjusted p ("q") of the value of rank i is

    q₍ᵢ₎ = min(1, min_{j ≥ i} p₍ⱼ₎·m/j),

and a pixel is significant under FDR exactly when q ≤ α (up to rounding, see Precision). With ties, every copy of a value v gets the same q,
that of its highest rank F(v) = #{p ≤ v}: q(v) = min(1, min_{w ≥ v} w/(F(w)/m)) over the distinct values w.
This is statsmodels' ``multipletests(p, alpha, method="fdr_bh")`` (the same floating-point expression
p/(j/m), the same running minimum from the top, the cap at 1).

The p values are streamed in blocks, several times (:func:`bh_fdr`); no pass holds more than a block plus a
small tree of counts. The key is that p ≥ 0 are ordered like the unsigned integers of their IEEE-754 bit
patterns, so the value axis can be cut into nested bins of those integers:

1. pass 1 (:func:`block_partial` with no tree): the values are grouped by the top 16 bits of their bit pattern
   (sign, exponent and 4 mantissa bits: bins of relative width ≤ 1/16), each bin with its count, smallest and
   largest value (merged over blocks by :func:`merge_partials`);
2. with the counts C below and up to each bin, every bin bounds q of its pixels: the smallest value of g(w) =
   w/(F(w)/m) in a bin lies in [v_min/(C_hi/m), v_max/(C_hi/m)] (the largest value has F = C_hi), the
   running minimum from above is bounded by the minima of those intervals, and a pixel's own g ≤
   v_max/((C_lo + 1)/m). A bin is *resolved* when the lower and upper bounds of its pixels' q round to the same
   float32 or lie within :data:`TOL` (:meth:`BHTree.resolve`); a bin holding a single distinct value is exact.
   The decision is found on the same bins: the topmost bin that can hold a value on or below the line
   (j/m)·α decides when its largest value is on or below it, else it is split;
3. unresolved bins are split by the next 12 bits in one more pass over the data (:func:`block_partial` with
   the tree), and 2–3 repeat; after at most four such passes every bin is a single value, so the procedure
   always ends, and the bounds of a resolved bin only tighten when others are split;
4. a last pass maps each pixel to its bin (:meth:`BHTree.lookup`): q as float32 and the BH decision.

Precision: the decision (significant or not) is exactly that of BH on all m values, with statsmodels'
floating-point expression p₍ⱼ₎ ≤ (j/m)·α (a value exactly on the line, as rounded p can be, is decided as
statsmodels decides it; q ≤ α agrees with it except within an ulp of the line). q is computed to within
:data:`TOL` = 2⁻²⁰ relative (about 8 float32 units in the last place; exactly the float32 of q wherever the
bins isolate the values, as for the few distinct p of the original test), and within the worse bound that
``rel_error`` reports if the tree reached :data:`MAX_BINS` (the bounds are widened by 2⁻⁴⁸ relative to cover
the rounding of their own arithmetic). Ties are exact: equal p values
are one bit pattern, so they share a bin whatever the blocks they come from. Memory is the tree: the number
of bins that hold at least one pixel and whose q is not yet determined to float32 — for p values of the
original Mann–Kendall test, a few hundred distinct values per number of years, a few hundred bins;
for continuous p (the Hamed–Rao variant) of the order of the number of points where the running minimum
changes, far fewer than the pixels.

References: Benjamini, Y., Hochberg, Y. (1995), Controlling the false discovery rate, J. R. Stat. Soc. B 57,
289–300; Wilks, D.S. (2016), "The stippling shows statistically significant grid points", Bull. Am.
Meteorol. Soc. 97, 2263–2273 (recommends α_FDR = 2α for fields, the level the user chooses as ALPHA).
"""
import numpy as np

from ..errors import CoreError

#: Bits of the first level of bins, then of each refinement (16 + 4·12 = 64: the last level is one value).
FIRST_BITS = 16
STEP_BITS = 12
#: Relative precision of q: a bin stops being split when the bounds of its pixels' q are within this
#: relative distance (or round to the same float32) and on the same side of α.
TOL = 2.0 ** -20
#: Most bins the tree may hold (about 45 bytes each): bins whose q is only imprecise (not undecided
#: against α) are left unsplit, widest first, once splitting them could exceed it.
MAX_BINS = 1 << 21
#: Relative widening of the bounds that covers the rounding of their own floating-point arithmetic.
EPS = 2.0 ** -48


def keys_of(p):
    """Finite p values (≥ 0) of a block, as float64, and their order-preserving uint64 keys."""
    p = np.asarray(p, dtype=np.float64).ravel()
    p = p[np.isfinite(p)] + 0.0   # −0.0 → +0.0
    return p, p.view(np.uint64)


def block_partial(p, tree=None):
    """One block's contribution to a pass: bins (start key, shift), count, smallest and largest value.

    Without ``tree`` (pass 1) every finite value is binned by its top :data:`FIRST_BITS` bits; with it, only
    the values in the tree's pending bins, by :data:`STEP_BITS` more bits. Blocks are independent: merge
    the partials of a pass in any order with :func:`merge_partials`.
    """
    v, key = keys_of(p)
    if tree is None:
        shift = np.full(v.size, 64 - FIRST_BITS, dtype=np.uint64)
    else:
        idx = tree.node_of(key)
        keep = tree.pending[idx]
        v, key, idx = v[keep], key[keep], idx[keep]
        shift = np.maximum(tree.shift[idx].astype(np.int64) - STEP_BITS, 0).astype(np.uint64)
    if v.size == 0:
        return _empty()
    order = np.argsort(key, kind="stable")
    v, key, shift = v[order], key[order], shift[order]
    lo = (key >> shift) << shift
    starts = np.flatnonzero(np.concatenate(([True], lo[1:] != lo[:-1])))
    ends = np.concatenate((starts[1:], [v.size])) - 1
    return {"lo": lo[starts], "shift": shift[starts].astype(np.int64), "count": np.diff(np.append(starts, v.size)),
            "vmin": v[starts], "vmax": v[ends]}


def _empty():
    return {"lo": np.zeros(0, np.uint64), "shift": np.zeros(0, np.int64), "count": np.zeros(0, np.int64),
            "vmin": np.zeros(0), "vmax": np.zeros(0)}


def merge_partials(parts):
    """Bins of several partials (of one pass) merged: counts summed, smallest and largest values kept."""
    parts = [q for q in parts if q["lo"].size]
    if not parts:
        return _empty()
    cat = {k: np.concatenate([q[k] for q in parts]) for k in parts[0]}
    order = np.argsort(cat["lo"], kind="stable")
    cat = {k: a[order] for k, a in cat.items()}
    lo = cat["lo"]
    starts = np.flatnonzero(np.concatenate(([True], lo[1:] != lo[:-1])))
    return {"lo": lo[starts], "shift": cat["shift"][starts], "count": np.add.reduceat(cat["count"], starts),
            "vmin": np.minimum.reduceat(cat["vmin"], starts), "vmax": np.maximum.reduceat(cat["vmax"], starts)}


class BHTree:
    """The bins of the p values of the field, their counts and the bounds of q in each (see the module)."""

    def __init__(self, first, alpha, tol=TOL, max_bins=MAX_BINS):
        self.alpha = float(alpha)
        self.tol = float(tol)
        self.max_bins = int(max_bins)
        self.rel_error = 0.0
        self._set(first)
        self.passes = 1

    def _set(self, bins):
        self.lo = bins["lo"].astype(np.uint64)
        self.shift = bins["shift"].astype(np.int64)
        self.count = bins["count"].astype(np.int64)
        self.vmin = bins["vmin"].astype(np.float64)
        self.vmax = bins["vmax"].astype(np.float64)
        self.m = int(self.count.sum())
        self.pending = np.zeros(self.lo.size, dtype=bool)
        self.q = np.zeros(self.lo.size, dtype=np.float32)
        self.significant = np.zeros(self.lo.size, dtype=bool)

    def node_of(self, key):
        """Index of the bin of each key (keys of values that were counted)."""
        return np.searchsorted(self.lo, key, side="right") - 1

    def resolve(self):
        """Bound q in every bin; mark the bins to split. True when every bin is resolved."""
        if self.m == 0:
            return True
        m = float(self.m)
        c_hi = np.cumsum(self.count)
        c_lo = c_hi - self.count
        f_hi = c_hi / m           # the ecdf factor j/m of the bin's highest rank, as statsmodels computes it
        f_lo = (c_lo + 1) / m
        single = self.vmin == self.vmax
        g_top = self.vmax / f_hi  # g of the bin's largest value: exact, attained
        min_lb = np.where(single, g_top, self.vmin / f_hi * (1.0 - EPS))
        min_ub = g_top
        # The running minimum over the bins above (exclusive), capped at 1.
        r_lb = np.ones(self.lo.size)
        r_ub = np.ones(self.lo.size)
        if self.lo.size > 1:
            r_lb[:-1] = np.minimum.accumulate(min_lb[::-1])[::-1][1:]
            r_ub[:-1] = np.minimum.accumulate(min_ub[::-1])[::-1][1:]
        own_ub = np.where(single, g_top, self.vmax * (1.0 + EPS) / f_lo)
        lb = np.minimum(np.minimum(min_lb, r_lb), 1.0)
        ub = np.minimum(np.minimum(own_ub, r_ub), 1.0)
        lb32, ub32 = lb.astype(np.float32), ub.astype(np.float32)
        exact32 = lb32 == ub32
        # The decision: BH's k is the largest rank j with p_(j) ≤ (j/m)·α (statsmodels' expression). A value
        # v of a bin can satisfy it only if v_min ≤ (C_hi/m)·α; the bin's largest value (rank C_hi) does
        # exactly when v_max ≤ (C_hi/m)·α. The topmost bin that can is the one holding p_(k); it decides
        # when its largest value does, else it is split.
        line = f_hi * self.alpha
        possible = np.flatnonzero(self.vmin <= line)
        undecided = np.zeros(self.lo.size, dtype=bool)
        self.significant = np.zeros(self.lo.size, dtype=bool)
        if possible.size:
            top = possible[-1]
            if self.vmax[top] <= line[top]:
                self.significant[:top + 1] = True
            else:
                undecided[top] = True
                self.significant[:top] = True   # provisional until that bin is split
        with np.errstate(invalid="ignore", divide="ignore"):
            rel = np.where(exact32, 0.0, (ub - lb) / np.where(ub > 0, ub, 1.0))
        imprecise = ~exact32 & ~undecided & (rel > self.tol)
        if np.any((undecided | imprecise) & (self.shift == 0)):   # pragma: no cover - impossible by construction
            raise AssertionError("a single-value bin is unresolved")
        # Undecided bins are always split (the decision is exact); imprecise ones, widest first, while the
        # tree stays within max_bins (a bin splits into at most min(count, 2**STEP_BITS) sub-bins).
        grow = np.minimum(self.count, 1 << STEP_BITS) - 1
        room = self.max_bins - self.lo.size - int(grow[undecided].sum())
        cand = np.flatnonzero(imprecise)
        cand = cand[np.argsort(-rel[cand], kind="stable")]
        take = cand[np.cumsum(grow[cand]) <= room] if cand.size else cand
        self.pending = undecided.copy()
        self.pending[take] = True
        self.q = np.where(exact32, lb32, (0.5 * (lb + ub)).astype(np.float32))
        left = ~self.pending & ~exact32
        self.rel_error = float(0.5 * rel[left].max()) if left.any() else 0.0
        return not self.pending.any()

    def refine(self, bins):
        """Replace the pending bins by their sub-bins (the merged partials of one more pass)."""
        keep = ~self.pending
        merged = {"lo": np.concatenate([self.lo[keep], bins["lo"]]),
                  "shift": np.concatenate([self.shift[keep], bins["shift"]]),
                  "count": np.concatenate([self.count[keep], bins["count"]]),
                  "vmin": np.concatenate([self.vmin[keep], bins["vmin"]]),
                  "vmax": np.concatenate([self.vmax[keep], bins["vmax"]])}
        m_before = self.m
        order = np.argsort(merged["lo"], kind="stable")
        self._set({k: a[order] for k, a in merged.items()})
        if self.m != m_before:
            raise CoreError("The p values changed between the passes of the false discovery rate ({m_before} then {m} "
                            "values); the temporary raster was modified during the run.", m_before=m_before, m=self.m)
        self.passes += 1

    def lookup(self, p):
        """q (float32, NaN where p is not finite) and the BH decision of each value of a block."""
        p = np.asarray(p, dtype=np.float64)
        q = np.full(p.shape, np.nan, dtype=np.float32)
        sig = np.zeros(p.shape, dtype=bool)
        ok = np.isfinite(p)
        if ok.any() and self.lo.size:
            idx = self.node_of((p[ok] + 0.0).view(np.uint64))
            q[ok] = self.q[idx]
            sig[ok] = self.significant[idx]
        return q, sig

    @property
    def n_significant(self):
        return int(self.count[self.significant].sum())

    @property
    def threshold(self):
        """The largest p declared significant (NaN when none): BH's p₍ₖ₎."""
        return float(self.vmax[self.significant].max()) if self.significant.any() else float("nan")


def bh_fdr(blocks, alpha, first=None):
    """The resolved :class:`BHTree` of the p values that the callable ``blocks`` yields (once per pass).

    ``first``: the merged pass-1 partials if the caller already binned the blocks while computing them
    (so pass 1 costs no extra read). Each further pass calls ``blocks()`` again; at most four do.
    """
    if first is None:
        first = one_pass(blocks)
    tree = BHTree(first, alpha)
    while not tree.resolve():
        tree.refine(one_pass(blocks, tree))
    return tree


def one_pass(blocks, tree=None):
    """One exact pass: every block's :func:`block_partial`, merged as they come (window → partial → merge)."""
    acc, queue, queued = _empty(), [], 0
    for p in blocks():
        part = block_partial(p, tree)
        queue.append(part)
        queued += part["lo"].size
        if queued > max(1 << 20, 2 * acc["lo"].size):
            acc, queue, queued = merge_partials([acc] + queue), [], 0
    return merge_partials([acc] + queue)
