"""Field significance (Benjamini–Hochberg FDR), Sen-slope confidence limits and the numba kernel of rsei:senmk.

Oracles: a direct Benjamini–Hochberg on the in-memory p values (sorted, written out below), statsmodels'
``multipletests(..., method="fdr_bh")``, ``scipy.stats.theilslopes`` and hand-worked intervals.
"""
import csv
import json
import os

import numpy as np
import pytest

from conftest import read_raster, write_raster

from rsei_toolbox.core.monitor import NULL_MONITOR  # noqa: E402
from rsei_toolbox.core.raster import OutputTransaction  # noqa: E402
from rsei_toolbox.core.trend import fdr, mannkendall, median_numba  # noqa: E402
from rsei_toolbox.core.trend import raster as trend_raster  # noqa: E402
from rsei_toolbox.core.trend import series  # noqa: E402

scipy_stats = pytest.importorskip("scipy.stats")


# ----------------------------------------------------------------------------- the direct BH oracle

def direct_bh(p, alpha):
    """Benjamini & Hochberg (1995) written out: reject p_(1..k), k = max{j: p_(j) ≤ α j/m}; q by the
    running minimum of p_(j)·m/j from the top, ties given the q of their highest rank, capped at 1."""
    p = np.asarray(p, dtype=np.float64)
    m = p.size
    order = np.argsort(p, kind="stable")
    ps = p[order]
    j = np.arange(1, m + 1)
    below = np.flatnonzero(ps <= (j / m) * alpha)   # α·j/m; written so a value exactly on the line rounds alike
    reject_sorted = np.zeros(m, bool)
    if below.size:
        reject_sorted[:below.max() + 1] = True
    q_sorted = np.minimum(1.0, np.minimum.accumulate((ps / (j / m))[::-1])[::-1])
    reject = np.empty(m, bool)
    q = np.empty(m)
    reject[order] = reject_sorted
    q[order] = q_sorted
    return reject, q


def _bh_blocks(p, size):
    return lambda: (p[i:i + size] for i in range(0, p.size, size))


def _p_cases():
    rng = np.random.default_rng(11)
    cont = rng.random(20000)
    cont[:2000] = rng.random(2000) * 1e-4               # a real effect
    ties = np.round(rng.random(30000) ** 2, 3)           # ~1000 distinct values, many copies each
    ties[::7] = 1e-6                                     # one tied value below the BH line, spread over blocks
    mk = mannkendall.mann_kendall(rng.normal(size=(20000, 8)) + 0.3 * np.arange(8) * (rng.random((20000, 1)) < 0.2),
                                  np.arange(8.0))["p"]   # Mann–Kendall p: few distinct values
    gaps = rng.random(5000)
    gaps[rng.random(5000) < 0.1] = np.nan
    return {"continuous": cont, "ties": ties, "mann-kendall": mk, "nan": gaps, "one": np.array([0.01]),
            "all-one": np.ones(100)}


@pytest.mark.parametrize("case", ["continuous", "ties", "mann-kendall", "nan", "one", "all-one"])
@pytest.mark.parametrize("alpha", [0.05, 0.10])
def test_bh_exact_in_blocks_against_direct_and_statsmodels(case, alpha):
    p = _p_cases()[case]
    tree = fdr.bh_fdr(_bh_blocks(p, 333), alpha)   # 333 values per block: ties split over many blocks
    q, sig = tree.lookup(p)
    ok = np.isfinite(p)
    assert np.all(np.isnan(q[~ok])) and not sig[~ok].any()
    reject, q_ref = direct_bh(p[ok], alpha)
    assert np.array_equal(sig[ok], reject)
    assert tree.n_significant == reject.sum() and tree.m == ok.sum()
    if reject.any():
        assert tree.threshold == p[ok][reject].max()
    # q to float32 within the documented relative bound (exact float32 where the values are few)
    assert np.all(np.abs(q[ok] - q_ref) <= (fdr.TOL / 2 + 2.0 ** -24) * q_ref + 1e-45)
    if case in ("ties", "mann-kendall", "one", "all-one"):
        assert np.array_equal(q[ok], q_ref.astype(np.float32))
    # ties: every copy of a value gets the same q
    vals, inv = np.unique(p[ok], return_inverse=True)
    first = np.zeros(vals.size, np.float32)
    first[inv] = q[ok]
    assert np.array_equal(first[inv], q[ok])
    multitest = pytest.importorskip("statsmodels.stats.multitest")
    sm_reject, sm_q, _, _ = multitest.multipletests(p[ok], alpha=alpha, method="fdr_bh")
    assert np.array_equal(sig[ok], sm_reject)
    np.testing.assert_allclose(q[ok], sm_q, rtol=fdr.TOL, atol=0)


def test_bh_block_order_and_size_do_not_matter():
    p = _p_cases()["continuous"]
    a = fdr.bh_fdr(_bh_blocks(p, 10000), 0.05).lookup(p)
    perm = np.random.default_rng(2).permutation(p.size)
    b = fdr.bh_fdr(_bh_blocks(p[perm], 77), 0.05).lookup(p)
    assert np.array_equal(a[0], b[0]) and np.array_equal(a[1], b[1])


def test_bh_tree_cap_keeps_the_decision_exact():
    """A tree too small for float32 q everywhere: the decision stays exact and the error bound is reported."""
    p = _p_cases()["continuous"]
    first = fdr.one_pass(_bh_blocks(p, 500))
    tree = fdr.BHTree(first, 0.05, max_bins=3000)
    while not tree.resolve():
        tree.refine(fdr.one_pass(_bh_blocks(p, 500), tree))
    q, sig = tree.lookup(p)
    reject, q_ref = direct_bh(p, 0.05)
    assert np.array_equal(sig, reject)
    assert tree.rel_error > 0
    assert np.all(np.abs(q - q_ref) <= (tree.rel_error + 2.0 ** -23) * q_ref)


# ----------------------------------------------------------------------------- FDR on rasters

def _field(tmp_path, h, w, n, trend_box=None, rate=1.0, seed=0):
    rng = np.random.default_rng(seed)
    cube = rng.normal(size=(n, h, w))
    if trend_box is not None:
        r0, r1, c0, c1 = trend_box
        cube[:, r0:r1, c0:c1] += rate * np.arange(n)[:, None, None]
    cube = np.round(cube, 1).astype(np.float32)   # ties in the values too
    years = list(range(2001, 2001 + n))
    paths = [write_raster(tmp_path / f"x_{y}.tif", cube[i], nodata=-9999.0) for i, y in enumerate(years)]
    return paths, years, cube


def _run(tmp_path, paths, years, significance, keys=("p", "q", "trend"), alpha=0.05, budget_mb=0.02):
    out = {k: str(tmp_path / f"{k}.tif") for k in keys}
    with OutputTransaction() as tx:
        summary = trend_raster.senmk_rasters(paths, years, out, tx, NULL_MONITOR, alpha=alpha, stable_slope=0.0,
                                             budget_mb=budget_mb, significance=significance)
    return out, summary


def test_fdr_raster_matches_bh_on_the_in_memory_p(tmp_path):
    paths, years, cube = _field(tmp_path, 90, 70, 9, trend_box=(0, 30, 0, 30), rate=0.8)
    out, summary = _run(tmp_path, paths, years, "fdr")
    # budget_mb=0.02: blocks of a few rows, so equal p values fall in different blocks
    n = len(years)
    ref = mannkendall.mann_kendall(cube.reshape(n, -1).astype(np.float64), years, axis=0, min_years=4)
    p = ref["p"]
    assert np.unique(p).size < p.size / 10            # Mann–Kendall p: heavily tied
    reject, q_ref = direct_bh(p, 0.05)
    q = read_raster(out["q"], masked=False).ravel()
    np.testing.assert_array_equal(q, q_ref.astype(np.float32))
    cls = read_raster(out["trend"], masked=False).ravel()
    per_pixel = mannkendall.classify(ref["slope"], p, 0.0, 0.05)
    expected = trend_raster.apply_significance(per_pixel, reject)
    np.testing.assert_array_equal(cls, expected)
    f = summary["fdr"]
    assert f["tested_pixels"] == p.size
    assert f["significant_per_pixel"] == int(np.sum(p < 0.05))
    assert f["significant_fdr"] == int(reject.sum()) > 0
    assert f["significant_fdr"] < f["significant_per_pixel"]
    by_code = {c["code"]: c for c in summary["classes"]}
    assert by_code[1]["pixels"] + by_code[5]["pixels"] == int(reject.sum())
    assert by_code[1]["pixels_per_pixel_test"] + by_code[5]["pixels_per_pixel_test"] == int(np.sum(p < 0.05))
    # p itself is unchanged and no scratch raster is left behind
    np.testing.assert_array_equal(read_raster(out["p"], masked=False).ravel(), p.astype(np.float32))
    assert sorted(os.listdir(tmp_path)) == sorted([os.path.basename(x) for x in paths]
                                                  + [f"{k}.tif" for k in ("p", "q", "trend")]
                                                  + [f"{k}.tif.json" for k in ("p", "q", "trend")])
    multitest = pytest.importorskip("statsmodels.stats.multitest")
    sm_reject, sm_q, _, _ = multitest.multipletests(p, alpha=0.05, method="fdr_bh")
    assert np.array_equal(reject, sm_reject)
    np.testing.assert_array_equal(q, sm_q.astype(np.float32))


def test_trend_free_field_about_alpha_per_pixel_and_none_under_fdr(tmp_path):
    paths, years, _ = _field(tmp_path, 160, 150, 12, seed=5)
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    _, per_pixel = _run(tmp_path / "a", paths, years, "pixel", keys=("trend", "q"))
    _, fdr_run = _run(tmp_path / "b", paths, years, "fdr", keys=("trend",))
    m = 160 * 150
    share = per_pixel["fdr"]["significant_per_pixel"] / m
    assert 0.03 < share < 0.06          # about α = 0.05 (the discrete MK null is slightly conservative)
    sig_classes = sum(c["pixels"] for c in per_pixel["classes"] if c["code"] in (1, 5))
    assert sig_classes == per_pixel["fdr"]["significant_per_pixel"]   # SIGNIFICANCE=0 keeps the paper's classes
    assert fdr_run["fdr"]["significant_fdr"] <= 0.0005 * m           # about none
    assert sum(c["pixels"] for c in fdr_run["classes"] if c["code"] in (1, 5)) == fdr_run["fdr"]["significant_fdr"]


def test_fdr_keeps_a_real_trend_region(tmp_path):
    paths, years, _ = _field(tmp_path, 100, 100, 12, trend_box=(20, 60, 30, 70), rate=1.0, seed=9)
    out, summary = _run(tmp_path, paths, years, "fdr", keys=("trend",))
    cls = read_raster(out["trend"], masked=False)
    inside = np.zeros(cls.shape, bool)
    inside[20:60, 30:70] = True
    assert np.mean(cls[inside] == 1) > 0.95
    # BH bounds the expected share of false discoveries among the discoveries by α·m0/m: here about 4 %
    false = int(np.sum((cls[~inside] == 1) | (cls[~inside] == 5)))
    found = int(np.sum((cls == 1) | (cls == 5)))
    assert false / found < 0.08
    per_pixel_false = summary["fdr"]["significant_per_pixel"] - int(np.sum(cls[inside] == 1))
    assert false < per_pixel_false / 3


# ----------------------------------------------------------------------------- Sen-slope interval

@pytest.fixture(params=["numpy", "numba"])
def kernel(request, monkeypatch):
    if request.param == "numba":
        pytest.importorskip("numba")
        monkeypatch.setenv("RSEI_NUMBA", "1")
        assert median_numba.enabled()
    else:
        monkeypatch.setenv("RSEI_NUMBA", "0")
        assert not median_numba.enabled()
    return request.param


@pytest.mark.parametrize("alpha", [0.10, 0.05, 0.01])
def test_sen_interval_equals_scipy_theilslopes(kernel, alpha):
    rng = np.random.default_rng(4)
    for n in (5, 8, 13, 21, 30):
        t = np.cumsum(rng.integers(1, 3, n)).astype(float) + 1990   # uneven steps, no gaps
        X = rng.normal(size=(40, n)) + rng.normal(0, 0.2, (40, 1)) * t   # continuous: no ties
        res = mannkendall.mann_kendall(X, t, min_years=2, alpha=alpha, interval=True)
        for i in range(X.shape[0]):
            slope, _, low, high = scipy_stats.theilslopes(X[i], t, alpha=1 - alpha)
            assert res["slope"][i] == slope
            assert (res["slope_low"][i], res["slope_high"][i]) == (low, high), (n, i)


def test_sen_interval_hand_worked_with_ties_and_gaps(kernel):
    # t 1…6 with 3 missing, x = 1, 2, 2, 5, 3 (two tied values). Pair slopes, sorted:
    # −2, 0, 0.25, 1/3, 0.4, 0.5, 1, 1, 1, 3 (N' = 10); S = 7; Var(S) = (5·4·15 − 2·1·9)/18 = 282/18.
    # α = 0.10: C = 1.644854·√(282/18) = 6.5105, M1 = 1.745 → 2, M2 = 8.255 → 8: limits 2nd and 9th = 0 and 1.
    # α = 0.05: C = 1.959964·3.9581 = 7.7577, M1 = 1.121 → 1, M2 = 8.879 → 9: limits 1st and 10th = −2 and 3.
    t = np.arange(1.0, 7.0)
    x = np.array([1.0, 2.0, np.nan, 2.0, 5.0, 3.0])
    other = np.array([0.1, 0.5, 0.2, 0.9, 0.4, 1.3])   # another pixel in the same call, other ranks
    for alpha, (lo, hi) in ((0.10, (0.0, 1.0)), (0.05, (-2.0, 3.0))):
        res = mannkendall.mann_kendall(np.stack([x, other]), t, min_years=4, alpha=alpha, interval=True)
        assert res["slope"][0] == pytest.approx(0.45, abs=1e-15)
        assert res["s"][0] == 7 and res["var_s"][0] == pytest.approx(282 / 18)
        assert (res["slope_low"][0], res["slope_high"][0]) == (lo, hi)
        ok = ~np.isnan(x)
        _, _, s_lo, s_hi = scipy_stats.theilslopes(x[ok], t[ok], alpha=1 - alpha)
        assert (s_lo, s_hi) == (lo, hi)
        _, _, o_lo, o_hi = scipy_stats.theilslopes(other, t, alpha=1 - alpha)
        assert (res["slope_low"][1], res["slope_high"][1]) == (o_lo, o_hi)


def test_sen_interval_constant_and_short_series(kernel):
    t = np.arange(2000.0, 2006.0)
    X = np.array([[0.5] * 6, [1, np.nan, np.nan, np.nan, np.nan, 2.0], [1, 2, 3, 4, 5, 6.0]])
    res = mannkendall.mann_kendall(X, t, min_years=4, interval=True)
    assert (res["slope_low"][0], res["slope_high"][0]) == (0.0, 0.0)   # Var(S) = 0: C = 0, both limits 0
    assert np.isnan(res["slope_low"][1]) and np.isnan(res["slope_high"][1])
    assert (res["slope_low"][2], res["slope_high"][2]) == (1.0, 1.0)


# ----------------------------------------------------------------------------- numba on/off

@pytest.mark.parametrize("method", mannkendall.METHODS)
def test_numba_and_numpy_kernels_agree(monkeypatch, method):
    pytest.importorskip("numba")
    rng = np.random.default_rng(8)
    for n in (6, 17, 25):   # 25 years: the numpy path brackets the median (≥ 126 pairs)
        t = np.arange(1990.0, 1990 + n)
        X = np.round(rng.normal(size=(3000, n)) + rng.normal(0, 0.05, (3000, 1)) * np.arange(n), 1)
        X[rng.random(X.shape) < 0.1] = np.nan
        X[:5] = 0.25                                   # constant
        X[5:10, 1:] = np.nan                           # too short
        X[10, :] = -0.0
        for interval in (True, False):   # without the interval: the fused kernel (pair_stats_median)
            runs = {}
            for flag in ("0", "1"):
                monkeypatch.setenv("RSEI_NUMBA", flag)
                runs[flag] = mannkendall.mann_kendall(X, t, method=method, interval=interval, chunk=700)
            a, b = runs["0"], runs["1"]
            keys = ("slope", "s", "var_s", "tau", "n") + (("slope_low", "slope_high") if interval else ())
            for key in keys:
                np.testing.assert_array_equal(a[key], b[key], err_msg=key)
        for key in ("z", "p"):
            np.testing.assert_allclose(a[key], b[key], rtol=0, atol=1e-12, err_msg=key)
        np.testing.assert_array_equal(mannkendall.classify(a["slope"], a["p"], 0.0005, 0.05),
                                      mannkendall.classify(b["slope"], b["p"], 0.0005, 0.05))
        assert np.array_equal(np.signbit(a["slope"]), np.signbit(b["slope"]))


def test_numba_median_pair_is_the_median_of_awkward_rows(monkeypatch):
    """The compiled median's bucket path against numpy's median: heavy tails (one bucket holds most values),
    ties across bucket edges, an empty bucket between the two middle values, all equal, ±0, huge and
    infinite slopes (which fall back to quickselect), odd and even counts."""
    pytest.importorskip("numba")
    monkeypatch.setenv("RSEI_NUMBA", "1")
    assert median_numba.enabled()
    rng = np.random.default_rng(12)
    rows = [rng.standard_cauchy(300), np.round(rng.normal(size=299), 1), np.full(45, 0.7),
            np.r_[np.zeros(10), -np.zeros(10), [1.0]], np.r_[rng.normal(size=100), 1e300, -1e300],
            np.r_[rng.normal(size=50), np.inf], np.r_[np.zeros(150), np.ones(150) * 1e9],
            np.r_[-1.0, 0.0, 0.0, 1e6], np.array([3.0]), np.array([2.0, -5.0])]
    width = max(len(r) for r in rows)
    slopes = np.zeros((len(rows), width))
    for i, r in enumerate(rows):
        slopes[i, :len(r)] = rng.permutation(r)
    k = np.array([len(r) for r in rows])
    ranks = np.stack([np.maximum((k - 1) // 2, 0), k // 2], axis=1)
    got = median_numba.select(slopes.copy(), k, ranks)
    for i, r in enumerate(rows):
        srt = np.sort(r)
        assert (got[i, 0], got[i, 1]) == (srt[ranks[i, 0]], srt[ranks[i, 1]]), i


def test_numba_loader_makes_other_threads_wait(monkeypatch):
    """While the warm-up thread loads the kernel, a window asking for it waits, never taking the numpy path
    (which would make a run's windows use two kernels)."""
    import threading
    import time
    pytest.importorskip("numba")
    monkeypatch.setenv("RSEI_NUMBA", "1")
    monkeypatch.setattr(median_numba, "_TRIED", False)
    monkeypatch.setattr(median_numba, "_KERNEL", None)
    started = threading.Event()
    real = median_numba._load

    def slow_load():
        started.set()
        time.sleep(0.5)
        return real()

    monkeypatch.setattr(median_numba, "_load", slow_load)
    median_numba.warm_up()
    assert started.wait(10)
    assert median_numba.enabled()
    median_numba.warm_up()   # loaded: a no-op


def test_numba_kernel_loads_from_the_cache_in_the_next_process(tmp_path):
    """The second process finds the compiled functions in numba's cache (a function that reached other
    compiled functions through closure cells missed it in every process: 1.5 s per run)."""
    pytest.importorskip("numba")
    import subprocess
    import sys
    code = ("import json, sys; from rsei_toolbox.core.trend import median_numba as m; k = m._kernel(); "
            "print(json.dumps([sum(f.stats.cache_hits.values()) for f in k]))")
    env = dict(os.environ, NUMBA_CACHE_DIR=str(tmp_path / "cache"), PYTHONPATH=os.pathsep.join(sys.path))
    env.pop("RSEI_NUMBA", None)
    runs = [subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=300)
            for _ in range(2)]
    for r in runs:
        assert r.returncode == 0, r.stderr[-2000:]
    first, second = (json.loads(r.stdout.strip().splitlines()[-1]) for r in runs)
    assert len(first) == 3 and first == [0] * 3 and second == [1] * 3


def test_numba_cache_outside_the_source_tree():
    pytest.importorskip("numba")
    repo = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    folder = os.path.abspath(os.environ.get("NUMBA_CACHE_DIR") or median_numba.cache_dir())
    assert not folder.startswith(repo + os.sep)


# ----------------------------------------------------------------------------- the algorithms

def test_senmk_fdr_interval_outputs_through_processing(run_alg, tmp_path, monkeypatch):
    monkeypatch.setenv("RSEI_BLOCK_MB", "0.02")   # several blocks
    paths, years, cube = _field(tmp_path, 60, 50, 10, trend_box=(0, 20, 0, 25), rate=0.4, seed=3)
    out = {k: str(tmp_path / f"{k.lower()}.tif") for k in
           ("OUTPUT_P", "OUTPUT_Q", "OUTPUT_TREND", "OUTPUT_SLOPE", "OUTPUT_SLOPE_LOW", "OUTPUT_SLOPE_HIGH")}
    out["OUTPUT_TABLE"] = str(tmp_path / "areas.csv")
    res = run_alg("rsei:senmk", dict(INPUT=paths, MIN_YEARS=4, STABLE_SLOPE=0.0, ALPHA=0, SIGNIFICANCE=1, **out))
    for key in out:
        assert os.path.exists(res[key])
    ref = mannkendall.mann_kendall(cube.reshape(10, -1).astype(np.float64), years, axis=0, alpha=0.10,
                                   interval=True)
    reject, q_ref = direct_bh(ref["p"], 0.10)
    np.testing.assert_array_equal(read_raster(out["OUTPUT_Q"], masked=False).ravel(), q_ref.astype(np.float32))
    np.testing.assert_array_equal(read_raster(out["OUTPUT_SLOPE_LOW"], masked=False).ravel(),
                                  ref["slope_low"].astype(np.float32))
    np.testing.assert_array_equal(read_raster(out["OUTPUT_SLOPE_HIGH"], masked=False).ravel(),
                                  ref["slope_high"].astype(np.float32))
    lo = read_raster(out["OUTPUT_SLOPE_LOW"])
    hi = read_raster(out["OUTPUT_SLOPE_HIGH"])
    sl = read_raster(out["OUTPUT_SLOPE"])
    assert np.all(lo <= sl) and np.all(sl <= hi)
    cls = read_raster(out["OUTPUT_TREND"], masked=False).ravel()
    expected = trend_raster.apply_significance(mannkendall.classify(ref["slope"], ref["p"], 0.0, 0.10), reject)
    np.testing.assert_array_equal(cls, expected)
    with open(out["OUTPUT_TREND"] + ".json", encoding="utf-8") as fh:
        side = json.load(fh)
    assert side["significance"] == "fdr"
    assert side["fdr"]["significant_fdr"] == int(reject.sum())
    assert side["fdr"]["significant_per_pixel"] == int(np.sum(ref["p"] < 0.10))
    with open(out["OUTPUT_TABLE"], newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert sum(int(r["pixels"]) for r in rows if r["class"] in ("1", "5")) == int(reject.sum())
    assert sum(int(r["pixels_per_pixel_test"]) for r in rows if r["class"] in ("1", "5")) == \
        int(np.sum(ref["p"] < 0.10))


def test_seriestrend_interval(run_alg, tmp_path):
    rng = np.random.default_rng(1)
    t = np.arange(2000.0, 2025.0)
    x = 0.4 + 0.004 * (t - 2000) + rng.normal(0, 0.02, t.size)
    res = series.series_trend(t, x, alpha=0.05)
    _, _, lo, hi = scipy_stats.theilslopes(x, t, alpha=0.95)
    assert (res["SEN_SLOPE_LOW"], res["SEN_SLOPE_HIGH"]) == (lo, hi)
    table = tmp_path / "s.csv"
    with open(table, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["year", "rsei"])
        w.writerows([(int(a), f"{b:.17g}") for a, b in zip(t, x)])
    html = str(tmp_path / "r.html")
    out = run_alg("rsei:seriestrend", dict(INPUT=str(table), TIME_FIELD="year", VALUE_FIELD="rsei", ALPHA=2,
                                           OUTPUT_HTML=html))
    _, _, lo99, hi99 = scipy_stats.theilslopes(x, t, alpha=0.99)
    assert out["SEN_SLOPE_LOW"] == pytest.approx(lo99, rel=1e-12)
    assert out["SEN_SLOPE_HIGH"] == pytest.approx(hi99, rel=1e-12)
    assert lo99 <= lo < out["SEN_SLOPE"] < hi <= hi99
    text = open(html, encoding="utf-8").read()
    assert "lower 99% limit" in text and "upper 99% limit" in text


def test_plugin_starts_the_numba_load_when_qgis_process_runs_senmk(monkeypatch):
    """`qgis_process run rsei:senmk …`: the plugin starts loading the compiled kernel as soon as it registers
    its provider (QGIS then spends about a second on its other providers and the parameters); any other command
    line loads nothing."""
    from rsei_toolbox import plugin
    calls = []
    monkeypatch.setattr(median_numba, "warm_up", lambda: calls.append(True))
    for args, expected in ((["qgis_process.bin", "run", "rsei:senmk", "--", "INPUT=a.tif"], [True]),
                           (["qgis_process.bin", "run", "rsei:rsei", "--", "NDVI=a.tif"], []),
                           (["qgis_process.bin", "help", "rsei:senmk"], []),
                           (["qgis"], [])):
        calls.clear()
        monkeypatch.setattr(plugin.QCoreApplication, "arguments", staticmethod(lambda a=args: a))
        plugin._warm_up_for_the_command_line()
        assert calls == expected, args
