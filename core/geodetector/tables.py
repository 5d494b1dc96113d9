"""Geodetector output tables: the rows and columns of the factor, interaction, risk and ecological tables.

``runs`` is a list of (year or None, :class:`~.detectors.Result`); with years every row starts
with the year and the factor table ends with the mean q over the years (the paper's Tables 14–15).
"""
import numpy as np

from .stratify import format_value


def yes_no(flag):
    return None if flag is None else ("yes" if flag else "no")


def _nan(v):
    return float("nan") if v is None else float(v)


def table_rows(runs):
    """Rows of the four output tables from ``runs`` = [(year or None, Result)].

    With years, each row starts with the year, and the factor table ends with one row
    per factor whose year is 'mean' and q the mean q over the years (Tables 14–15).
    With bootstrap replicates (CONFIDENCE 1) factor rows end with q_low, q_high; the
    'mean' rows' interval is that of the mean over the years of the paired replicates
    (each year resampled on its own: a stratified bootstrap of the mean q).
    """
    per_year = any(year is not None for year, _ in runs)
    conf = has_confidence(runs)
    factor, inter, risk, eco = [], [], [], []
    for year, res in runs:
        pre = [str(year)] if per_year else []
        for fac, fr in res.factors:
            factor.append(pre + [fac.name, fr.q, fr.p_value, fr.strata, fac.method,
                                 ", ".join(format_value(b) for b in fac.breaks)]
                          + (list(q_interval(res, fac.name)) if conf else []))
        for a, b, q12, qa, qb, kind in res.interactions:
            inter.append(pre + [a, b, q12, qa, qb, kind])
        for name, (_, pairs) in res.risk.items():
            for p in pairs:
                risk.append(pre + [name, p.stratum_a, p.stratum_b, p.mean_a, p.mean_b, p.n_a, p.n_b,
                                   _nan(p.t), _nan(p.df), _nan(p.p_value), yes_no(p.significant), p.note])
        for a, b, e in res.ecological:
            eco.append(pre + [a, b, e.f, e.df_a, e.df_b, e.p_value, yes_no(e.significant)])
    if per_year:
        for name, q in mean_q(runs).items():
            factor.append(["mean", name, q, None, None, f"mean of {len(runs)} years", ""]
                          + (list(mean_q_interval(runs, name)) if conf else []))
    return factor, inter, risk, eco


def has_confidence(runs):
    return any(res.bootstrap for _, res in runs)


def q_interval(res, name):
    from .confidence import interval
    return interval(res.bootstrap[name]) if res.bootstrap and name in res.bootstrap else (None, None)


def mean_q_interval(runs, name):
    """Percentile interval of the mean q over the years from the years' paired bootstrap replicates."""
    from .confidence import interval
    reps = [res.bootstrap[name] for _, res in runs if res.bootstrap and name in res.bootstrap]
    if len(reps) != len(runs):
        return None, None
    return interval(np.mean(np.vstack(reps), axis=0))


def lesh_rows(runs):
    """Rows of the LESH table: factor, shapley_q, share (+ year first; with years, rows with year 'mean':
    the mean Shapley value over the years and its share of the mean total q)."""
    per_year = any(year is not None for year, _ in runs)
    rows = []
    for year, res in runs:
        if res.lesh is None:
            continue
        pre = [str(year)] if per_year else []
        for name, theta, share in zip(res.lesh.names, res.lesh.shapley_q, res.lesh.share):
            rows.append(pre + [name, float(theta), float(share)])
    if per_year:
        mean = mean_lesh(runs)
        if mean is not None:
            names, theta, total = mean
            for name, t in zip(names, theta):
                rows.append(["mean", name, float(t), float(t / total) if total > 0 else float("nan")])
    return rows


def mean_lesh(runs):
    """(names, mean Shapley values, mean total q) over the runs, or None without LESH."""
    res = [r.lesh for _, r in runs if r.lesh is not None]
    if not res:
        return None
    return res[0].names, np.mean([r.shapley_q for r in res], axis=0), float(np.mean([r.total_q for r in res]))


def lesh_total(runs):
    """LESH_TOTAL_Q: the total q (mean over the years with years), None without LESH."""
    mean = mean_lesh(runs)
    return None if mean is None else mean[2]


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
CONFIDENCE_COLUMNS = [("q_low", "double"), ("q_high", "double")]
LESH_COLUMNS = [("factor", "string"), ("shapley_q", "double"), ("share", "double")]
ECOLOGICAL_COLUMNS = [("factor_a", "string"), ("factor_b", "string"), ("f", "double"), ("df_a", "int"),
                      ("df_b", "int"), ("p_value", "double"), ("significant", "string")]


def columns(base, per_year):
    return ([("year", "string")] if per_year else []) + list(base)
