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
    """
    per_year = any(year is not None for year, _ in runs)
    factor, inter, risk, eco = [], [], [], []
    for year, res in runs:
        pre = [str(year)] if per_year else []
        for fac, fr in res.factors:
            factor.append(pre + [fac.name, fr.q, fr.p_value, fr.strata, fac.method,
                                 ", ".join(format_value(b) for b in fac.breaks)])
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
