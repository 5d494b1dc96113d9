"""Geodetector core: q, p, discretisation, interaction labels, risk and ecological detectors.

Oracles: direct sums of squares written out here, scipy.stats (ncf, f, ttest_ind),
exhaustive search for Fisher–Jenks, numpy quantiles.
"""
import itertools
import math

import numpy as np
import pytest
from scipy import stats

from rsei_toolbox.core import discretize as disc
from rsei_toolbox.core.geodetector import detectors as gd
from rsei_toolbox.core.geodetector import raster as gr
from rsei_toolbox.core.geodetector import stratify as gs
from rsei_toolbox.core.errors import CoreError


def direct_q_p(y, strata):
    """q and p written out from the definitions (population variances; R geodetector's λ with var(Y, ddof=1))."""
    y = np.asarray(y, float)
    groups = [y[strata == s] for s in np.unique(strata)]
    n, L = y.size, len(groups)
    q = 1 - sum(g.size * g.var() for g in groups) / (n * y.var())
    lam = (sum(g.mean() ** 2 for g in groups) - sum(math.sqrt(g.size) * g.mean() for g in groups) ** 2 / n) \
        / y.var(ddof=1)
    f = (n - L) / (L - 1) * q / (1 - q)
    return q, stats.ncf.sf(f, L - 1, n - L, lam), lam


def factor_result(y, strata):
    fac = gs.categorical_factor("x", strata)
    return gd.factor_detector(gd.Moments.from_codes(fac.codes, np.asarray(y, float), fac.size, float(np.mean(y))))


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_q_and_p_match_direct_computation(seed):
    rng = np.random.default_rng(seed)
    strata = rng.integers(0, 5, 300)
    y = 10 + strata * 0.3 + rng.normal(size=300)
    q, p, lam = direct_q_p(y, strata)
    r = factor_result(y, strata)
    assert r.q == pytest.approx(q, rel=1e-12)
    assert r.ncp == pytest.approx(lam, rel=1e-10)
    assert r.p_value == pytest.approx(p, rel=1e-8, abs=1e-300)
    assert r.strata == 5


def test_singleton_strata_count_in_q_and_p():
    y = np.array([1.0, 2.0, 3.0, 4.0, 5.0, 9.0, 7.5])
    strata = np.array([0, 0, 1, 1, 1, 2, 3])          # strata 2 and 3 have one sample each
    q, p, _ = direct_q_p(y, strata)
    r = factor_result(y, strata)
    assert r.singletons == 2 and r.strata == 4
    assert r.q == pytest.approx(q, rel=1e-12)
    assert r.p_value == pytest.approx(p, rel=1e-8)


def test_q_is_one_and_zero_at_the_extremes():
    y = np.array([1.0, 1.0, 5.0, 5.0, 9.0, 9.0])
    r = factor_result(y, np.array([0, 0, 1, 1, 2, 2]))
    assert r.q == 1.0 and r.p_value == 0.0
    r = factor_result([1.0, 2.0, 1.0, 2.0], np.array([0, 0, 1, 1]))
    assert r.q == pytest.approx(0.0, abs=1e-15)


def test_constant_y_and_single_stratum_are_clear_errors():
    with pytest.raises(CoreError, match="constant"):
        factor_result([2.0, 2.0, 2.0], np.array([0, 1, 1]))
    fac = gs.categorical_factor("landuse", np.array([3, 3, 3, 3]))
    with pytest.raises(CoreError, match="'landuse' has a single stratum"):
        gd.analyse(np.array([1.0, 2.0, 3.0, 4.0]), [fac])


def test_ncp_is_the_published_one_not_location_invariant():
    """Adding a constant to Y leaves q unchanged but changes the published λ (and so p)."""
    rng = np.random.default_rng(3)
    strata = np.repeat([0, 1, 2], [10, 20, 30])
    y = strata * 0.2 + rng.normal(size=60)
    a, b = factor_result(y, strata), factor_result(y + 100.0, strata)
    assert a.q == pytest.approx(b.q, rel=1e-9)
    assert a.ncp != pytest.approx(b.ncp, rel=1e-3)
    assert b.ncp == pytest.approx(direct_q_p(y + 100.0, strata)[2], rel=1e-9)


# ----------------------------------------------------------------------------- discretisation

def brute_force_jenks(values, k):
    xs = np.sort(values)
    best = None
    for cuts in itertools.combinations(range(1, xs.size), k - 1):
        ssw = sum(((p - p.mean()) ** 2).sum() for p in np.split(xs, cuts))
        if best is None or ssw < best[0] - 1e-12:
            best = (ssw, [xs[c - 1] for c in cuts])
    return best


def test_jenks_textbook_clusters():
    x = np.array([1, 2, 3, 10, 11, 12, 20, 21, 22], float)
    np.testing.assert_array_equal(disc.natural_breaks(x, 3), [1, 3, 12, 22])


@pytest.mark.parametrize("seed,k", [(0, 2), (1, 3), (2, 4), (3, 5)])
def test_jenks_is_the_exact_optimum(seed, k):
    x = np.random.default_rng(seed).gamma(2.0, size=13)
    ssw, uppers = brute_force_jenks(x, k)
    fj = disc.FisherJenks(x, k)
    assert fj.ssw(k) == pytest.approx(ssw, rel=1e-10)
    np.testing.assert_allclose(fj.edges(k)[1:-1], uppers)


def test_jenks_on_distinct_values_equals_full_data():
    """Tied data: the weighted DP on distinct values gives the optimum of the full data."""
    rng = np.random.default_rng(5)
    x = rng.choice([0.5, 1.0, 1.2, 3.0, 3.1, 7.0, 7.7, 9.0], size=60)
    ssw_full = min(sum(((x[(x > lo) & (x <= hi)] - x[(x > lo) & (x <= hi)].mean()) ** 2).sum()
                       for lo, hi in zip([-np.inf] + list(c), list(c) + [np.inf]))
                   for c in itertools.combinations(np.unique(x)[:-1], 3))
    fj = disc.FisherJenks(x, 4)
    assert fj.exact
    assert fj.ssw(4) == pytest.approx(ssw_full, rel=1e-10)


def test_jenks_large_input_uses_sorted_sample():
    x = np.random.default_rng(6).normal(size=20000)
    fj = disc.FisherJenks(x, 5)
    assert not fj.exact and fj.values.size <= disc.JENKS_MAX_VALUES
    edges = fj.edges(5)
    assert edges[0] == x.min() and edges[-1] == x.max() and np.all(np.diff(edges) > 0)


def test_quantile_equal_geometric_and_sd_breaks():
    x = np.random.default_rng(7).lognormal(size=1001)
    np.testing.assert_allclose(disc.breaks(x, disc.QUANTILE, 4), np.quantile(x, [0, .25, .5, .75, 1]))
    np.testing.assert_allclose(disc.breaks(x, disc.EQUAL, 4), np.linspace(x.min(), x.max(), 5))
    g = disc.breaks(x, disc.GEOMETRIC, 4)
    ratios = g[1:] / g[:-1]
    np.testing.assert_allclose(ratios, ratios[0], rtol=1e-9)
    assert g[0] == x.min() and g[-1] == pytest.approx(x.max())
    z = np.random.default_rng(8).normal(size=5000)
    s = disc.breaks(z, disc.STDDEV, 5)   # odd k: breaks at mean ± 0.5 sd, ± 1.5 sd
    m, sd = z.mean(), z.std(ddof=1)
    np.testing.assert_allclose(s[1:-1], [m - 1.5 * sd, m - 0.5 * sd, m + 0.5 * sd, m + 1.5 * sd])
    s4 = disc.breaks(z, disc.STDDEV, 4)  # even k: mean, ± 1 sd
    np.testing.assert_allclose(s4[1:-1], [m - sd, m, m + sd])


def test_geometric_shifts_non_positive_data():
    x = np.array([-2.0, 0.0, 1.0, 5.0, 10.0])
    g = disc.geometric_interval(x, 3)
    shifted = g + 3.0    # min −2 → 1
    np.testing.assert_allclose(shifted[1:] / shifted[:-1], (13.0 ** (1 / 3)), rtol=1e-12)


def test_classify_upper_limits_inclusive_and_ties_merge():
    edges = np.array([0.0, 1.0, 2.0, 3.0])
    np.testing.assert_array_equal(disc.classify([0.0, 1.0, 1.0001, 2.0, 3.0], edges), [0, 0, 1, 1, 2])
    x = np.array([1, 1, 1, 1, 1, 1, 2, 3], float)
    assert disc.breaks(x, disc.QUANTILE, 4).size < 5   # duplicate quantiles merged


def test_optimal_keeps_the_largest_q():
    rng = np.random.default_rng(9)
    x = rng.gamma(1.5, size=400)
    y = np.sqrt(x) + 0.3 * rng.normal(size=400)
    fac, tried = gs.optimal_factor("x", x, y, 3, 6)
    assert len(tried) == 5 * 4
    best_q = max(q for _, _, q in tried)
    assert factor_result(y, fac.codes).q == pytest.approx(best_q, rel=1e-12)
    assert fac.method.startswith("optimal: ")


# ----------------------------------------------------------------------------- interaction

@pytest.mark.parametrize("q12,q1,q2,label", [
    (0.10, 0.20, 0.30, gd.WEAKEN_NONLINEAR),
    (0.25, 0.20, 0.30, gd.WEAKEN_UNI),
    (0.20, 0.20, 0.30, gd.WEAKEN_UNI),          # = min (R geodetector leaves this unlabelled → carry-over)
    (0.30, 0.20, 0.30, gd.NESTED),
    (0.30 * (1 + 5e-11), 0.20, 0.30, gd.NESTED),
    (0.40, 0.20, 0.30, gd.ENHANCE_BI),
    (0.50, 0.20, 0.30, gd.INDEPENDENT),
    (0.50 * (1 - 5e-11), 0.20, 0.30, gd.INDEPENDENT),
    (0.60, 0.20, 0.30, gd.ENHANCE_NONLINEAR),
    (0.30, 0.30, 0.00, gd.NESTED),              # = max and = sum: nested takes precedence
])
def test_interaction_types(q12, q1, q2, label):
    assert gd.interaction_type(q12, q1, q2) == label


def test_no_label_carry_over_between_pairs():
    seq = [(0.6, 0.2, 0.3), (0.2, 0.2, 0.3), (0.3, 0.2, 0.3)]
    assert [gd.interaction_type(*a) for a in seq] == [gd.ENHANCE_NONLINEAR, gd.WEAKEN_UNI, gd.NESTED]


def test_nested_factor_end_to_end():
    """X1 = X2 // 2: X2's strata nest in X1's, so q(X1∩X2) = q(X2)."""
    rng = np.random.default_rng(10)
    x2 = rng.integers(0, 6, 500)
    x1 = x2 // 2
    y = x2 * 0.4 + rng.normal(size=500)
    res = gd.analyse(y, [gs.categorical_factor("x1", x1), gs.categorical_factor("x2", x2)])
    (_, _, q12, qa, qb, label), = res.interactions
    assert q12 == pytest.approx(qb, rel=1e-12) and qb > qa
    assert label == gd.NESTED


def test_interaction_q_is_q_of_combined_strata():
    rng = np.random.default_rng(11)
    a, b = rng.integers(0, 3, 300), rng.integers(0, 4, 300)
    y = a + (a == b) * 2 + rng.normal(size=300)
    res = gd.analyse(y, [gs.categorical_factor("a", a), gs.categorical_factor("b", b)])
    q12 = direct_q_p(y, a * 10 + b)[0]
    assert res.interactions[0][2] == pytest.approx(q12, rel=1e-12)
    assert res.interactions[0][2] >= max(res.interactions[0][3:5])


# ----------------------------------------------------------------------------- risk and ecological

def test_risk_detector_is_welch_t_test():
    rng = np.random.default_rng(12)
    strata = np.repeat([0, 1, 2, 3], [15, 25, 30, 1])
    y = strata * 0.5 + rng.normal(size=strata.size) * (1 + strata)
    fac = gs.categorical_factor("x", strata)
    means, pairs = gd.risk_detector(gd.Moments.from_codes(fac.codes, y, fac.size, 3.0), fac.labels)
    assert [m[1] for m in means] == [15, 25, 30, 1]
    np.testing.assert_allclose([m[2] for m in means], [y[strata == s].mean() for s in range(4)])
    assert len(pairs) == 6
    for p in pairs:
        a, b = int(p.stratum_a), int(p.stratum_b)
        if 3 in (a, b):
            assert p.t is None and p.significant is None and "single sample" in p.note
            continue
        ref = stats.ttest_ind(y[strata == a], y[strata == b], equal_var=False)
        assert p.t == pytest.approx(ref.statistic, rel=1e-9)
        assert p.p_value == pytest.approx(ref.pvalue, rel=1e-8)
        assert p.significant == (ref.pvalue < 0.05)


def test_ecological_detector():
    rng = np.random.default_rng(13)
    a, b = rng.integers(0, 4, 200), rng.integers(0, 3, 200)
    y = a * 0.8 + rng.normal(size=200)
    res = gd.analyse(y, [gs.categorical_factor("a", a), gs.categorical_factor("b", b)])
    (_, _, e), = res.ecological
    ssw = [sum(((y[x == s] - y[x == s].mean()) ** 2).sum() for s in np.unique(x)) for x in (a, b)]
    assert e.f == pytest.approx(ssw[0] / ssw[1], rel=1e-10)
    qa, qb = res.factors[0][1].q, res.factors[1][1].q
    assert e.f == pytest.approx((1 - qa) / (1 - qb), rel=1e-10)
    p = 2 * min(stats.f.cdf(e.f, 199, 199), stats.f.sf(e.f, 199, 199))
    assert e.p_value == pytest.approx(p, rel=1e-9)
    assert (e.df_a, e.df_b) == (199, 199) and e.significant == (p < 0.05)


def test_sample_keys_reproducible_and_uniform():
    idx = np.arange(100000)
    k1, k2, k3 = gr.pixel_keys(idx, 1), gr.pixel_keys(idx, 1), gr.pixel_keys(idx, 2)
    np.testing.assert_array_equal(k1, k2)
    assert not np.array_equal(k1, k3)
    chosen = np.argsort(k1)[:10000]
    counts = np.bincount(chosen // 10000, minlength=10)     # uniform over the index range
    assert stats.chisquare(counts).pvalue > 0.001
    r1, r2 = gr.BottomK(500, 1), gr.BottomK(500, 1)
    r1.add(k1, idx[:, None].astype(float))
    for part in np.array_split(np.arange(100000), 37):
        r2.add(k1[part], idx[part, None].astype(float))
    np.testing.assert_array_equal(r1.sorted_values(), r2.sorted_values())
