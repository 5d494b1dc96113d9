"""GOZH, RGD and LESH numeric core (core/geodetector/models.py).

Oracles: hand-worked cases; exhaustive search over all cuts (trees, change points); the Shapley
axioms (efficiency, symmetry, null player); PyPI ``geodetector`` 0.2.0 (GOZH, RGD, LESH) with
scikit-learn and ruptures, run in the test-only venv ``.venv-gdref`` (``make gdref``) in a
subprocess on the same data; ruptures ``Dynp`` called as gdverse's ``cpd_disc`` does. (The values
printed in gdverse's vignette for its ``ndvi`` data were reproduced once by hand; that table is on
CRAN only, out of CI's reach: see docs/geodetector.md.)
"""
import itertools
import json
import math
import os
import subprocess
import time

import numpy as np
import pytest

from rsei_toolbox.core import discretize as disc
from rsei_toolbox.core.geodetector import models as gm
from rsei_toolbox.core.geodetector import stratify as gd
from rsei_toolbox.core.errors import CoreError

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GDREF_PY = os.path.join(REPO, ".venv-gdref", "bin", "python")


def q_direct(y, strata):
    """q = 1 − Σ n_h σ_h² / (N σ²) written out (population variances, every stratum counted)."""
    y = np.asarray(y, float)
    strata = np.asarray(strata)
    ssw = sum(((y[strata == s] - y[strata == s].mean()) ** 2).sum() for s in np.unique(strata))
    return 1.0 - ssw / ((y - y.mean()) ** 2).sum()


def same_partition(a, b):
    """True when two labelings define the same strata (a one-to-one map between labels)."""
    pairs = set(zip(np.asarray(a).tolist(), np.asarray(b).tolist()))
    return len(pairs) == len(set(np.asarray(a).tolist())) == len(set(np.asarray(b).tolist()))


def cat(name, codes):
    return gd.categorical_factor(name, np.asarray(codes))


# ----------------------------------------------------------------------------- LESH

def test_lesh_hand_worked_two_factors():
    # y = 2A + B exactly; SST = 10, SSB(A) = 8, SSB(B) = 2, A∩B cells constant.
    a = [0, 0, 0, 0, 1, 1, 1, 1]
    b = [0, 0, 1, 1, 0, 0, 1, 1]
    y = [0, 0, 1, 1, 2, 2, 3, 3]
    r = gm.lesh(y, [cat("A", a), cat("B", b)])
    # v(A) = 0.8, v(B) = 0.2, v(AB) = 1; θA = ½[0.8 + (1 − 0.2)] = 0.8, θB = ½[0.2 + (1 − 0.8)] = 0.2
    assert r.v[0b01] == pytest.approx(0.8, abs=1e-14)
    assert r.v[0b10] == pytest.approx(0.2, abs=1e-14)
    assert r.total_q == pytest.approx(1.0, abs=1e-14)
    np.testing.assert_allclose(r.shapley_q, [0.8, 0.2], atol=1e-14)
    np.testing.assert_allclose(r.share, [0.8, 0.2], atol=1e-14)
    assert r.evaluations == 3


def test_lesh_hand_worked_interaction_only():
    # XOR: neither factor alone explains anything, together everything → each gets half of q = 1.
    a = [0, 0, 1, 1] * 3
    b = [0, 1, 0, 1] * 3
    y = [0, 1, 1, 0] * 3
    r = gm.lesh(y, [cat("A", a), cat("B", b)])
    assert r.v[1] == pytest.approx(0.0, abs=1e-14) and r.v[2] == pytest.approx(0.0, abs=1e-14)
    np.testing.assert_allclose(r.shapley_q, [0.5, 0.5], atol=1e-14)


def test_lesh_identical_factors_share_equally():
    rng = np.random.default_rng(3)
    s = rng.integers(0, 4, 300)
    y = s + rng.normal(size=300)
    r = gm.lesh(y, [cat(n, s) for n in "ABC"])
    q = q_direct(y, s)
    assert r.total_q == pytest.approx(q, rel=1e-12)
    np.testing.assert_allclose(r.shapley_q, [q / 3] * 3, rtol=1e-12)


@pytest.fixture(scope="module")
def six_factors():
    rng = np.random.default_rng(11)
    n = 2000
    codes = [rng.integers(0, k, n) for k in (3, 4, 5, 2, 6, 3)]
    y = codes[0] * 1.0 + 0.5 * codes[1] * codes[2] + (codes[3] == 1) * 2.0 + rng.normal(size=n)
    return y, [cat(f"X{i}", c) for i, c in enumerate(codes)]


def test_lesh_efficiency_and_v_against_direct_q(six_factors):
    y, facs = six_factors
    r = gm.lesh(y, facs)
    assert r.evaluations == 2 ** 6 - 1
    assert r.shapley_q.sum() == pytest.approx(r.total_q, rel=1e-12)
    np.testing.assert_allclose(r.share.sum(), 1.0, rtol=1e-12)
    assert np.all(r.shapley_q >= -1e-15)      # q is monotone under refinement
    for mask in (0b000001, 0b000110, 0b101010, 0b111111):
        labels = np.zeros(y.size, dtype=np.int64)
        for j in range(6):
            if mask >> j & 1:
                labels = labels * 10 + facs[j].codes
        assert r.v[mask] == pytest.approx(q_direct(y, labels), rel=1e-11), bin(mask)
    assert r.total_q == r.v[-1]


def test_lesh_invariant_to_factor_order(six_factors):
    y, facs = six_factors
    base = gm.lesh(y, facs)
    by_name = dict(zip(base.names, base.shapley_q))
    for perm in ([5, 4, 3, 2, 1, 0], [2, 0, 5, 1, 4, 3]):
        r = gm.lesh(y, [facs[i] for i in perm])
        assert r.total_q == pytest.approx(base.total_q, rel=1e-13)
        for name, th in zip(r.names, r.shapley_q):
            assert th == pytest.approx(by_name[name], rel=1e-11, abs=1e-15)


def test_lesh_null_factor_gets_zero():
    # Every record appears twice, once with N = 0 and once with N = 1: inside any cell of the
    # other factors both halves of N have identical Y, so adding N never changes q.
    rng = np.random.default_rng(5)
    a, b = rng.integers(0, 3, 400), rng.integers(0, 4, 400)
    y = a + 0.3 * b + rng.normal(size=400)
    y2, a2, b2 = np.r_[y, y], np.r_[a, a], np.r_[b, b]
    null = np.r_[np.zeros(400, int), np.ones(400, int)]
    r = gm.lesh(y2, [cat("A", a2), cat("N", null), cat("B", b2)])
    assert r.shapley_q[1] == pytest.approx(0.0, abs=1e-14)
    assert r.share[1] == pytest.approx(0.0, abs=1e-13)
    assert r.shapley_q.sum() == pytest.approx(r.total_q, rel=1e-12)


def test_lesh_too_many_factors_names_the_limit():
    rng = np.random.default_rng(0)
    y = rng.normal(size=50)
    facs = [cat(f"F{i}", rng.integers(0, 2, 50)) for i in range(11)]
    with pytest.raises(CoreError, match=r"limited to 10 factors.*got 11"):
        gm.lesh(y, facs)
    with pytest.raises(CoreError, match=r"at most 16"):
        gm.lesh(y, facs, max_factors=17)
    assert gm.lesh(y, facs, max_factors=11).evaluations == 2 ** 11 - 1


def test_lesh_constant_factor_refused_by_name():
    y = np.arange(10.0)
    with pytest.raises(CoreError, match="'flat'"):
        gm.lesh(y, [cat("A", np.arange(10) % 2), cat("flat", np.zeros(10, int))])


def test_lesh_speed_8_factors_100k():
    rng = np.random.default_rng(1)
    n = 100_000
    facs = [cat(f"X{i}", rng.integers(0, 5 + i, n)) for i in range(8)]
    y = sum(f.codes * (i + 1) for i, f in enumerate(facs)) + rng.normal(size=n) * 5
    t0 = time.perf_counter()
    r = gm.lesh(y, facs)
    elapsed = time.perf_counter() - t0
    assert r.evaluations == 255
    assert r.shapley_q.sum() == pytest.approx(r.total_q, rel=1e-12)
    assert elapsed < 15.0, f"LESH 8 factors × 100k samples took {elapsed:.1f} s"


# ----------------------------------------------------------------------------- regression tree (GOZH)

def best_cut_brute(x, y, minbucket):
    """Exhaustive: SSE after every admissible cut between distinct sorted values."""
    order = np.argsort(x, kind="stable")
    xs, ys = x[order], y[order]
    best = None
    for i in range(len(xs) - 1):
        if xs[i] == xs[i + 1] or i + 1 < minbucket or len(xs) - i - 1 < minbucket:
            continue
        sse = ((ys[:i + 1] - ys[:i + 1].mean()) ** 2).sum() + ((ys[i + 1:] - ys[i + 1:].mean()) ** 2).sum()
        if best is None or sse < best[0] - 1e-12:
            best = (sse, (xs[i] + xs[i + 1]) / 2)
    return best


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_tree_stump_is_exhaustive_best_cut(seed):
    rng = np.random.default_rng(seed)
    x = np.round(rng.uniform(0, 10, 60), 1)                 # with ties
    y = np.sin(x) + rng.normal(scale=0.3, size=60)
    tree = gm.regression_tree(y, [x], cp=0.0, minsplit=2, minbucket=4, maxdepth=1)
    sse, thr = best_cut_brute(x, y, 4)
    assert tree.n_leaves == 2
    assert tree.thresholds() == [pytest.approx(thr)]
    assert 1 - gd.q_of_codes(tree.leaves, 2, y, (y.size, (y - y.mean()).sum(), ((y - y.mean()) ** 2).sum()),
                             y.mean()) == pytest.approx(sse / ((y - y.mean()) ** 2).sum(), rel=1e-10)


def test_gozh_recovers_steps_and_breaks_classify_like_leaves():
    x = np.arange(100.0)
    y = np.where(x < 30, 1.0, np.where(x < 70, 5.0, 2.0))
    fac = gm.gozh_factor("x", x, y)
    assert fac.breaks == [0.0, 29.5, 69.5, 99.0]
    assert fac.size == 3 and fac.method.startswith("GOZH")
    tree = gm.regression_tree(y, [x])
    assert same_partition(fac.codes, tree.leaves)
    np.testing.assert_array_equal(disc.classify(x, np.array(fac.breaks)), fac.codes)


def test_tree_cp_stops_small_gains():
    # One large step (gain ≈ 0.96 of SST) and one small one (≈ 0.5 %): cp = 0.01 keeps only the large.
    x = np.arange(200.0)
    y = np.where(x < 100, 0.0, 10.0) + np.where((x >= 150), 0.8, 0.0)
    sst = ((y - y.mean()) ** 2).sum()
    small_gain = (50 * 50 / 100) * 0.8 ** 2          # SSE gain of the cut at 149.5 inside the upper half
    assert small_gain / sst < 0.01
    assert gm.regression_tree(y, [x]).thresholds() == [99.5]
    assert gm.regression_tree(y, [x], cp=small_gain / sst * 0.9).thresholds() == [99.5, 149.5]


def test_tree_minsplit_minbucket_maxdepth():
    x = np.arange(30.0)
    y = np.where(x < 3, 10.0, 0.0) + x * 0.01
    # the best cut leaves 3 samples on the left: allowed with minbucket 3, refused with 7
    assert 2.5 in gm.regression_tree(y, [x], cp=0, minbucket=3).thresholds()
    assert 2.5 not in gm.regression_tree(y, [x], cp=0, minsplit=20).thresholds()   # minbucket = round(20/3) = 7
    assert gm.regression_tree(y, [x], cp=0, minsplit=31).n_leaves == 1
    assert gm.regression_tree(y, [x], cp=0, minsplit=2, minbucket=1, maxdepth=2).n_leaves <= 4


def test_tree_categorical_orders_by_mean():
    # categories c, a | b, d by mean (1, 2 | 8, 9): the best binary split groups {a, c} vs {b, d}
    labels = np.array(list("abcd") * 10)
    means = {"a": 2.0, "b": 8.0, "c": 1.0, "d": 9.0}
    y = np.array([means[v] for v in labels]) + np.tile(np.linspace(-0.1, 0.1, 10), 4)
    tree = gm.regression_tree(y, [labels], [True], cp=0.5)
    assert tree.n_leaves == 2
    assert tree.root.left_codes == frozenset({"a", "c"})
    assert same_partition(tree.leaves, np.isin(labels, ["a", "c"]))
    assert same_partition(tree.apply([labels]), tree.leaves)


def test_tree_apply_matches_training_leaves():
    rng = np.random.default_rng(7)
    x1, x2 = rng.uniform(size=500), rng.uniform(size=500)
    y = (x1 > 0.5) * 2 + (x2 > 0.3) + rng.normal(scale=0.2, size=500)
    tree = gm.regression_tree(y, [x1, x2])
    np.testing.assert_array_equal(tree.apply([x1, x2]), tree.leaves)


def test_gozh_constant_factor_refused_by_name():
    with pytest.raises(CoreError, match="'elevation'"):
        gm.gozh_factor("elevation", np.full(30, 5.0), np.arange(30.0))
    with pytest.raises(CoreError, match="'slope'"):
        gm.rgd_factor("slope", np.full(30, 5.0), np.arange(30.0))


# ----------------------------------------------------------------------------- optimal partition (RGD)

def partition_brute(x, y, k, minsize=1):
    """Exhaustive least SSE over all ways to cut the sorted distinct values into k runs."""
    order = np.argsort(x, kind="stable")
    xs, ys = x[order], y[order]
    bounds = [i + 1 for i in range(len(xs) - 1) if xs[i] != xs[i + 1]]
    best = None
    for cuts in itertools.combinations(bounds, k - 1):
        segs = np.split(ys, cuts)
        if min(len(s) for s in segs) < minsize:
            continue
        sse = sum(((s - s.mean()) ** 2).sum() for s in segs)
        if best is None or sse < best[0] - 1e-12:
            best = (sse, [float(xs[c - 1]) for c in cuts])
    return best


@pytest.mark.parametrize("seed,k,minsize", [(0, 2, 1), (1, 3, 1), (2, 4, 1), (3, 3, 3), (4, 5, 2)])
def test_optimal_partition_is_exhaustive_optimum(seed, k, minsize):
    rng = np.random.default_rng(seed)
    x = rng.integers(0, 14, 24).astype(float)              # ties
    y = np.sin(x / 2) + rng.normal(scale=0.2, size=24)
    edges, sse = gm.optimal_partition(x, y, k, minsize)
    best_sse, best_cuts = partition_brute(x, y, k, minsize)
    assert sse == pytest.approx(best_sse, rel=1e-9, abs=1e-12)
    assert list(edges[1:-1]) == best_cuts
    assert edges[0] == x.min() and edges[-1] == x.max()


def test_optimal_partition_keeps_ties_together_and_thins_exactly():
    x = np.repeat(np.arange(10.0), 3)
    y = np.where(x < 4, 0.0, 3.0) + np.tile([0.0, 0.1, -0.1], 10)
    edges, _ = gm.optimal_partition(x, y, 2)
    assert list(edges) == [0.0, 3.0, 9.0]
    # above max_groups the cuts are restricted to group boundaries; the optimum over them is exact
    rng = np.random.default_rng(9)
    x = rng.uniform(size=400)
    y = (x > 0.5) * 1.0 + rng.normal(scale=0.1, size=400)
    e_full, sse_full = gm.optimal_partition(x, y, 3)
    e_thin, sse_thin = gm.optimal_partition(x, y, 3, max_groups=40)
    xs, ys = np.sort(x), y[np.argsort(x)]
    best = min((sum(((s - s.mean()) ** 2).sum() for s in np.split(ys, cuts)), cuts)
               for cuts in itertools.combinations(range(10, 400, 10), 2))
    assert sse_thin == pytest.approx(best[0], rel=1e-9)
    assert list(e_thin[1:-1]) == [xs[c - 1] for c in best[1]]
    assert sse_thin >= sse_full - 1e-12


def test_increase_rate_rule_hand_cases():
    # rates: −, 20 %, 3 % → k = 5 (first drop to ≤ 5 % after > 5 %)
    assert gm.increase_rate_choice([3, 4, 5, 6], [0.50, 0.60, 0.618, 0.62]) == 5
    # never above 5 % → threshold 0.5 %: rates 1 %, 0.2 % → k = 5
    assert gm.increase_rate_choice([3, 4, 5], [0.50, 0.505, 0.506]) == 5
    # always increasing fast → the k of largest q
    assert gm.increase_rate_choice([3, 4, 5], [0.2, 0.4, 0.8]) == 5


def test_rgd_factor_chooses_k_and_writes_breaks():
    rng = np.random.default_rng(4)
    x = rng.uniform(0, 100, 800)
    y = np.digitize(x, [20, 45, 80]) * 2.0 + rng.normal(scale=0.3, size=800)
    fac, tried = gm.rgd_factor("x", x, y)
    assert [t[0] for t in tried] == list(range(3, 9))
    qs = [t[1] for t in tried]
    assert all(b >= a - 1e-12 for a, b in zip(qs, qs[1:]))        # optimal partition: q non-decreasing in k
    assert fac.size == gm.increase_rate_choice(range(3, 9), qs)
    assert len(fac.breaks) == fac.size + 1
    np.testing.assert_array_equal(disc.classify(x, np.array(fac.breaks)), fac.codes)
    fixed, _ = gm.rgd_factor("x", x, y, kmin=4, kmax=4)
    assert fixed.size == 4
    for b, true in zip(fixed.breaks[1:-1], [20, 45, 80]):
        assert abs(b - true) < 2.0
    with pytest.raises(CoreError, match="CLASSES_MIN"):
        gm.rgd_factor("x", x, y, kmin=1, kmax=3)


# ----------------------------------------------------------------------------- PyPI geodetector 0.2 (reference venv)

REF_SCRIPT = r"""
import json, sys, warnings
warnings.filterwarnings("ignore")
import numpy as np, pandas as pd
import ruptures as rpt
from geodetector.extensions._gozh import GOZH, rpart_discretize
from geodetector.extensions._rgd import robust_discretize
from geodetector.extensions._lesh import shapley_decompose
from geodetector._stats import q_statistic
def run(task):
  out = {}
  y = np.array(task["y"])
  if task["kind"] == "gozh":
      df = pd.DataFrame({k: np.array(v) for k, v in task["x"].items()}); df["y"] = y
      g = GOZH(list(task["x"]), "y", max_depth=5, min_samples_leaf=5).fit(df)
      out["q"] = dict(zip(g.q_values_["variable"], g.q_values_["q_value"].astype(float)))
      out["labels"] = {k: rpart_discretize(df[k], y).tolist() for k in task["x"]}
      out["q_labels"] = {k: float(q_statistic(y, np.array(v))) for k, v in out["labels"].items()}
      out["q12"] = {p["factor_1"] + "|" + p["factor_2"]: float(p["q_12"]) for p in g.interaction_pairs_}
  elif task["kind"] == "rgd":
      x = np.array(task["x"])
      out["labels"] = robust_discretize(x, task["k"], y=y).tolist()
      # gdverse cpd_disc: ruptures Dynp, l2 cost, min_size, jump = 1, on Y ordered by X
      order = np.argsort(x)
      bk = rpt.Dynp(model="l2", min_size=1, jump=1).fit(y[order]).predict(n_bkps=task["k"] - 1)
      lab = np.empty(len(x), int); lab[order] = np.searchsorted(np.array(bk[:-1]), np.arange(len(x)), side="right")
      out["gdverse_labels"] = lab.tolist()
  elif task["kind"] == "lesh":
      df = pd.DataFrame({k: pd.Categorical(v) for k, v in task["x"].items()}); df["y"] = y
      r = shapley_decompose(df, list(task["x"]), "y", method="quantile")
      out["theta"] = dict(zip(r["variable"], r["shapley_value"].astype(float)))
  elif task["kind"] == "q":
      out["q"] = float(q_statistic(y, np.array(task["labels"])))
  return out
tasks = json.load(open(sys.argv[1]))
json.dump([run(t) for t in tasks], open(sys.argv[2], "w"))
"""


def run_ref(tmp_path, *tasks):
    """Run tasks in the reference venv (one subprocess); one result dict per task."""
    if not os.path.exists(GDREF_PY):
        pytest.fail("reference venv .venv-gdref missing: `make test` builds it (make gdref)")
    src, dst, script = tmp_path / "task.json", tmp_path / "out.json", tmp_path / "ref.py"
    src.write_text(json.dumps(list(tasks)))
    script.write_text(REF_SCRIPT)
    subprocess.run([GDREF_PY, str(script), str(src), str(dst)], check=True, cwd=tmp_path, timeout=300)
    out = json.loads(dst.read_text())
    return out if len(tasks) > 1 else out[0]


def totals(y):
    return (y.size, (y - y.mean()).sum(), ((y - y.mean()) ** 2).sum())


def test_gozh_against_pypi_geodetector(tmp_path):
    rng = np.random.default_rng(21)
    n = 600
    xs = {"a": rng.uniform(0, 10, n), "b": rng.normal(size=n), "c": rng.gamma(2.0, size=n),
          "d": rng.integers(0, 6, n).astype(float)}
    y = np.sin(xs["a"]) + (xs["b"] > 0.4) * 1.5 + 0.3 * xs["c"] + 0.5 * xs["d"] + rng.normal(scale=0.4, size=n)
    ref = run_ref(tmp_path, {"kind": "gozh", "y": y.tolist(), "x": {k: v.tolist() for k, v in xs.items()}})
    # PyPI: DecisionTreeRegressor(max_depth=5, min_samples_leaf=5) ≡ rpart rules with cp=0, minsplit=2
    params = dict(cp=0.0, minsplit=2, minbucket=5, maxdepth=5)
    limit = min(20, int(math.sqrt(n)))
    branches = set()
    for k, x in xs.items():
        fac = gm.gozh_factor(k, x, y, **params)
        assert same_partition(fac.codes, ref["labels"][k]), k
        q = gd.q_of_codes(fac.codes, fac.size, y, totals(y), y.mean())
        assert q == pytest.approx(ref["q_labels"][k], rel=1e-10)     # leaves ≥ 5 samples: no singleton rule
        # Documented PyPI difference: GOZH.q_values_ runs its GeoDetector on the leaf numbers, which it
        # discretises again (5 quantile classes) when a tree has more than min(20, √N) leaves.
        branches.add(fac.size <= limit)
        if fac.size <= limit:
            assert q == pytest.approx(ref["q"][k], rel=1e-10), k
        else:
            assert ref["q"][k] < q - 1e-6, k
    assert branches == {True, False}      # both cases met on these data (maxdepth 5: up to 32 leaves)
    for pair, q12 in ref["q12"].items():
        a, b = pair.split("|")
        tree = gm.regression_tree(y, [xs[a], xs[b]], **params)
        assert gd.q_of_codes(tree.leaves, tree.n_leaves, y, totals(y), y.mean()) == pytest.approx(q12, rel=1e-10)


def test_rgd_against_pypi_geodetector_and_ruptures(tmp_path):
    rng = np.random.default_rng(22)
    # PyPI RGD: ruptures Dynp with jump = 5 (cuts at every 5th sorted sample) and min_size 2. With the
    # factor in runs of exactly 5 tied values its candidate cuts are the run boundaries, as here.
    levels = rng.permutation(np.linspace(0, 50, 50))
    x = np.repeat(levels, 5)
    y = np.digitize(x, [12, 31, 40]) * 1.0 + rng.normal(scale=0.5, size=x.size)
    # distinct values: gdverse's call (jump = 1, min_size = 1) considers every cut, as here
    x2 = rng.uniform(0, 1, 200)
    y2 = (x2 > 0.35) * 2.0 + (x2 > 0.8) * 1.0 + rng.normal(scale=0.6, size=200)
    refs = run_ref(tmp_path, *[{"kind": "rgd", "y": y.tolist(), "x": x.tolist(), "k": k} for k in (3, 5)],
                   {"kind": "rgd", "y": y2.tolist(), "x": x2.tolist(), "k": 4})
    for k, ref in zip((3, 5), refs):
        edges, sse = gm.optimal_partition(x, y, k)
        codes = disc.classify(x, edges)
        assert same_partition(codes, ref["labels"]), k
        # gdverse (jump = 1) may cut inside a run of ties, which no break on X expresses: never worse than us
        lab = np.array(ref["gdverse_labels"])
        sse_gdverse = sum(((y[lab == g] - y[lab == g].mean()) ** 2).sum() for g in np.unique(lab))
        assert sse_gdverse <= sse + 1e-9
    codes = disc.classify(x2, gm.rgd_breaks(x2, y2, 4))
    assert same_partition(codes, refs[2]["gdverse_labels"])


def test_lesh_against_pypi_geodetector(tmp_path):
    rng = np.random.default_rng(23)
    n = 5000
    codes = {f"X{i}": rng.integers(0, k, n) for i, k in enumerate((3, 4, 2, 3, 2))}
    y = codes["X0"] + 0.7 * codes["X1"] * (codes["X2"] == 1) + 0.2 * codes["X3"] + rng.normal(size=n)
    facs = [cat(k, v) for k, v in codes.items()]
    r = gm.lesh(y, facs)
    combined = np.zeros(n, dtype=np.int64)
    for v in codes.values():
        combined = combined * 10 + v
    assert np.bincount(np.unique(combined, return_inverse=True)[1]).min() >= 2   # no singleton strata (see below)
    ref = run_ref(tmp_path, {"kind": "lesh", "y": y.tolist(), "x": {k: v.tolist() for k, v in codes.items()}})
    for name, th in zip(r.names, r.shapley_q):
        assert th == pytest.approx(ref["theta"][name], rel=1e-9, abs=1e-13)   # θ ≥ 0 here, so PyPI's clip is moot


def test_pypi_q_drops_singleton_strata(tmp_path):
    # Documented convention difference: PyPI's q_statistic removes strata of one sample (from SSW and
    # SST); the toolbox, like R geodetector, counts every stratum.
    rng = np.random.default_rng(24)
    y = rng.normal(size=40)
    labels = np.r_[np.zeros(20, int), np.ones(19, int), 2]
    ref = run_ref(tmp_path, {"kind": "q", "y": y.tolist(), "labels": labels.tolist()})
    ours = gd.q_of_codes(labels, 3, y, totals(y), y.mean())
    assert ours == pytest.approx(q_direct(y, labels), rel=1e-12)
    assert ref["q"] == pytest.approx(q_direct(y[:39], labels[:39]), rel=1e-10)
    assert abs(ref["q"] - ours) > 1e-4
