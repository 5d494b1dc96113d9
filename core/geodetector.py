"""Geodetector: factor, interaction, risk and ecological detectors (Wang & Xu 2017).

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
import warnings
from dataclasses import dataclass, field

import numpy as np

from . import discretize as disc
from .deps import scipy
from .errors import CoreError
from .monitor import NULL_MONITOR

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


# ----------------------------------------------------------------------------- factors → strata

@dataclass
class Factor:
    """One factor stratified: codes 0..size-1 per sample, labels, how it was stratified."""

    name: str
    codes: np.ndarray
    size: int
    labels: list
    method: str
    breaks: list = field(default_factory=list)


def categorical_factor(name, values):
    """Strata = distinct values."""
    uniq, codes = np.unique(np.asarray(values), return_inverse=True)
    return Factor(name, codes.astype(np.int64), int(uniq.size), [_label(u) for u in uniq], "categorical")


def _label(v):
    if isinstance(v, (float, np.floating)) and float(v).is_integer():
        return str(int(v))
    return str(v)


def _fmt(v):
    return f"{v:.6g}"


def interval_labels(edges):
    return [("[" if i == 0 else "(") + f"{_fmt(edges[i])}, {_fmt(edges[i + 1])}]" for i in range(len(edges) - 1)]


def continuous_factor(name, x, method, k, edges=None):
    """Strata of a continuous factor by a discretisation method (1–5) with k classes (or given edges)."""
    if edges is None:
        edges = disc.breaks(x, method, k)
    codes = disc.classify(x, edges)
    size = max(len(edges) - 1, 1)
    return Factor(name, codes, size, interval_labels(edges), disc.METHOD_NAMES[method], list(map(float, edges)))


def q_of_codes(codes, size, y, total, shift):
    m = Moments.from_codes(codes, y, size, shift)
    st = sst(total)
    return 1.0 - float(m.ssw_per_stratum().sum()) / st if st > 0 else float("nan")


def optimal_factor(name, x, y, kmin, kmax, shift=None):
    """Optimal-parameters discretisation (Song et al. 2020): methods 1–5 × kmin..kmax, largest q wins.

    Ties keep the fewer classes, then the lower method index. Returns the Factor and the
    list of (method, k, q) tried.
    """
    if kmin < 2 or kmax < kmin:
        raise CoreError(f"Classes for the optimal method must satisfy 2 ≤ CLASSES_MIN ≤ CLASSES_MAX "
                        f"(got {kmin}…{kmax}).")
    shift = float(np.mean(y)) if shift is None else shift
    total = (float(y.size), float((y - shift).sum()), float(((y - shift) ** 2).sum()))
    cache = {"jenks": disc.FisherJenks(x, kmax)}
    best, tried = None, []
    for k in range(kmin, kmax + 1):
        for method in (disc.EQUAL, disc.QUANTILE, disc.NATURAL, disc.GEOMETRIC, disc.STDDEV):
            edges = disc.breaks(x, method, k, cache)
            codes = disc.classify(x, edges)
            q = q_of_codes(codes, max(len(edges) - 1, 1), y, total, shift)
            tried.append((method, k, q))
            if best is None or q > best[0] + 1e-12:
                best = (q, method, k, edges)
    q, method, k, edges = best
    fac = continuous_factor(name, x, method, k, edges)
    fac.method = f"optimal: {disc.METHOD_NAMES[method]}, {len(edges) - 1} classes"
    return fac, tried


# ----------------------------------------------------------------------------- the whole analysis

@dataclass
class Result:
    factors: list            # [(Factor, FactorResult)]
    interactions: list       # [(name_a, name_b, q12, q_a, q_b, type)]
    risk: dict               # name → (strata [(label, n, mean)], [RiskPair])
    ecological: list         # [(name_a, name_b, EcoResult)]
    n: int


def analyse(y, factors, monitor=NULL_MONITOR, context=""):
    """Run the four detectors on Y and stratified factors (list of :class:`Factor`)."""
    y = np.asarray(y, dtype=np.float64)
    where = f" ({context})" if context else ""
    if y.size < 2:
        raise CoreError(f"At least two samples with Y and every factor present are needed{where}; got {y.size}.")
    shift = float(y.mean())
    moments = {}
    results = []
    for fac in factors:
        m = Moments.from_codes(fac.codes, y, fac.size, shift)
        moments[fac.name] = m
        if int(m.present.sum()) < 2:
            raise CoreError(f"Factor '{fac.name}' has a single stratum{where}: q is 0 by construction and "
                            f"its p-value undefined. Remove the factor, or use more classes or another method.")
        results.append((fac, factor_detector(m)))
    total = moments[factors[0].name].total()
    monitor.report(0.2)
    interactions, ecological = [], []
    pairs = list(itertools.combinations(range(len(factors)), 2))
    for i, (a, b) in enumerate(pairs):
        monitor.check()
        fa, fb = factors[a], factors[b]
        codes, size = combine_codes(fa.codes, fa.size, fb.codes, fb.size)
        m12 = Moments.from_codes(codes, y, size, shift)
        q12 = factor_detector(m12, total).q
        qa, qb = results[a][1].q, results[b][1].q
        interactions.append((fa.name, fb.name, q12, qa, qb, interaction_type(q12, qa, qb)))
        ecological.append((fa.name, fb.name, ecological_detector(results[a][1].ssw, results[a][1].n,
                                                                 results[b][1].ssw, results[b][1].n)))
        monitor.report(0.2 + 0.7 * (i + 1) / max(len(pairs), 1))
    risk = {fac.name: risk_detector(moments[fac.name], fac.labels) for fac in factors}
    monitor.report(1.0)
    return Result(results, interactions, risk, ecological, int(y.size))


def analyse_moments(factor_moments, pair_moments, factors):
    """The four detectors from accumulated moments (raster mode, all pixels).

    ``factor_moments``: name → Moments; ``pair_moments``: (name_a, name_b) → Moments of the
    intersection; ``factors``: list of Factor (codes unused).
    """
    results = []
    for fac in factors:
        m = factor_moments[fac.name]
        if int(m.present.sum()) < 2:
            raise CoreError(f"Factor '{fac.name}' has a single stratum: q is 0 by construction and its "
                            f"p-value undefined. Remove the factor, or use more classes or another method.")
        results.append((fac, factor_detector(m)))
    total = factor_moments[factors[0].name].total()
    interactions, ecological = [], []
    for a, b in itertools.combinations(range(len(factors)), 2):
        fa, fb = factors[a], factors[b]
        q12 = factor_detector(pair_moments[(fa.name, fb.name)], total).q
        qa, qb = results[a][1].q, results[b][1].q
        interactions.append((fa.name, fb.name, q12, qa, qb, interaction_type(q12, qa, qb)))
        ecological.append((fa.name, fb.name, ecological_detector(results[a][1].ssw, results[a][1].n,
                                                                 results[b][1].ssw, results[b][1].n)))
    risk = {fac.name: risk_detector(factor_moments[fac.name], fac.labels) for fac in factors}
    return Result(results, interactions, risk, ecological, int(total[0]))


def stratify(name, values, method, k, kmin, kmax, y, categorical=False):
    """A Factor from raw values: categorical (method 0 or listed), discretised (1–5) or optimal (6)."""
    values = np.asarray(values)
    numeric = values.dtype.kind in "fiub"
    if categorical or method == disc.CATEGORICAL or not numeric:
        return categorical_factor(name, values)
    x = values.astype(np.float64)
    if x.size == 0 or np.ptp(x) == 0:
        return categorical_factor(name, values)
    if method == disc.OPTIMAL:
        return optimal_factor(name, x, y, kmin, kmax)[0]
    return continuous_factor(name, x, method, k)


# ----------------------------------------------------------------------------- tables and report

def _yes_no(flag):
    return None if flag is None else ("yes" if flag else "no")


def _nan(v):
    return float("nan") if v is None else float(v)


def table_rows(runs):
    """Rows of the four output tables from ``runs`` = [(year or None, Result)].

    With years, each row starts with the year, and the factor table ends with one row
    per factor whose year is 'mean' and q the mean q over the years (Tables 14–15).
    """
    per_year = any(year is not None for year, _ in runs)
    factor, inter, risk, eco = [], [], [], []
    for year, res in runs:
        pre = [str(year)] if per_year else []
        for fac, fr in res.factors:
            factor.append(pre + [fac.name, fr.q, fr.p_value, fr.strata, fac.method,
                                 ", ".join(_fmt(b) for b in fac.breaks)])
        for a, b, q12, qa, qb, kind in res.interactions:
            inter.append(pre + [a, b, q12, qa, qb, kind])
        for name, (_, pairs) in res.risk.items():
            for p in pairs:
                risk.append(pre + [name, p.stratum_a, p.stratum_b, p.mean_a, p.mean_b, p.n_a, p.n_b,
                                   _nan(p.t), _nan(p.df), _nan(p.p_value), _yes_no(p.significant), p.note])
        for a, b, e in res.ecological:
            eco.append(pre + [a, b, e.f, e.df_a, e.df_b, e.p_value, _yes_no(e.significant)])
    if per_year:
        for name, q in mean_q(runs).items():
            factor.append(["mean", name, q, None, None, f"mean of {len(runs)} years", ""])
    return factor, inter, risk, eco


def mean_q(runs):
    """Mean q of each factor over the runs (years), in factor order."""
    acc = {}
    for _, res in runs:
        for fac, fr in res.factors:
            acc.setdefault(fac.name, []).append(fr.q)
    return {k: float(np.mean(v)) for k, v in acc.items()}


FACTOR_COLUMNS = [("factor", "string"), ("q", "double"), ("p_value", "double"), ("strata", "int"),
                  ("method", "string"), ("breaks", "string")]
INTERACTION_COLUMNS = [("factor_a", "string"), ("factor_b", "string"), ("q", "double"), ("q_a", "double"),
                       ("q_b", "double"), ("interaction", "string")]
RISK_COLUMNS = [("factor", "string"), ("stratum_a", "string"), ("stratum_b", "string"), ("mean_a", "double"),
                ("mean_b", "double"), ("n_a", "int"), ("n_b", "int"), ("t", "double"), ("df", "double"),
                ("p_value", "double"), ("significant", "string"), ("note", "string")]
ECOLOGICAL_COLUMNS = [("factor_a", "string"), ("factor_b", "string"), ("f", "double"), ("df_a", "int"),
                      ("df_b", "int"), ("p_value", "double"), ("significant", "string")]


def columns(base, per_year):
    return ([("year", "string")] if per_year else []) + list(base)


CONVENTIONS_HTML = (
    "<p class='note'>q = 1 − Σ n<sub>h</sub>σ<sub>h</sub>² / (Nσ²) (population variances, paper eq. 20). "
    "p-value: F = (N−L)/(L−1)·q/(1−q) against the non-central F(L−1, N−L, λ), "
    "λ = [ΣȲ<sub>h</sub>² − (Σ√n<sub>h</sub>Ȳ<sub>h</sub>)²/N]/s², s² the sample variance of Y (R package "
    "geodetector). Interaction: q12 = max(q1, q2) within a relative 1e-10 is labelled "
    f"'{NESTED}'. Risk: Welch's t-test, two-sided, α = 0.05; strata with one sample are not tested. "
    "Ecological: F = N1(N2−1)SSW1/[N2(N1−1)SSW2], df (N1−1, N2−1), two-sided, α = 0.05.</p>")


def write_report(path, runs, title, notes=()):
    """Self-contained HTML: ranked q bars, q per year, interaction heatmaps (Figure 14), risk means."""
    from .report import figure_html, new_figure, table_html, write_page

    per_year = any(year is not None for year, _ in runs)
    sections = []
    intro = "".join(f"<p>{n}</p>" for n in notes) + CONVENTIONS_HTML
    sections.append(("Data and conventions", intro))

    # factor detector: ranked bars (mean q when per year)
    qs = mean_q(runs) if per_year else {fac.name: fr.q for fac, fr in runs[0][1].factors}
    ranked = sorted(qs.items(), key=lambda kv: kv[1], reverse=True)
    fig = new_figure(7.0, 0.5 + 0.45 * len(ranked))
    ax = fig.add_subplot(111)
    names = [k for k, _ in ranked][::-1]
    vals = [v for _, v in ranked][::-1]
    ax.barh(names, vals, color="#2d6a4f")
    for i, v in enumerate(vals):
        ax.text(v, i, f" {v:.3f}", va="center", fontsize=8)
    ax.set_xlim(0, max(1.0, max(vals) * 1.15) if vals else 1.0)
    ax.set_xlabel("mean q over the years" if per_year else "q")
    body = figure_html(fig, "Factor detector: q per factor, ranked" + (" (mean over years)" if per_year else ""))
    if per_year:
        factor_names = list(qs)
        rows = []
        for year, res in runs:
            byname = {fac.name: fr.q for fac, fr in res.factors}
            rows.append([str(year)] + [byname.get(n) for n in factor_names])
        rows.append(["mean"] + [qs[n] for n in factor_names])
        body += table_html(["year"] + factor_names, rows, "q per year and mean (as Tables 14–15)")
        rank = {n: i + 1 for i, (n, _) in enumerate(ranked)}
        body += table_html(["factor", "mean q", "rank"], [[n, qs[n], rank[n]] for n in factor_names],
                           "Explanatory power rank")
    for year, res in runs:
        body += table_html(["factor", "q", "p-value", "strata", "method", "breaks"],
                           [[fac.name, fr.q, fr.p_value, fr.strata, fac.method,
                             ", ".join(_fmt(b) for b in fac.breaks)] for fac, fr in res.factors],
                           f"Factor detector{'' if year is None else f' — {year}'} (N = {res.n})")
    sections.append(("Factor detector", body))

    # interaction heatmaps
    body = ""
    if all(len(res.factors) >= 2 for _, res in runs):
        ncols = min(3, len(runs))
        nrows = int(math.ceil(len(runs) / ncols))
        nf = len(runs[0][1].factors)
        fig = new_figure(4.2 * ncols, 3.8 * nrows + 0.3 * max(nf - 4, 0))
        for k, (year, res) in enumerate(runs):
            ax = fig.add_subplot(nrows, ncols, k + 1)
            names = [fac.name for fac, _ in res.factors]
            mat = np.full((len(names), len(names)), np.nan)
            for i, (_, fr) in enumerate(res.factors):
                mat[i, i] = fr.q
            pos = {n: i for i, n in enumerate(names)}
            for a, b, q12, *_ in res.interactions:
                mat[max(pos[a], pos[b]), min(pos[a], pos[b])] = q12
            im = ax.imshow(mat, vmin=0, vmax=1, cmap="YlOrRd")
            ax.set_xticks(range(len(names)))
            ax.set_yticks(range(len(names)))
            ax.set_xticklabels(names, rotation=45, ha="right", fontsize=7)
            ax.set_yticklabels(names, fontsize=7)
            for i in range(len(names)):
                for j in range(len(names)):
                    if mat[i, j] == mat[i, j]:
                        ax.text(j, i, f"{mat[i, j]:.2f}", ha="center", va="center", fontsize=6)
            if year is not None:
                ax.set_title(str(year), fontsize=9)
            fig.colorbar(im, ax=ax, fraction=0.046, pad=0.02).ax.tick_params(labelsize=7)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            body += figure_html(fig, "Interaction detector: q(Xi ∩ Xj) below the diagonal, q(Xi) on it "
                                 "(as Figure 14)")
        for year, res in runs:
            body += table_html(["factor a", "factor b", "q(a∩b)", "q(a)", "q(b)", "interaction"],
                               [list(r) for r in res.interactions],
                               f"Interaction detector{'' if year is None else f' — {year}'}")
            body += table_html(["factor a", "factor b", "F", "df a", "df b", "p-value", "significant"],
                               [[a, b, e.f, e.df_a, e.df_b, e.p_value, _yes_no(e.significant)]
                                for a, b, e in res.ecological],
                               f"Ecological detector{'' if year is None else f' — {year}'}")
    else:
        body = "<p>Fewer than two factors: no interaction or ecological detector.</p>"
    sections.append(("Interaction and ecological detectors", body))

    # risk detector: means per stratum
    body = ""
    for year, res in runs:
        nf = len(res.risk)
        ncols = min(3, nf)
        nrows = int(math.ceil(nf / ncols))
        fig = new_figure(4.2 * ncols, 3.0 * nrows)
        for k, (name, (strata, _)) in enumerate(res.risk.items()):
            ax = fig.add_subplot(nrows, ncols, k + 1)
            shown = strata[:40]
            ax.bar(range(len(shown)), [s[2] for s in shown], color="#52b788")
            ax.set_xticks(range(len(shown)))
            ax.set_xticklabels([s[0] for s in shown], rotation=60, ha="right", fontsize=6)
            ax.set_title(name, fontsize=9)
            ax.set_ylabel("mean Y", fontsize=8)
        body += figure_html(fig, f"Risk detector: mean of Y per stratum{'' if year is None else f' — {year}'}")
        for name, (strata, pairs) in res.risk.items():
            body += table_html(["stratum", "n", "mean Y"], [list(s) for s in strata],
                               f"{name}{'' if year is None else f' — {year}'}: stratum means")
            sig = sum(1 for p in pairs if p.significant)
            untested = sum(1 for p in pairs if p.significant is None)
            body += (f"<p class='note'>{sig} of {len(pairs)} pairs of strata differ significantly "
                     f"(Welch t, α = 0.05); {untested} not tested. All pairs are in the risk table.</p>")
    sections.append(("Risk detector", body))
    write_page(path, title, sections)


# ----------------------------------------------------------------------------- raster mode

#: Most distinct values a categorical factor raster may have (pair tables stay ≤ 65 536 strata).
MAX_CATEGORIES = 256
#: Pixels sampled to set the breaks of continuous factors when every pixel is used.
BREAK_SAMPLE = 200_000

_M64 = (1 << 64) - 1


def _splitmix(z):
    """SplitMix64 finaliser on a uint64 array (a fast, well-mixed hash)."""
    z = z ^ (z >> np.uint64(30))
    z = z * np.uint64(0xBF58476D1CE4E5B9)
    z = z ^ (z >> np.uint64(27))
    z = z * np.uint64(0x94D049BB133111EB)
    return z ^ (z >> np.uint64(31))


def pixel_keys(index, seed):
    """Pseudo-random uint64 key of each pixel (by its linear index) for a seed.

    Keeping the pixels with the k smallest keys gives a uniform random sample without
    replacement that depends only on the seed and the grid — not on the block layout.
    """
    mix = np.uint64((int(seed) * 0x9E3779B97F4A7C15 + 0x632BE59BD9B4E019) & _M64)
    with np.errstate(over="ignore"):
        return _splitmix(index.astype(np.uint64) * np.uint64(0x9E3779B97F4A7C15) + mix)


class BottomK:
    """The k valid pixels with the smallest keys seen so far, with their values."""

    def __init__(self, k, columns):
        self.k = int(k)
        self.keys = np.empty(0, dtype=np.uint64)
        self.values = np.empty((0, columns))

    def add(self, keys, values):
        if self.k <= 0 or keys.size == 0:
            return
        if self.keys.size >= self.k:
            sel = keys < self.keys.max()
            keys, values = keys[sel], values[sel]
            if keys.size == 0:
                return
        keys = np.concatenate([self.keys, keys])
        values = np.concatenate([self.values, values])
        if keys.size > self.k:
            part = np.argpartition(keys, self.k - 1)[:self.k]
            keys, values = keys[part], values[part]
        self.keys, self.values = keys, values

    def sorted_values(self):
        return self.values[np.argsort(self.keys, kind="stable")]


@dataclass
class RasterRun:
    result: Result
    valid: int
    nodata: int
    sample: int
    notes: list


def raster_geodetector(y_path, factor_paths, names, categorical, method, k, kmin, kmax, sample_size=0, seed=1,
                       monitor=NULL_MONITOR):
    """Geodetector on rasters: Y and factor rasters on one grid (band 1 of each).

    ``sample_size`` > 0: a seeded random sample of that many valid pixels (bottom-k of a
    per-pixel hash, reproducible and independent of the block layout) is analysed like a
    table. 0: every valid pixel. Continuous factors then get their breaks from a sample of
    :data:`BREAK_SAMPLE` pixels (the optimal method also chooses there); a second pass
    classifies every pixel block by block and accumulates count, sum and sum of squares of
    Y per stratum and per pair of strata, which is all q, its p-value and the other detectors
    need. Memory stays bounded by the block size and the sample.
    """
    from .raster import RasterReader, check_same_grid, iter_windows

    nf = len(factor_paths)
    if nf < 1:
        raise CoreError("FACTORS: give at least one factor raster.")
    categorical = set(range(nf)) if method == disc.CATEGORICAL else set(categorical)
    readers = [RasterReader(y_path, "Y")] + [RasterReader(p, f"FACTORS ({n})") for p, n in zip(factor_paths, names)]
    try:
        grid = check_same_grid(readers)
        keep = int(sample_size) if sample_size and sample_size > 0 else BREAK_SAMPLE
        reservoir = BottomK(keep, nf + 1)
        cats = {i: set() for i in categorical}
        valid_count = 0
        bpp = 8 * (nf + 1) * 4
        width = grid.width
        for win in iter_windows(grid, bpp, monitor.sub(0.0, 0.45 if not sample_size else 0.8)):
            block = np.stack([r.read(win).ravel() for r in readers], axis=1)
            ok = np.all(np.isfinite(block), axis=1)
            if not ok.any():
                continue
            vals = block[ok]
            valid_count += vals.shape[0]
            for i in categorical:
                cats[i].update(np.unique(vals[:, i + 1]).tolist())
                if len(cats[i]) > MAX_CATEGORIES:
                    raise CoreError(f"Factor '{names[i]}' is used as categorical (METHOD 0 or CATEGORICAL_FACTORS) "
                                    f"but has more than {MAX_CATEGORIES} distinct values; treat it as continuous "
                                    f"(METHOD 1–6) or reclassify it.")
            rows, cols = np.divmod(np.flatnonzero(ok), win.width)
            index = (rows + win.row_off) * width + cols + win.col_off
            reservoir.add(pixel_keys(index, seed), vals)
        total_pixels = grid.width * grid.height
        if valid_count < 2:
            raise CoreError(f"Only {valid_count} pixel(s) are valid in Y and every factor; at least two are needed.")
        sample = reservoir.sorted_values()
        ys = sample[:, 0]
        notes = [f"Grid {grid.width} × {grid.height} pixels; {valid_count} valid in Y and every factor, "
                 f"{total_pixels - valid_count} dropped as NoData in Y or a factor."]
        if np.ptp(ys) == 0:
            raise CoreError("Y is constant over the valid pixels: q is undefined.")

        def factor_from_sample(i):
            x = sample[:, i + 1]
            if i in categorical:
                values = np.array(sorted(cats[i]))
                return Factor(names[i], None, values.size, [_label(v) for v in values], "categorical"), values
            return stratify(names[i], x, method, k, kmin, kmax, ys), None

        if sample_size and sample_size > 0:
            factors = [stratify(names[i], sample[:, i + 1], method, k, kmin, kmax, ys,
                                categorical=i in categorical) for i in range(nf)]
            notes.append(f"Random sample of {ys.size} of these pixels (SEED {seed}).")
            result = analyse(ys, factors, monitor.sub(0.8, 1.0))
            return RasterRun(result, valid_count, total_pixels - valid_count, int(ys.size), notes)

        built = [factor_from_sample(i) for i in range(nf)]
        factors = [f for f, _ in built]
        cont = [i for i in range(nf) if built[i][1] is None]
        if cont:
            notes.append(f"All {valid_count} valid pixels used; breaks of the continuous factors set on a random "
                         f"sample of {ys.size} pixels (SEED {seed}).")
        shift = float(ys.mean())
        fm = {f.name: Moments.zeros(f.size, shift) for f in factors}
        pairs = list(itertools.combinations(range(nf), 2))
        pm = {(factors[a].name, factors[b].name): Moments.zeros(factors[a].size * factors[b].size, shift)
              for a, b in pairs}
        for win in iter_windows(grid, bpp + 8 * nf, monitor.sub(0.45, 0.95)):
            block = np.stack([r.read(win).ravel() for r in readers], axis=1)
            ok = np.all(np.isfinite(block), axis=1)
            if not ok.any():
                continue
            vals = block[ok]
            y = vals[:, 0]
            codes = []
            for i, (fac, cat_values) in enumerate(built):
                x = vals[:, i + 1]
                if cat_values is not None:
                    codes.append(np.searchsorted(cat_values, x).astype(np.int64))
                else:
                    codes.append(disc.classify(x, fac.breaks))
            for i, fac in enumerate(factors):
                fm[fac.name].add(Moments.from_codes(codes[i], y, fac.size, shift))
            for a, b in pairs:
                fa, fb = factors[a], factors[b]
                pm[(fa.name, fb.name)].add(Moments.from_codes(codes[a] * fb.size + codes[b], y,
                                                              fa.size * fb.size, shift))
        result = analyse_moments(fm, pm, factors)
        monitor.report(1.0)
        return RasterRun(result, valid_count, total_pixels - valid_count, valid_count, notes)
    finally:
        for r in readers:
            r.close()
