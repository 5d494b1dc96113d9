"""Bootstrap confidence intervals of the Geodetector q (factor detector), vectorised.

Nonparametric bootstrap (Efron & Tibshirani 1993, ch. 6 and 13): B resamples of the N samples,
drawn with replacement, each represented by its multinomial counts w (w_i = how often sample i is
drawn, Σ w_i = N). The strata stay those computed on the full data — a factor's class edges (and,
for the optimal method, GOZH and RGD, the chosen method, number of classes, tree or change points)
are *not* refitted per resample. That is B times cheaper, and it means the interval shows how much
q varies with the sample for the given strata; it leaves out the variability of the choice of the
strata themselves (refitting would widen the interval for the Y-fitted methods), and q of a
partition chosen to maximise q on these data keeps its optimistic bias.

For one resample, per stratum h: n_h = Σ_{i∈h} w_i, S_h = Σ w_i y'_i, SS_h = Σ w_i y'_i² (y' = y − ȳ);
q* = 1 − Σ_h (SS_h − S_h²/n_h) / (SS − S²/N) (paper eq. 20 on the resample). The weights of a chunk
of resamples form one (b × N) array (``np.bincount`` of the draws); a factor's per-stratum sums
are one matrix product with its (N × 3L) one-hot design [1, y', y'²] (``np.add.reduceat`` over the
samples sorted by stratum when that matrix would be large), so B = 999 resamples of 10⁵ samples
take a few seconds in all.
Interval: the percentile interval (numpy's linear interpolation = R quantile type 7) at
:data:`LEVEL` = 95 %.
"""
import numpy as np

from ..errors import CoreError
from ..monitor import NULL_MONITOR

#: Confidence level of the percentile interval.
LEVEL = 0.95
#: Default number of resamples.
DEFAULT_RESAMPLES = 999
#: Most resamples accepted (keeps the replicate arrays small).
MAX_RESAMPLES = 100_000
#: Bytes of one chunk of resample weights (b × N float64).
_CHUNK_BYTES = 32 * 2 ** 20


#: Largest (N × 3L) per-factor design matrix multiplied by BLAS; larger ones use ``np.add.reduceat``.
_DESIGN_BYTES = 64 * 2 ** 20


def resample_counts(rng, n, b):
    """(b × n) multinomial counts: b bootstrap resamples of n samples (each row sums to n).

    Row r counts how often each sample is among n uniform draws with replacement —
    Multinomial(n; 1/n, …, 1/n) — by ``np.bincount`` of the draws, row by row (a row's
    table of n counts stays in cache).
    """
    draws = rng.integers(0, n, size=(b, n), dtype=np.int64)
    out = np.empty((b, n))
    for r in range(b):
        out[r] = np.bincount(draws[r], minlength=n)
    return out


def bootstrap_q(y, factors, resamples=DEFAULT_RESAMPLES, seed=1, monitor=NULL_MONITOR):
    """Bootstrap replicates of q for each factor (strata fixed): {name: array of ``resamples`` q*}.

    ``factors``: :class:`~.stratify.Factor` with codes per sample. The same resamples serve
    every factor, so the replicates of different factors are paired. Reproducible for a seed
    (an int, or a sequence of ints such as (seed, year index); the chunking depends on N only).
    """
    y = np.asarray(y, dtype=np.float64)
    n = y.size
    resamples = int(resamples)
    if not 1 <= resamples <= MAX_RESAMPLES:
        raise CoreError("BOOTSTRAP: the number of resamples must be between 1 and {max_resamples} (got {resamples}).",
                        max_resamples=MAX_RESAMPLES, resamples=resamples)
    if n < 2:
        raise CoreError("The bootstrap needs at least two samples.")
    yc = y - y.mean()
    yc2 = yc * yc
    prepared = []
    for fac in factors:
        codes = np.asarray(fac.codes, dtype=np.int64)
        order = np.argsort(codes, kind="stable")
        sorted_codes = codes[order]
        starts = np.flatnonzero(np.r_[True, sorted_codes[1:] != sorted_codes[:-1]])
        size = starts.size
        if 3 * size * n * 8 <= _DESIGN_BYTES:
            design = np.zeros((n, 3 * size))    # one-hot of the stratum, times 1, y', y'²
            pos = np.empty(n, dtype=np.int64)
            pos[order] = np.cumsum(np.r_[False, sorted_codes[1:] != sorted_codes[:-1]])
            rows = np.arange(n)
            design[rows, pos] = 1.0
            design[rows, size + pos] = yc
            design[rows, 2 * size + pos] = yc2
            prepared.append((fac.name, size, design, None, None, None))
        else:
            prepared.append((fac.name, size, None, order, starts, (yc[order], yc2[order])))
    out = {name: np.empty(resamples) for name, *_ in prepared}
    entropy = [int(v) for v in np.atleast_1d(seed)] + [0x6264]                # own stream ("bd")
    rng = np.random.default_rng(np.random.SeedSequence(entropy))
    chunk = int(max(1, min(resamples, _CHUNK_BYTES // (8 * n))))
    done = 0
    while done < resamples:
        monitor.check()
        b = min(chunk, resamples - done)
        w = resample_counts(rng, n, b)
        s_all = w @ yc
        sst = w @ yc2 - s_all * s_all / n
        for name, size, design, order, starts, ys in prepared:
            if design is not None:
                sums = w @ design                  # (b × 3L): n_h, S_h, SS_h per resample
                nh, sh, ssh = sums[:, :size], sums[:, size:2 * size], sums[:, 2 * size:]
            else:
                wp = w[:, order]
                nh = np.add.reduceat(wp, starts, axis=1)
                sh = np.add.reduceat(wp * ys[0], starts, axis=1)
                ssh = np.add.reduceat(wp * ys[1], starts, axis=1)
            with np.errstate(invalid="ignore", divide="ignore"):
                ssw = np.where(nh > 0, ssh - sh * sh / np.where(nh > 0, nh, 1.0), 0.0)
                q = 1.0 - np.maximum(ssw, 0.0).sum(axis=1) / np.where(sst > 0, sst, np.nan)
            out[name][done:done + b] = np.clip(q, 0.0, 1.0)
        done += b
        monitor.report(done / resamples)
    return out


def interval(replicates, level=LEVEL):
    """Percentile interval (low, high) of bootstrap replicates at ``level`` (NaN replicates ignored)."""
    r = np.asarray(replicates, dtype=np.float64)
    r = r[np.isfinite(r)]
    if r.size == 0:
        return float("nan"), float("nan")
    a = (1.0 - level) / 2.0
    lo, hi = np.percentile(r, [100 * a, 100 * (1 - a)])
    return float(lo), float(hi)
