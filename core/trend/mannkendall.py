"""Theil–Sen slope and Mann–Kendall test of many series at once, its modified variants and the trend classes.

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

The pair statistics and the median of the pair slopes are the kernels of :mod:`.median`;
the per-pixel raster run is :mod:`.raster`. References: Mann, H.B. (1945), Econometrica 13, 245–259;
Kendall, M.G. (1975), Rank Correlation Methods, 4th ed.; Sen, P.K. (1968), J. Am. Stat. Assoc. 63,
1379–1389; Hamed, K.H., Rao, A.R. (1998), J. Hydrol. 204, 182–196; Yue, S., Wang, C.Y. (2002), Water
Resour. Res. 38(6), 1068; Yue, S. et al. (2002), Hydrol. Process. 16, 1807–1829; Hussain, M.M., Mahmud,
I. (2019), J. Open Source Softw. 4(39), 1556.
"""
import os
import threading
from concurrent.futures import ThreadPoolExecutor

import numpy as np

from ..deps import require, scipy
from ..errors import CoreError
from . import median, median_numba

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


def _normal_p(z):
    """Two-sided p-value from the standard normal: 2·(1 − Φ(|z|)) = 2·Φ(−|z|)."""
    return 2.0 * scipy.special.ndtr(-np.abs(z))


def _z_score(s, var_s):
    """Eq. 19: (S − 1)/√Var for S > 0, 0 for S = 0, (S + 1)/√Var for S < 0."""
    with np.errstate(invalid="ignore", divide="ignore"):
        z = (s - np.sign(s)) / np.sqrt(var_s)
    return np.where(s == 0, 0.0, z)


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
    with np.errstate(divide="ignore"):   # series without values: their result is NaN anyway
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
                 workers=None, interval=False):
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
    interval : also return ``slope_low`` and ``slope_high``, the confidence interval of the Sen
        slope at confidence 1 − ``alpha`` (:func:`slope_interval_ranks`).

    Returns
    -------
    dict of float arrays (pixels,): ``slope`` (per unit of ``years``), ``s``, ``var_s``,
    ``z``, ``p``, ``tau`` and ``n`` (valid values, always set); with ``interval``, ``slope_low``
    and ``slope_high``.

    The pair statistics run in the compiled kernel of :mod:`.median_numba` when numba is importable
    (and ``RSEI_NUMBA`` is not 0), else in the numpy kernels of :mod:`.median`; both give identical
    slopes, S and interval limits.
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
        raise CoreError("{n} values per series but {size} times were given.", n=n, size=t.size)
    if n > 1 and not np.all(np.diff(t) > 0):
        raise CoreError("The times must be strictly increasing (sorted, no duplicates).")
    if method not in METHODS:
        raise CoreError("Unknown trend test '{method}'; use one of {methods}.", method=method,
                        methods=', '.join(METHODS))
    min_years = max(2, int(min_years))
    names = ("slope", "s", "var_s", "z", "p", "tau", "n") + (("slope_low", "slope_high") if interval else ())
    out = {k: np.full(P, np.nan) for k in names}
    compiled = median_numba.enabled()
    step = max(1, int(chunk))

    scratch = threading.local()   # one set of chunk buffers per thread, freed with this call

    def job(start):
        stop = min(P, start + step)
        part = _kernel(np.ascontiguousarray(XT[:, start:stop]), t, min_years, method, alpha,
                       scratch.__dict__, interval, compiled)
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


def slope_interval_ranks(k, var_s, alpha):
    """0-based ranks (lower, upper) of the confidence limits of the Sen slope among the k sorted pair slopes.

    Sen (1968) and Gilbert (1987, Statistical Methods for Environmental Pollution Monitoring, section 16.5):
    C_α = z_{1−α/2}·√Var(S), Var(S) of the original series with the tie term (eq. 18), M₁ = (N′ − C_α)/2,
    M₂ = (N′ + C_α)/2 with N′ = k the number of pair slopes; the limits are the M₁-th and (M₂ + 1)-th
    smallest slopes (1-based). A non-integer M is rounded to the nearest integer, halves to even (numpy's
    ``round``), exactly as ``scipy.stats.theilslopes`` does (scipy 1.10: Rl = round((N′ + z_{α/2}σ)/2) − 1,
    Ru = round((N′ − z_{α/2}σ)/2), z_{α/2} < 0), clipped to 0 … k − 1. Invalid entries (k = 0 or Var(S)
    not finite) give rank 0; the caller masks them.
    """
    k = np.asarray(k, dtype=np.float64)
    z = scipy.special.ndtri(alpha / 2.0)
    with np.errstate(invalid="ignore"):
        sigma = np.sqrt(np.where(np.isfinite(var_s) & (var_s > 0), var_s, 0.0))
    upper = np.minimum(np.rint((k - z * sigma) / 2.0), k - 1)
    lower = np.maximum(np.rint((k + z * sigma) / 2.0) - 1, 0)
    ok = k > 0
    return (np.where(ok, lower, 0).astype(np.intp), np.where(ok, np.maximum(upper, 0), 0).astype(np.intp))


def _kernel(XT, t, min_years, method, alpha, work=None, interval=False, compiled=False):
    """All statistics for one chunk; ``XT`` is (n, pixels); ``work`` as for :func:`.median._scratch`;
    ``compiled``: the pair statistics and order statistics by :mod:`.median_numba`."""
    XT = np.where(np.isfinite(XT), XT, np.nan)
    n, P = XT.shape
    n_valid = np.count_nonzero(~np.isnan(XT), axis=0)
    nn = n_valid.astype(np.float64)
    k = n_valid * (n_valid - 1) // 2
    bounds = None
    if compiled and not interval:
        s, ties, _, sel = median_numba.pair_stats_median(XT, t)
        slopes = None
    elif compiled:
        s, ties, slopes, _ = median_numba.pair_stats(XT, t)
    else:
        bracket = median.n_pairs(n) >= median.BRACKET_MIN_PAIRS
        keys = median._scratch(work, "keys", (median.n_pairs(n), P), np.float32) if bracket else None
        s, ties, slopes = median._pair_stats(XT, t, work, keys)
        if bracket:
            slope = median._median_pairs(slopes, k, work=work, keys=keys)
        else:
            slope = median._median_cols(slopes, k)
    ranks = []
    if compiled and interval:   # the median's order statistics, selected with the interval's
        ranks = [np.maximum((k - 1) // 2, 0), k // 2]
    if interval:
        # Var(S) of the original series (eq. 18), whatever the test variant: the interval is that of the
        # slope of the original series (Sen 1968; Gilbert 1987, 16.5).
        var0 = (nn * (nn - 1) * (2 * nn + 5) - ties) / 18.0
        ranks += list(slope_interval_ranks(k, var0, alpha))
    if ranks:
        R = np.stack(ranks, axis=1)
        order = np.argsort(R, axis=1, kind="stable")
        if compiled:
            sel = np.empty(R.shape)
            np.put_along_axis(sel, order, median_numba.select(slopes, k, np.take_along_axis(R, order, 1)), 1)
        else:
            sel = median._select_cols(slopes, R)
        if interval:
            bounds = (sel[:, -2], sel[:, -1])
    if compiled:
        with np.errstate(invalid="ignore"):
            slope = np.where(k % 2 == 0, 0.5 * (sel[:, 0] + sel[:, 1]), sel[:, 0])
        slope[k == 0] = np.nan
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
            s, ties, _ = median._pair_stats(np.ascontiguousarray(W.T), work=work)
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
    if bounds is not None:
        for key, arr in zip(("slope_low", "slope_high"), bounds):
            res[key] = np.where(enough & (k > 0), arr + 0.0, np.nan)
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
