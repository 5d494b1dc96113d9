"""Geodetector detectors: factor, interaction, risk and ecological (Wang & Xu 2017).

Everything is computed from per-stratum moments (count, sum, sum of squares of Y),
so the same code serves tables held in memory (moments by ``np.bincount`` on stratum
codes) and rasters read block by block (moments accumulated per block).

Conventions (see docs/geodetector.md):

* q (paper eq. 20): q = 1 − Σ n_h σ_h² / (N σ²) with population variances, i.e.
  1 − SSW/SST.
* p-value of q: F = (N − L)/(L − 1) · q/(1 − q) compared with the non-central
  F(L − 1, N − L, λ), λ = [Σ Ȳ_h² − (Σ √n_h Ȳ_h)² / N] / s², s² the *sample* variance of
  Y, p = P(F' > F) — exactly as ``factor_detector`` of the R package ``geodetector``
  (Wang & Xu; CRAN). Strata with one sample count in L, q and λ, as there.
* Interaction type (Wang & Xu 2017, Table 4 of the paper) from q(X1∩X2), q1, q2 with a
  relative tolerance of 1e-10; q(X1∩X2) equal to max(q1, q2) (one factor's strata nested
  in the other's) gets its own label, ``NESTED``.
* Risk detector: Welch's t-test between each pair of strata (as the R packages), with
  the Welch–Satterthwaite df, two-sided p; strata with a single sample are not tested.
* Ecological detector: F = N1 (N2 − 1) SSW1 / [N2 (N1 − 1) SSW2] with df (N1 − 1, N2 − 1)
  (Wang & Xu 2017; ``GD::gdeco``), two-sided p, significant at 0.05.
"""
import itertools
import math
from dataclasses import dataclass

import numpy as np

from ..deps import scipy
from ..errors import CoreError
from ..monitor import NULL_MONITOR

#: Relative tolerance for the equalities of the interaction types.
TOLERANCE = 1e-10
ALPHA = 0.05

WEAKEN_NONLINEAR = "Weaken, nonlinear"
WEAKEN_UNI = "Weaken, uni-"
NESTED = "Nested (q12 = max)"
ENHANCE_BI = "Enhance, bi-"
INDEPENDENT = "Independent"
ENHANCE_NONLINEAR = "Enhance, nonlinear"

#: Above this many combined strata a pair's codes are compacted with np.unique instead of bincount.
_DIRECT_COMBOS = 4_000_000


# ----------------------------------------------------------------------------- moments

@dataclass
class Moments:
    """Per-stratum count, sum and sum of squares of (Y − shift); ``shift`` keeps sums well conditioned."""

    n: np.ndarray
    s: np.ndarray
    ss: np.ndarray
    shift: float = 0.0

    @classmethod
    def from_codes(cls, codes, y, size, shift=0.0):
        yc = y - shift
        return cls(np.bincount(codes, minlength=size).astype(np.float64),
                   np.bincount(codes, weights=yc, minlength=size),
                   np.bincount(codes, weights=yc * yc, minlength=size), shift)

    @classmethod
    def zeros(cls, size, shift=0.0):
        return cls(np.zeros(size), np.zeros(size), np.zeros(size), shift)

    def add(self, other):
        self.n += other.n
        self.s += other.s
        self.ss += other.ss

    @property
    def present(self):
        return self.n > 0

    def total(self):
        return float(self.n.sum()), float(self.s.sum()), float(self.ss.sum())

    def means(self):
        """Mean of Y per stratum (NaN for empty strata), in the original units of Y."""
        with np.errstate(invalid="ignore", divide="ignore"):
            return self.s / self.n + self.shift

    def ssw_per_stratum(self):
        with np.errstate(invalid="ignore", divide="ignore"):
            v = np.where(self.n > 0, self.ss - self.s ** 2 / np.where(self.n > 0, self.n, 1), 0.0)
        return np.maximum(v, 0.0)


def sst(total):
    n, s, ss = total
    return max(ss - s * s / n, 0.0)


# ----------------------------------------------------------------------------- factor detector

@dataclass
class FactorResult:
    q: float
    p_value: float
    strata: int
    f: float
    ncp: float
    ssw: float
    n: int
    singletons: int


def factor_detector(m, total=None):
    """q (eq. 20) and its p-value from per-stratum moments ``m`` (see module docstring)."""
    total = total or m.total()
    n_all, s_all, _ = total
    st = sst(total)
    if st <= 0:
        raise CoreError("Y is constant (zero variance), so q is undefined.")
    keep = m.present
    n_h = m.n[keep]
    strata = int(keep.sum())
    ssw = float(m.ssw_per_stratum()[keep].sum())
    q = min(max(1.0 - ssw / st, 0.0), 1.0)
    p, f, ncp = q_pvalue(q, n_h, m.means()[keep], n_all, st / (n_all - 1))
    return FactorResult(q, p, strata, f, ncp, ssw, int(n_all), int((n_h == 1).sum()))


def q_pvalue(q, n_h, mean_h, n_all, var_sample):
    """p-value of q from the non-central F distribution (R ``geodetector::factor_detector``)."""
    strata = len(n_h)
    if strata < 2 or n_all - strata <= 0:
        return float("nan"), float("nan"), float("nan")
    ncp = (float(np.sum(mean_h ** 2)) - float(np.sum(np.sqrt(n_h) * mean_h)) ** 2 / n_all) / var_sample
    ncp = max(ncp, 0.0)
    if q >= 1.0:
        return 0.0, float("inf"), ncp
    f = (n_all - strata) / (strata - 1) * q / (1.0 - q)
    with np.errstate(all="ignore"):  # boost's ncf warns on underflow of tiny tail probabilities
        p = float(scipy.stats.ncf.sf(f, strata - 1, n_all - strata, ncp)) if ncp > 0 else \
            float(scipy.stats.f.sf(f, strata - 1, n_all - strata))
    return min(max(p, 0.0), 1.0), f, ncp


# ----------------------------------------------------------------------------- interaction detector

def interaction_type(q12, q1, q2, tol=TOLERANCE):
    """Type of interaction (Wang & Xu 2017) from q(X1∩X2), q(X1), q(X2); a pure function of its arguments.

    q12 < min → weaken, nonlinear; min ≤ q12 < max → weaken, uni-; q12 = max (within
    ``tol``) → :data:`NESTED`; max < q12 < q1 + q2 → enhance, bi-; q12 = q1 + q2 →
    independent; q12 > q1 + q2 → enhance, nonlinear. Equalities use a relative tolerance.
    """
    lo, hi, total = min(q1, q2), max(q1, q2), q1 + q2

    def close(a, b):
        return math.isclose(a, b, rel_tol=tol, abs_tol=tol * 1e-2)

    if close(q12, hi):
        return NESTED
    if q12 < lo and not close(q12, lo):
        return WEAKEN_NONLINEAR
    if q12 < hi:
        return WEAKEN_UNI
    if close(q12, total):
        return INDEPENDENT
    if q12 < total:
        return ENHANCE_BI
    return ENHANCE_NONLINEAR


def combine_codes(codes_a, size_a, codes_b, size_b):
    """Stratum codes of the intersection X1∩X2 and their number."""
    size = size_a * size_b
    combined = codes_a * size_b + codes_b
    if size <= _DIRECT_COMBOS:
        return combined, size
    uniq, inverse = np.unique(combined, return_inverse=True)
    return inverse.astype(np.int64), int(uniq.size)


# ----------------------------------------------------------------------------- risk detector

@dataclass
class RiskPair:
    stratum_a: str
    stratum_b: str
    mean_a: float
    mean_b: float
    n_a: int
    n_b: int
    t: float
    df: float
    p_value: float
    significant: object  # True / False / None (not tested)
    note: str = ""


def welch(mean_a, var_a, n_a, mean_b, var_b, n_b):
    """Welch's t, Welch–Satterthwaite df and two-sided p (None values when not testable)."""
    if n_a < 2 or n_b < 2:
        return None, None, None, "stratum with a single sample: not tested"
    va, vb = var_a / n_a, var_b / n_b
    se2 = va + vb
    if se2 <= 0:
        return None, None, None, "zero variance in both strata: not tested"
    t = (mean_a - mean_b) / math.sqrt(se2)
    df = se2 ** 2 / (va ** 2 / (n_a - 1) + vb ** 2 / (n_b - 1))
    p = float(2.0 * scipy.stats.t.sf(abs(t), df))
    return t, df, p, ""


def risk_detector(m, labels):
    """Mean of Y per stratum and Welch's t-test between each pair of non-empty strata."""
    keep = np.flatnonzero(m.present)
    means = m.means()
    with np.errstate(invalid="ignore", divide="ignore"):
        var = np.where(m.n > 1, m.ssw_per_stratum() / np.maximum(m.n - 1, 1), np.nan)
    pairs = []
    for a, b in itertools.combinations(keep, 2):
        t, df, p, note = welch(means[a], var[a], m.n[a], means[b], var[b], m.n[b])
        pairs.append(RiskPair(str(labels[a]), str(labels[b]), float(means[a]), float(means[b]), int(m.n[a]),
                              int(m.n[b]), t, df, p, None if p is None else bool(p < ALPHA), note))
    strata = [(str(labels[i]), int(m.n[i]), float(means[i])) for i in keep]
    return strata, pairs


# ----------------------------------------------------------------------------- ecological detector

@dataclass
class EcoResult:
    f: float
    df_a: int
    df_b: int
    p_value: float
    significant: bool


def ecological_detector(ssw_a, n_a, ssw_b, n_b):
    """F = N1 (N2 − 1) SSW1 / [N2 (N1 − 1) SSW2], df (N1 − 1, N2 − 1), two-sided p (Wang & Xu 2017)."""
    df_a, df_b = int(n_a - 1), int(n_b - 1)
    if ssw_b <= 0:
        f = float("inf") if ssw_a > 0 else float("nan")
    else:
        f = n_a * (n_b - 1) * ssw_a / (n_b * (n_a - 1) * ssw_b)
    if not math.isfinite(f):
        p = 0.0 if f == float("inf") else float("nan")
    else:
        p = float(min(1.0, 2.0 * min(scipy.stats.f.cdf(f, df_a, df_b), scipy.stats.f.sf(f, df_a, df_b))))
    return EcoResult(f, df_a, df_b, p, bool(p < ALPHA) if p == p else False)


# ----------------------------------------------------------------------------- the whole analysis

@dataclass
class Result:
    factors: list            # [(Factor, FactorResult)]
    interactions: list       # [(name_a, name_b, q12, q_a, q_b, type)]
    risk: dict               # name → (strata [(label, n, mean)], [RiskPair])
    ecological: list         # [(name_a, name_b, EcoResult)]
    n: int
    bootstrap: dict = None   # name → bootstrap replicates of q (CONFIDENCE 1), see .confidence
    lesh: object = None      # .models.LeshResult (OUTPUT_LESH)


def analyse(y, factors, monitor=NULL_MONITOR, context=""):
    """Run the four detectors on Y and stratified factors (list of :class:`~.stratify.Factor`).

    A thin front of :func:`analyse_moments`: the moments of each factor's strata come from
    its codes, those of each pair's intersection from :func:`combine_codes` when the pair's
    turn comes (so only one pair's table is held at a time).
    """
    y = np.asarray(y, dtype=np.float64)
    where = f" ({context})" if context else ""
    if y.size < 2:
        raise CoreError("At least two samples with Y and every factor present are needed{where}; got {size}.",
                        where=where, size=y.size)
    shift = float(y.mean())
    factor_moments = {fac.name: Moments.from_codes(fac.codes, y, fac.size, shift) for fac in factors}
    by_name = {fac.name: fac for fac in factors}

    def pair_moments(name_a, name_b):
        fa, fb = by_name[name_a], by_name[name_b]
        codes, size = combine_codes(fa.codes, fa.size, fb.codes, fb.size)
        return Moments.from_codes(codes, y, size, shift)

    return analyse_moments(factor_moments, pair_moments, factors, monitor, context)


def analyse_moments(factor_moments, pair_moments, factors, monitor=NULL_MONITOR, context=""):
    """The four detectors from per-stratum moments (the one implementation of the detector sequence).

    ``factor_moments``: name → Moments; ``pair_moments``: a mapping (name_a, name_b) → Moments of
    the intersection (raster mode, accumulated over all pixels) or a function (name_a, name_b) →
    Moments (:func:`analyse`); ``factors``: list of Factor (codes unused here).
    """
    where = f" ({context})" if context else ""
    pair = pair_moments if callable(pair_moments) else lambda a, b: pair_moments[(a, b)]
    results = []
    for fac in factors:
        m = factor_moments[fac.name]
        if int(m.present.sum()) < 2:
            raise CoreError("Factor '{name}' has a single stratum{where}: q is 0 by construction and its p-value "
                            "undefined. Remove the factor, or use more classes or another method.", name=fac.name,
                            where=where)
        results.append((fac, factor_detector(m)))
    total = factor_moments[factors[0].name].total()
    monitor.report(0.2)
    interactions, ecological = [], []
    pairs = list(itertools.combinations(range(len(factors)), 2))
    for i, (a, b) in enumerate(pairs):
        monitor.check()
        fa, fb = factors[a], factors[b]
        q12 = factor_detector(pair(fa.name, fb.name), total).q
        qa, qb = results[a][1].q, results[b][1].q
        interactions.append((fa.name, fb.name, q12, qa, qb, interaction_type(q12, qa, qb)))
        ecological.append((fa.name, fb.name, ecological_detector(results[a][1].ssw, results[a][1].n,
                                                                 results[b][1].ssw, results[b][1].n)))
        monitor.report(0.2 + 0.7 * (i + 1) / max(len(pairs), 1))
    risk = {fac.name: risk_detector(factor_moments[fac.name], fac.labels) for fac in factors}
    monitor.report(1.0)
    return Result(results, interactions, risk, ecological, int(total[0]))
