"""Trend of one yearly series (rsei:seriestrend): Sen slope and Mann–Kendall, a quadratic, two segments.

Han et al. (2025), Sustainability 17, 9075, section 4.2 and Figures 7–8: the Sen slope with the intercept
median(x) − slope·median(t) (Conover, W.J. 1980, Practical Nonparametric Statistics, 2nd ed., Wiley) and the
original Mann–Kendall test (:func:`.mannkendall.mann_kendall`) with the 1 − α confidence interval of the Sen slope
(Sen 1968; Gilbert 1987, section 16.5; :func:`.mannkendall.slope_interval_ranks`), the least-squares quadratic with R², vertex and
the confidence band of the mean response (t quantile, n − 3 degrees of freedom), and two least-squares
segments around a given or the least-squares break. The HTML report is :mod:`core.reporting.trend`.
"""
import math

import numpy as np

from ..deps import require, scipy
from ..errors import CoreError
from .mannkendall import mann_kendall


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
        raise CoreError("Too few values ({size}) to find a break with at least {min_points} values on each side; give "
                        "BREAK_YEAR.", size=t.size, min_points=min_points)
    return best[0]


def series_trend(t, x, break_year=None, alpha=0.05):
    """Every statistic of rsei:seriestrend for one series (times ``t``, values ``x``; NaN dropped).

    Sen slope with intercept median(x) − slope·median(t) (Conover 1980, line x = a + b·t) and its
    1 − ``alpha`` confidence limits SEN_SLOPE_LOW / SEN_SLOPE_HIGH, Mann–Kendall (original test), the
    least-squares quadratic (R², vertex) and two least-squares segments t ≤ break and t > break (slope,
    Pearson r).
    """
    t = np.asarray(t, dtype=np.float64)
    x = np.asarray(x, dtype=np.float64)
    ok = np.isfinite(t) & np.isfinite(x)
    t, x = t[ok], x[ok]
    order = np.argsort(t, kind="stable")
    t, x = t[order], x[order]
    if t.size and np.any(np.diff(t) == 0):
        dup = ", ".join(f"{v:g}" for v in np.unique(t[1:][np.diff(t) == 0]))
        raise CoreError("Duplicate time(s) {dup}: each time must appear once.", dup=dup)
    if t.size < 4:
        raise CoreError("The series has {size} valid value(s); at least 4 are needed (the quadratic has 3 coefficients "
                        "and its band needs one degree of freedom).", size=t.size)
    mk = mann_kendall(x[None, :], t, min_years=2, alpha=alpha, interval=True)
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
        raise CoreError("BREAK_YEAR {brk:g} leaves {n_before} value(s) at or before it and {n_after} after it; each "
                        "segment needs at least 2.", brk=brk, n_before=int(left.sum()), n_after=int(right.sum()))
    s1, i1, r1, _ = linear_fit(t[left], x[left])
    s2, i2, r2, _ = linear_fit(t[right], x[right])
    return {
        "t": t, "x": x, "n": int(t.size),
        "SEN_SLOPE": slope, "SEN_INTERCEPT": intercept, "ALPHA": float(alpha),
        "SEN_SLOPE_LOW": float(mk["slope_low"][0]), "SEN_SLOPE_HIGH": float(mk["slope_high"][0]),
        "MK_S": float(mk["s"][0]), "MK_Z": float(mk["z"][0]), "MK_P": float(mk["p"][0]),
        "MK_VAR_S": float(mk["var_s"][0]), "MK_TAU": float(mk["tau"][0]),
        "QUAD_R2": float(quad["r2"]), "QUAD_VERTEX": float(quad["vertex"]), "quad": quad,
        "BREAK_YEAR": brk, "break_chosen": chosen,
        "SEG1_SLOPE": s1, "SEG1_INTERCEPT": i1, "SEG1_R": r1, "SEG1_N": int(left.sum()),
        "SEG2_SLOPE": s2, "SEG2_INTERCEPT": i2, "SEG2_R": r2, "SEG2_N": int(right.sum()),
    }
