"""core/trend: Sen slope + Mann–Kendall against pyMannKendall and an independent double loop; series fits."""
import csv
import math
import os

import numpy as np
import pytest

from conftest import shared

pymannkendall = pytest.importorskip("pymannkendall")

from rsei_toolbox.core.errors import CoreError  # noqa: E402
from rsei_toolbox.core.reporting import trend as trend_report  # noqa: E402
from rsei_toolbox.core.trend import mannkendall, median, series  # noqa: E402

KEYS = (("slope", "slope"), ("s", "s"), ("var_s", "var_s"), ("z", "z"), ("p", "p"), ("tau", "Tau"))


# ----------------------------------------------------------------------------- the independent oracle

def oracle(x, t, min_years=4):
    """Plain-Python Sen slope and Mann–Kendall (eq. 15–19) for one series with NaN gaps."""
    pts = [(float(ti), float(xi)) for ti, xi in zip(t, x) if not (xi is None or math.isnan(xi))]
    pts.sort()
    n = len(pts)
    if n < min_years:
        return None
    slopes, s = [], 0
    for i in range(n):
        for j in range(i + 1, n):
            dx = pts[j][1] - pts[i][1]
            slopes.append(dx / (pts[j][0] - pts[i][0]))
            s += (dx > 0) - (dx < 0)
    slopes.sort()
    m = len(slopes)
    slope = slopes[m // 2] if m % 2 else 0.5 * (slopes[m // 2 - 1] + slopes[m // 2])
    groups = {}
    for _, v in pts:
        groups[v] = groups.get(v, 0) + 1
    var = (n * (n - 1) * (2 * n + 5) - sum(g * (g - 1) * (2 * g + 5) for g in groups.values())) / 18
    if s > 0:
        z = (s - 1) / math.sqrt(var)
    elif s < 0:
        z = (s + 1) / math.sqrt(var)
    else:
        z = 0.0
    p = math.erfc(abs(z) / math.sqrt(2))
    return {"slope": slope, "s": s, "var_s": var, "z": z, "p": p, "tau": s / (n * (n - 1) / 2), "n": n}


def _series(seed, pixels=300, years=25):
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(pixels, years)).cumsum(axis=1) + 0.05 * np.arange(years)
    x[:60] = np.round(x[:60])                    # many ties
    x[60:90] = np.round(x[60:90] * 4) / 4        # quantised
    x[90:110, ::4] *= 50                         # outliers
    return x


def _close(a, b, rtol=1e-9, atol=1e-12):
    return np.isclose(a, b, rtol=rtol, atol=atol, equal_nan=True)


# ----------------------------------------------------------------------------- against pyMannKendall

@pytest.mark.parametrize("seed", [0, 1])
def test_original_matches_pymannkendall_gap_free(seed):
    x = _series(seed)
    years = np.arange(2000, 2025)
    res = mannkendall.mann_kendall(x, years, chunk=97)  # several chunks, and threads
    for i in range(x.shape[0]):
        ref = pymannkendall.original_test(x[i])
        for key, ref_key in KEYS:
            assert _close(res[key][i], getattr(ref, ref_key)), (i, key, res[key][i], getattr(ref, ref_key))
        assert res["n"][i] == 25


def test_slope_is_per_year_with_uneven_steps():
    """Every other year: pyMannKendall's slope is per step (2 years), ours per year."""
    x = _series(3, pixels=50, years=12)
    years = np.arange(2000, 2024, 2)
    res = mannkendall.mann_kendall(x, years)
    for i in range(50):
        ref = pymannkendall.original_test(x[i])
        assert _close(res["slope"][i], ref.slope / 2)
        assert _close(res["z"][i], ref.z) and _close(res["p"][i], ref.p)


@pytest.mark.filterwarnings("ignore:invalid value encountered:RuntimeWarning")  # pyMannKendall's sqrt of a negative variance
@pytest.mark.parametrize("method, func", [
    ("hamed_rao", "hamed_rao_modification_test"),
    ("prewhiten", "pre_whitening_modification_test"),
    ("tfpw", "trend_free_pre_whitening_modification_test"),
])
def test_modified_tests_match_pymannkendall(method, func):
    rng = np.random.default_rng(11)
    # AR(1) noise around a trend: autocorrelated, continuous (no exact ties to round differently).
    x = np.zeros((200, 25))
    e = rng.normal(size=(200, 25))
    for k in range(1, 25):
        x[:, k] = 0.6 * x[:, k - 1] + e[:, k]
    x += rng.uniform(-0.1, 0.1, size=(200, 1)) * np.arange(25)
    res = mannkendall.mann_kendall(x, np.arange(1990, 2015), method=method, chunk=64)
    ref_func = getattr(pymannkendall, func)
    negative = 0
    for i in range(200):
        ref = ref_func(x[i])
        for key, ref_key in KEYS:
            assert _close(res[key][i], getattr(ref, ref_key), rtol=1e-8), (i, key, res[key][i],
                                                                             getattr(ref, ref_key))
        negative += not np.isfinite(res["z"][i])
    if method == "hamed_rao":
        # The correction changes the variance for a good share of these AR(1) series.
        plain = mannkendall.mann_kendall(x, np.arange(1990, 2015))
        assert np.mean(~_close(res["var_s"], plain["var_s"])) > 0.3
    assert negative < 20


def test_hamed_rao_with_ties_matches_pymannkendall():
    x = _series(5, pixels=120)
    res = mannkendall.mann_kendall(x, np.arange(2000, 2025), method="hamed_rao")
    for i in range(120):
        ref = pymannkendall.hamed_rao_modification_test(x[i])
        assert _close(res["var_s"][i], ref.var_s), i
        assert _close(res["p"][i], ref.p), i


# ----------------------------------------------------------------------------- against the double loop

def test_gaps_ties_nodata_constant_against_double_loop():
    rng = np.random.default_rng(7)
    years = np.array([2000, 2001, 2002, 2004, 2005, 2008, 2009, 2010, 2013, 2015, 2016, 2020], float)
    x = np.round(rng.normal(size=(400, years.size)).cumsum(axis=1), 1)   # ties
    x[rng.random(x.shape) < 0.25] = np.nan                               # NoData gaps
    x[0] = 0.5                                                           # constant
    x[1] = np.nan                                                        # all missing
    x[2, :3] = np.nan
    x[2, 3:] = 0.2                                                       # constant with gaps
    x[3] = np.nan
    x[3, [1, 5, 7]] = [1.0, 2.0, 3.0]                                    # 3 values < MIN_YEARS
    x[4, :] = np.inf                                                     # non-finite = missing
    res = mannkendall.mann_kendall(x, years, min_years=4, chunk=50)
    checked = 0
    for i in range(x.shape[0]):
        row = np.where(np.isfinite(x[i]), x[i], np.nan)
        ref = oracle(row, years, 4)
        assert res["n"][i] == np.count_nonzero(np.isfinite(x[i]))
        if ref is None:
            assert all(np.isnan(res[k][i]) for k, _ in KEYS), i
            continue
        checked += 1
        for key, _ in KEYS:
            assert _close(res[key][i], ref[key], rtol=1e-12), (i, key, res[key][i], ref[key])
    assert checked > 300
    for i in (0, 2):  # constant series
        assert res["slope"][i] == 0 and res["s"][i] == 0 and res["z"][i] == 0 and res["p"][i] == 1
        assert res["var_s"][i] == 0


def test_missing_year_is_a_gap_not_a_shift():
    years = np.arange(2000, 2010, dtype=float)
    x = 0.01 * (years - 2000) + 0.3
    x[[2, 3, 7]] = np.nan
    res = mannkendall.mann_kendall(x[None], years)
    assert res["slope"][0] == pytest.approx(0.01, rel=1e-12)
    # Dropping the NaNs and numbering 1…n (the shift) would give 0.01 × 9/6.
    assert res["s"][0] == 21 and res["n"][0] == 7


def test_time_axis_and_chunks_do_not_change_results():
    x = _series(9, pixels=500)
    x[np.random.default_rng(1).random(x.shape) < 0.1] = np.nan
    years = np.arange(2000, 2025)
    a = mannkendall.mann_kendall(x, years, chunk=100000, workers=1)
    b = mannkendall.mann_kendall(np.ascontiguousarray(x.T), years, axis=0, chunk=33, workers=2)
    for key in a:
        np.testing.assert_array_equal(a[key], b[key])


@pytest.mark.parametrize("length", [1, 2, 3, 6, 7, 300])
def test_median_rows_against_nanmedian(length):
    rng = np.random.default_rng(length)
    v = np.round(rng.normal(size=(400, length)), 1)
    v[rng.random(v.shape) < 0.4] = np.nan
    k = np.count_nonzero(~np.isnan(v), axis=1)
    expected = np.array([np.median(r[~np.isnan(r)]) if np.any(~np.isnan(r)) else np.nan for r in v])
    got = median._median_rows(v.copy(), k)
    np.testing.assert_array_equal(got, expected)


def _pair_slopes(seed, pixels, years, ties=True, gaps=0.05):
    """Pair slopes (pairs × pixels) of random series with ties, gaps, constant and empty pixels."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(years, pixels)).cumsum(axis=0) + rng.normal(0, 0.1, pixels) * np.arange(years)[:, None]
    if ties:
        x[:, : pixels // 3] = np.round(x[:, : pixels // 3])          # many tied values and slopes
        x[:, pixels // 3: pixels // 2] = np.round(x[:, pixels // 3: pixels // 2] * 4) / 4
    x[:, -20:-10] = 3.0                                              # constant: every slope 0
    x[:, -10:-5] = 0.5 * np.arange(years)[:, None]                   # a line: every slope 0.5
    x[rng.random(x.shape) < gaps] = np.nan
    x[:, -5:] = np.nan                                               # no valid value
    x[: years // 2, -30:-25] = np.nan                                # half the years missing
    x[:-3, -25:-20] = np.nan                                         # only 3 valid values
    _, _, slopes = median._pair_stats(x, np.arange(years, dtype=float))
    nv = np.count_nonzero(~np.isnan(x), axis=0)
    return slopes.copy(), nv * (nv - 1) // 2


def _nanmedian_cols(D):
    return np.array([np.median(c[~np.isnan(c)]) if np.any(~np.isnan(c)) else np.nan for c in D.T])


@pytest.mark.parametrize("seed,years,ties", [(1, 25, True), (2, 25, False), (3, 31, True), (4, 17, True)])
def test_median_pairs_against_nanmedian(seed, years, ties):
    """The bracketed selection is bit-identical to the full partition and to np.median (odd and even
    counts, ties, gaps, constant and empty pixels); the pixel count is not a multiple of 8."""
    D, k = _pair_slopes(seed, 1203, years, ties=ties)
    expected = _nanmedian_cols(D)
    got = median._median_pairs(D, k, work={})
    np.testing.assert_array_equal(got, expected)
    # Bit for bit (but the sign of a zero: rounded negative values give −0.0, and −0.0 and +0.0
    # pair slopes tie; the kernel returns +0.0).
    np.testing.assert_array_equal((got + 0.0).view(np.int64),
                                  (median._median_cols(D.copy(), k) + 0.0).view(np.int64))
    assert np.any(k % 2 == 0) and np.any(k % 2 == 1)


@pytest.mark.parametrize("sample,steps,slots", [(63, 1, 32), (15, 2, 2), (31, 3, 4), (7, 2, 8)])
def test_median_pairs_fallback_and_small_brackets(sample, steps, slots):
    """Windows that miss and brackets too full for the slots go to the full partition: still exact."""
    D, k = _pair_slopes(5, 800, 25)
    got = median._median_pairs(D, k, sample=sample, steps=steps, slots=slots)
    np.testing.assert_array_equal(got, _nanmedian_cols(D))


def test_median_pairs_with_infinite_slopes():
    """Infinite pair slopes (overflowing differences) are ordered like the partition orders them."""
    D, k = _pair_slopes(6, 640, 25)
    rng = np.random.default_rng(0)
    hit = (rng.random(D.shape) < 0.2) & ~np.isnan(D)
    D[hit] = np.where(rng.random(D.shape) < 0.5, np.inf, -np.inf)[hit]
    got = median._median_pairs(D, k)
    np.testing.assert_array_equal((got + 0.0).view(np.int64), (median._median_cols(D.copy(), k) + 0.0).view(np.int64))


def test_mann_kendall_bracket_path_matches_partition(monkeypatch):
    """The whole kernel gives the same slopes with the bracketed median and with the partition only."""
    x = _series(12, pixels=700, years=28)
    x[np.random.default_rng(3).random(x.shape) < 0.15] = np.nan
    years = np.arange(1990, 2018)
    a = mannkendall.mann_kendall(x, years, min_years=2, chunk=256)
    monkeypatch.setattr(median, "BRACKET_MIN_PAIRS", 10 ** 9)
    b = mannkendall.mann_kendall(x, years, min_years=2, chunk=256)
    for key in a:
        np.testing.assert_array_equal(a[key].view(np.int64), b[key].view(np.int64))


def test_bracket_float32_keys_that_cannot_separate(monkeypatch):
    """Slopes that differ below float32 precision: the float32 search keys tie, the exact counts
    reject the bracket where it is wrong, and the result is still the partition's, bit for bit."""
    rng = np.random.default_rng(4)
    years = np.arange(2000, 2025)
    x = 1.0 + 1e-6 * np.arange(25) + rng.normal(0, 1e-12, size=(500, 25))
    x[:100] = 1e30 * (1.0 + rng.normal(0, 1e-13, size=(100, 25)))   # huge values, tiny spread
    x[rng.random(x.shape) < 0.05] = np.nan
    a = mannkendall.mann_kendall(x, years, chunk=128)
    monkeypatch.setattr(median, "BRACKET_MIN_PAIRS", 10 ** 9)
    b = mannkendall.mann_kendall(x, years, chunk=128)
    np.testing.assert_array_equal(a["slope"].view(np.int64), b["slope"].view(np.int64))


@pytest.mark.parametrize("shape", [(300, 64), (600, 16), (7, 13), (0, 8), (255, 8), (256, 24)])
def test_count_columns(shape):
    rng = np.random.default_rng(shape[0])
    mask = rng.random(shape) < 0.5
    np.testing.assert_array_equal(median._count(mask), mask.sum(axis=0))


@pytest.mark.parametrize("n,first,last", [(2, 0, 1), (16, 0, 15), (64, 23, 39), (64, 31, 32), (32, 0, 0)])
def test_bitonic_sort(n, first, last):
    rng = np.random.default_rng(n + first)
    A = np.round(rng.normal(size=(n, 50)), 1)
    A[:, 0] = np.inf
    A[0, 1] = -np.inf
    got = median._bitonic_sort(A.copy(), np.empty_like(A), first, last)
    np.testing.assert_array_equal(got[first:last + 1], np.sort(A, axis=0)[first:last + 1])


def test_bad_times_and_method():
    with pytest.raises(CoreError, match="strictly increasing"):
        mannkendall.mann_kendall(np.ones((2, 3)), [2000, 2000, 2001])
    with pytest.raises(CoreError, match="3 times"):
        mannkendall.mann_kendall(np.ones((2, 4)), [1, 2, 3])
    with pytest.raises(CoreError, match="Unknown trend test"):
        mannkendall.mann_kendall(np.ones((2, 4)), [1, 2, 3, 4], method="sen")


# ----------------------------------------------------------------------------- classes and years

def test_classify_rules():
    slope = np.array([0.01, 0.01, 0.0005, -0.0005, 0.0, -0.01, -0.01, np.nan, 0.01, 0.0006])
    p = np.array([0.01, 0.05, 0.001, 0.001, 1.0, 0.2, 0.049, 0.01, np.nan, 0.09])
    got = mannkendall.classify(slope, p, stable_slope=0.0005, alpha=0.05)
    assert got.tolist() == [1, 2, 3, 3, 3, 4, 5, 0, 0, 2]
    assert mannkendall.classify(slope, p, 0.0005, 0.10).tolist()[9] == 1
    assert mannkendall.classify(np.array([1e-9]), np.array([0.0]), 0.0, 0.05).tolist() == [1]


# ----------------------------------------------------------------------------- one series (Table 5)

def _table5():
    path = shared("paper", "table5_rsei_series.csv")
    rows = list(csv.DictReader(open(path, encoding="utf-8")))
    return np.array([float(r["year"]) for r in rows]), np.array([float(r["rsei"]) for r in rows])


def test_series_trend_table5_against_paper():
    t, x = _table5()
    res = series.series_trend(t, x, 2012)
    # Paper, section 4.2: R² = 0.41; segments −0.00605 (2000–2012) and 0.01239 (2013–2024) from its rounded
    # values; |r| between 0.577 and 0.599.
    assert res["QUAD_R2"] == pytest.approx(0.41, abs=0.005)
    assert res["SEG1_SLOPE"] == pytest.approx(-0.00605, rel=0.01)
    assert res["SEG2_SLOPE"] == pytest.approx(0.01239, rel=0.01)
    assert abs(res["SEG1_R"]) == pytest.approx(0.577, abs=0.003)
    assert abs(res["SEG2_R"]) == pytest.approx(0.599, abs=0.003)
    assert res["SEG1_N"] == 13 and res["SEG2_N"] == 12
    ref = pymannkendall.original_test(x)
    assert res["MK_S"] == ref.s and res["MK_Z"] == pytest.approx(ref.z) and res["MK_P"] == pytest.approx(ref.p)
    assert res["SEN_SLOPE"] == pytest.approx(ref.slope, rel=1e-12)  # consecutive years: per year = per step
    assert res["SEN_INTERCEPT"] == pytest.approx(np.median(x) - ref.slope * np.median(t))


def test_series_trend_table5_against_scipy_and_numpy():
    import scipy.stats

    t, x = _table5()
    res = series.series_trend(t, x, 2012)
    for seg, mask in (("SEG1", t <= 2012), ("SEG2", t > 2012)):
        lr = scipy.stats.linregress(t[mask], x[mask])
        assert res[f"{seg}_SLOPE"] == pytest.approx(lr.slope, rel=1e-9)
        assert res[f"{seg}_R"] == pytest.approx(lr.rvalue, rel=1e-9)
    coef, cov = np.polyfit(t, x, 2, cov="unscaled")
    fitted = np.polyval(coef, t)
    # The band from polyfit's unscaled covariance in u = (t − 2000)/10 (well conditioned, another origin).
    u = (t - 2000.0) / 10.0
    ucoef, ucov = np.polyfit(u, x, 2, cov="unscaled")
    r2 = 1 - np.sum((x - fitted) ** 2) / np.sum((x - x.mean()) ** 2)
    assert res["QUAD_R2"] == pytest.approx(r2, rel=1e-9)
    assert res["QUAD_VERTEX"] == pytest.approx(-coef[1] / (2 * coef[0]), abs=1e-6)
    # 95% band of the mean response from polyfit's unscaled covariance (uncentred design).
    sigma2 = np.sum((x - fitted) ** 2) / (t.size - 3)
    tt = np.array([2000.0, 2007.5, 2012.0, 2024.0])
    uu = (tt - 2000.0) / 10.0
    B = np.column_stack([uu ** 2, uu, np.ones_like(uu)])
    half = scipy.stats.t.ppf(0.975, t.size - 3) * np.sqrt(sigma2 * np.einsum("ij,jk,ik->i", B, ucov, B))
    fit, lo, hi = res["quad"]["band"](tt)
    np.testing.assert_allclose(fit, np.polyval(ucoef, uu), rtol=1e-9)
    np.testing.assert_allclose(hi - fit, half, rtol=1e-9)
    np.testing.assert_allclose(fit - lo, half, rtol=1e-9)
    assert np.all(half > 0.01) and np.all(half < 0.1)


def test_table5_vertex_is_not_the_papers_2012_3():
    """The paper's vertex (2012.3) cannot come from Table 5: rounding the values (±0.0005) moves it < 0.3 years."""
    t, x = _table5()
    res = series.series_trend(t, x, 2012)
    assert res["QUAD_VERTEX"] == pytest.approx(2009.537, abs=0.001)
    rng = np.random.default_rng(0)
    vertices = []
    for _ in range(200):
        coef = np.polyfit(t, x + rng.uniform(-0.0005, 0.0005, x.size), 2)
        vertices.append(-coef[1] / (2 * coef[0]))
    assert max(vertices) < 2010.0 < 2012.3


def test_best_break_against_brute_force():
    t, x = _table5()
    best = None
    for b in t:
        left, right = t <= b, t > b
        if left.sum() < 3 or right.sum() < 3:
            continue
        sse = sum(np.sum((x[m] - np.polyval(np.polyfit(t[m], x[m], 1), t[m])) ** 2) for m in (left, right))
        if best is None or sse < best[1]:
            best = (b, sse)
    res = series.series_trend(t, x, None)
    assert res["BREAK_YEAR"] == best[0]
    assert res["break_chosen"].startswith("minimum")


def test_series_trend_bad_input():
    with pytest.raises(CoreError, match="Duplicate time"):
        series.series_trend([2000, 2001, 2001, 2002, 2003], [1, 2, 3, 4, 5])
    with pytest.raises(CoreError, match="at least 4"):
        series.series_trend([2000, 2001, np.nan, 2003], [1, 2, 3, 4])
    with pytest.raises(CoreError, match="each segment needs"):
        series.series_trend(np.arange(2000, 2010), np.arange(10.0), 2008.5)
    with pytest.raises(CoreError, match="give BREAK_YEAR"):
        series.series_trend(np.arange(2000, 2005), np.arange(5.0) ** 2, None)


def test_series_report_html(tmp_path):
    t, x = _table5()
    res = series.series_trend(t, x, 2012)
    path = tmp_path / "r.html"
    trend_report.write_series_report(str(path), res, "year", "rsei")
    text = path.read_text(encoding="utf-8")
    assert text.count("data:image/png;base64,") == 2
    assert "0.411591" in text and "2009.54" in text
    assert os.path.getsize(path) > 20000
