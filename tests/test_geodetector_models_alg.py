"""GOZH, RGD, LESH and the bootstrap interval of q through rsei:geodetector / rsei:geodetectorraster.

Oracles: the numeric core's functions (core/geodetector/models.py, tested against exhaustive searches and PyPI
geodetector 0.2 in test_gd_models.py) on the same data; q written out from its definition for explicit
resamples; the q and p printed by R ``geodetector``'s ``factor_detector`` for its example data ``CollectData``
(the same 185 rows ship with PyPI geodetector 0.2 as ``disease.csv``, columns renamed: soiltype → type,
watershed → region, elevation → level), read from the reference venv .venv-gdref.
"""
import csv
import glob
import json
import os

import numpy as np
import pytest

from conftest import REPO, write_raster  # noqa: F401
from rsei_toolbox.core.geodetector import confidence as gc
from rsei_toolbox.core.geodetector import detectors as gd
from rsei_toolbox.core.geodetector import models as gm
from rsei_toolbox.core.geodetector import stratify as gs
from test_geodetector_alg import make_rasters, table

OUTS = ["OUTPUT", "OUTPUT_INTERACTION", "OUTPUT_RISK", "OUTPUT_ECOLOGICAL"]


def outs(**extra):
    return dict({n: "TEMPORARY_OUTPUT" for n in OUTS}, **extra)


def memory_table(columns, kinds=None):
    from qgis.core import QgsFeature, QgsVectorLayer
    kinds = kinds or {}
    spec = "&".join(f"field={n}:{kinds.get(n, 'double')}" for n in columns)
    layer = QgsVectorLayer(f"None?{spec}", "t", "memory")
    n = len(next(iter(columns.values())))
    feats = []
    for i in range(n):
        f = QgsFeature(layer.fields())
        f.setAttributes([v[i].item() if hasattr(v[i], "item") else v[i] for v in columns.values()])
        feats.append(f)
    layer.dataProvider().addFeatures(feats)
    assert layer.featureCount() == n
    return layer


def write_gpkg(path, layer):
    from qgis.core import QgsCoordinateTransformContext, QgsVectorFileWriter
    opts = QgsVectorFileWriter.SaveVectorOptions()
    opts.driverName = "GPKG"
    err = QgsVectorFileWriter.writeAsVectorFormatV3(layer, str(path), QgsCoordinateTransformContext(), opts)
    assert err[0] == QgsVectorFileWriter.WriterError.NoError, err
    return str(path)


def synthetic(n=400, seed=3):
    rng = np.random.default_rng(seed)
    a = rng.uniform(0, 10, n)
    b = rng.gamma(2.0, 2.0, n)
    c = rng.integers(1, 4, n).astype(float)
    y = np.where(a > 6, 2.0, 0.0) + 0.3 * np.floor(b) + 0.5 * c + rng.normal(0, 0.5, n)
    return dict(y=y, a=a, b=b, c=c)


def core_factors(data, method, kmin=3, kmax=7):
    y = data["y"]
    return [gm.gozh_factor(n, data[n], y) if method == gs.GOZH else gm.rgd_factor(n, data[n], y, kmin, kmax)[0]
            for n in ("a", "b", "c")]


@pytest.mark.parametrize("method", [gs.GOZH, gs.RGD])
def test_table_gozh_rgd_and_lesh_equal_the_core(run_alg, tmp_path, method):
    data = synthetic()
    assert gs.METHODS[method] == method and "GOZH" in gs.METHOD_LABELS[7] and "RGD" in gs.METHOD_LABELS[8]
    res = run_alg("rsei:geodetector", dict(INPUT=memory_table(data), Y_FIELD="y", X_FIELDS=["a", "b", "c"],
                                           METHOD=method, OUTPUT_LESH="TEMPORARY_OUTPUT",
                                           OUTPUT_HTML=str(tmp_path / "r.html"), **outs()))
    factors = core_factors(data, method)
    ref = gd.analyse(data["y"], factors)
    rows = {r["factor"]: r for r in table(res["OUTPUT"])}
    for fac, fr in ref.factors:
        got = rows[fac.name]
        assert got["q"] == pytest.approx(fr.q, rel=1e-12)
        assert got["p_value"] == pytest.approx(fr.p_value, rel=1e-9, abs=1e-300)
        assert got["strata"] == fr.strata == fac.size
        assert got["method"] == fac.method and got["method"].startswith("GOZH" if method == gs.GOZH else "RGD")
        assert [float(v) for v in got["breaks"].split(", ")] == pytest.approx(fac.breaks, rel=1e-5)
    assert rows["a"]["strata"] >= 2
    lesh = gm.lesh(data["y"], factors)
    lrows = {r["factor"]: r for r in table(res["OUTPUT_LESH"])}
    assert list(lrows) == ["a", "b", "c"]
    for name, theta, share in zip(lesh.names, lesh.shapley_q, lesh.share):
        assert lrows[name]["shapley_q"] == pytest.approx(theta, rel=1e-12)
        assert lrows[name]["share"] == pytest.approx(share, rel=1e-12)
    assert res["LESH_TOTAL_Q"] == pytest.approx(lesh.total_q, rel=1e-12)
    assert sum(r["shapley_q"] for r in lrows.values()) == pytest.approx(res["LESH_TOTAL_Q"], rel=1e-12)
    html = open(tmp_path / "r.html", encoding="utf-8").read()
    assert "LESH: Shapley shares" in html and html.count("<img") >= 4


def test_table_lesh_per_year_and_bootstrap_per_year(run_alg):
    data = synthetic(600, 5)
    years = np.repeat([2019.0, 2020.0, 2021.0], 200)
    layer = memory_table(dict(data, year=years))
    res = run_alg("rsei:geodetector", dict(INPUT=layer, Y_FIELD="y", X_FIELDS=["a", "b", "c"], METHOD=2, CLASSES=4,
                                           YEAR_FIELD="year", OUTPUT_LESH="TEMPORARY_OUTPUT", CONFIDENCE=1,
                                           BOOTSTRAP=199, SEED=11, **outs()))
    lrows = table(res["OUTPUT_LESH"])
    frows = table(res["OUTPUT"])
    thetas, totals, reps = [], [], {n: [] for n in "abc"}
    for g, year in enumerate([2019, 2020, 2021]):
        sel = years == year
        y = data["y"][sel]
        factors = [gs.stratify(n, data[n][sel], 2, 4, 3, 7, y) for n in "abc"]
        lesh = gm.lesh(y, factors)
        thetas.append(lesh.shapley_q)
        totals.append(lesh.total_q)
        got = {r["factor"]: r for r in lrows if r["year"] == str(year)}
        for name, theta in zip(lesh.names, lesh.shapley_q):
            assert got[name]["shapley_q"] == pytest.approx(theta, rel=1e-12)
        boot = gc.bootstrap_q(y, factors, 199, [11, g])
        for name in "abc":
            reps[name].append(boot[name])
            row, = [r for r in frows if r["year"] == str(year) and r["factor"] == name]
            assert (row["q_low"], row["q_high"]) == pytest.approx(gc.interval(boot[name]), rel=1e-12)
            assert row["q_low"] <= row["q"] <= row["q_high"]
    mean = {r["factor"]: r for r in lrows if r["year"] == "mean"}
    for j, name in enumerate("abc"):
        assert mean[name]["shapley_q"] == pytest.approx(np.mean([t[j] for t in thetas]), rel=1e-12)
        row, = [r for r in frows if r["year"] == "mean" and r["factor"] == name]
        assert (row["q_low"], row["q_high"]) == pytest.approx(gc.interval(np.mean(reps[name], axis=0)), rel=1e-12)
        assert row["q_low"] <= row["q"] <= row["q_high"]
    assert res["LESH_TOTAL_Q"] == pytest.approx(np.mean(totals), rel=1e-12)
    assert sum(r["share"] for r in mean.values()) == pytest.approx(1.0, rel=1e-12)


@pytest.mark.parametrize("method", [gs.GOZH, gs.RGD])
def test_raster_gozh_rgd_lesh_all_pixels_equal_the_core(run_alg, tmp_path, monkeypatch, method):
    monkeypatch.setenv("RSEI_BLOCK_MB", "0.05")        # many blocks
    paths, valid, arr = make_rasters(tmp_path)
    res = run_alg("rsei:geodetectorraster", dict(Y=paths["y"], FACTORS=[paths["land"], paths["slope"],
                                                                          paths["precip"]],
                                                 CATEGORICAL_FACTORS="land", METHOD=method, SAMPLE_SIZE=0,
                                                 OUTPUT_LESH="TEMPORARY_OUTPUT", **outs()))
    y = arr["y"][valid].astype(float)
    # every valid pixel fits in the 200 000-pixel fitting sample, so the tree / change points agree
    factors = [gs.stratify("land", arr["land"][valid].astype(float), method, 5, 3, 7, y, categorical=True),
               gs.stratify("slope", arr["slope"][valid].astype(float), method, 5, 3, 7, y),
               gs.stratify("precip", arr["precip"][valid].astype(float), method, 5, 3, 7, y)]
    ref = gd.analyse(y, factors)
    rows = {r["factor"]: r for r in table(res["OUTPUT"])}
    for fac, fr in ref.factors:
        assert rows[fac.name]["q"] == pytest.approx(fr.q, rel=1e-9)
        assert rows[fac.name]["strata"] == fr.strata
        assert rows[fac.name]["method"] == fac.method
    assert rows["slope"]["method"].startswith("GOZH" if method == gs.GOZH else "RGD")
    lesh = gm.lesh(y, factors)
    lrows = {r["factor"]: r for r in table(res["OUTPUT_LESH"])}
    for name, theta in zip(lesh.names, lesh.shapley_q):
        assert lrows[name]["shapley_q"] == pytest.approx(theta, rel=1e-9, abs=1e-12)
    assert res["LESH_TOTAL_Q"] == pytest.approx(lesh.total_q, rel=1e-9)


def test_raster_sample_lesh_and_bootstrap_equal_the_core(run_alg, tmp_path):
    from rsei_toolbox.core.geodetector import raster as gr
    paths, _, _ = make_rasters(tmp_path)
    params = dict(Y=paths["y"], FACTORS=[paths["land"], paths["slope"]], CATEGORICAL_FACTORS="1", METHOD=gs.GOZH,
                  SAMPLE_SIZE=3000, SEED=4, CONFIDENCE=1, BOOTSTRAP=299, OUTPUT_LESH="TEMPORARY_OUTPUT")
    res = run_alg("rsei:geodetectorraster", dict(params, **outs()))
    again = run_alg("rsei:geodetectorraster", dict(params, **outs()))
    other = run_alg("rsei:geodetectorraster", dict(params, SEED=5, **outs()))
    rows = table(res["OUTPUT"])
    assert [(r["q_low"], r["q_high"]) for r in rows] == [(r["q_low"], r["q_high"]) for r in table(again["OUTPUT"])]
    assert [r["q_low"] for r in rows] != [r["q_low"] for r in table(other["OUTPUT"])]
    run = gr.raster_geodetector(paths["y"], [paths["land"], paths["slope"]], ["land", "slope"], [0], gs.GOZH, 5, 3,
                                7, 3000, 4)
    for fac, fr in run.result.factors:
        row, = [r for r in rows if r["factor"] == fac.name]
        assert row["q"] == pytest.approx(fr.q, rel=1e-12)
        assert row["q_low"] <= row["q"] <= row["q_high"]
    # the core's sample, re-read: LESH and bootstrap of the algorithm equal the core functions on it
    reader_run = gr.raster_geodetector(paths["y"], [paths["land"], paths["slope"]], ["land", "slope"], [0], gs.GOZH,
                                       5, 3, 7, 3000, 4, lesh=True, bootstrap=299)
    lrows = {r["factor"]: r for r in table(res["OUTPUT_LESH"])}
    for name, theta in zip(reader_run.result.lesh.names, reader_run.result.lesh.shapley_q):
        assert lrows[name]["shapley_q"] == pytest.approx(theta, rel=1e-12)
    for name, reps in reader_run.result.bootstrap.items():
        row, = [r for r in rows if r["factor"] == name]
        assert (row["q_low"], row["q_high"]) == pytest.approx(gc.interval(reps), rel=1e-12)


def test_raster_bootstrap_needs_a_sample(run_alg, tmp_path):
    from qgis.core import QgsProcessingException
    paths, _, _ = make_rasters(tmp_path)
    with pytest.raises(QgsProcessingException, match="CONFIDENCE.*SAMPLE_SIZE > 0"):
        run_alg("rsei:geodetectorraster", dict(Y=paths["y"], FACTORS=[paths["slope"]], METHOD=2, SAMPLE_SIZE=0,
                                               CONFIDENCE=1, **outs()))


def test_constant_factor_refused_by_name(run_alg, tmp_path):
    from qgis.core import QgsProcessingException
    data = synthetic(100)
    data["flat"] = np.full(100, 7.0)
    for method in (gs.GOZH, gs.RGD):
        with pytest.raises(QgsProcessingException, match="Factor 'flat' is constant"):
            run_alg("rsei:geodetector", dict(INPUT=memory_table(data), Y_FIELD="y", X_FIELDS=["a", "flat"],
                                             METHOD=method, **outs()))
    flat = write_raster(tmp_path / "flat.tif", np.full((120, 90), 3.0, np.float32))
    paths, _, _ = make_rasters(tmp_path)
    with pytest.raises(QgsProcessingException, match="Factor 'flat' is constant"):
        run_alg("rsei:geodetectorraster", dict(Y=paths["y"], FACTORS=[paths["slope"], flat], METHOD=gs.GOZH,
                                               **outs()))


def test_lesh_factor_limit_is_a_clear_error(run_alg, qgis_process, tmp_path):
    from qgis.core import QgsProcessingException
    rng = np.random.default_rng(0)
    cols = {"y": rng.normal(size=40)}
    cols.update({f"f{i}": rng.integers(0, 2, 40).astype(float) for i in range(11)})
    layer = memory_table(cols)
    with pytest.raises(QgsProcessingException, match=r"OUTPUT_LESH: .*limited to 10 factors.*got 11"):
        run_alg("rsei:geodetector", dict(INPUT=layer, Y_FIELD="y", X_FIELDS=[f"f{i}" for i in range(11)],
                                         OUTPUT_LESH="TEMPORARY_OUTPUT", **outs()))
    gpkg = write_gpkg(tmp_path / "many.gpkg", layer)
    out = tmp_path / "out"
    out.mkdir()
    proc = qgis_process("run", "rsei:geodetector", "--", f"INPUT={gpkg}", "Y_FIELD=y",
                        *[f"X_FIELDS=f{i}" for i in range(11)], f"OUTPUT={out / 'q.csv'}",
                        f"OUTPUT_LESH={out / 'lesh.csv'}")
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "limited to 10 factors" in proc.stdout + proc.stderr
    assert os.listdir(out) == []          # no partial output


def test_factor_only_command_writes_one_table(qgis_process, tmp_path):
    data = synthetic(120)
    gpkg = write_gpkg(tmp_path / "t.gpkg", memory_table(data))
    out = tmp_path / "out"
    out.mkdir()
    proc = qgis_process("--json", "run", "rsei:geodetector", "--", f"INPUT={gpkg}", "Y_FIELD=y", "X_FIELDS=a",
                        f"OUTPUT={out / 'factors.gpkg'}")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    doc = json.loads(proc.stdout[proc.stdout.index("{"):])
    assert sorted(os.listdir(out)) == ["factors.gpkg"]
    for name in ("OUTPUT_INTERACTION", "OUTPUT_RISK", "OUTPUT_ECOLOGICAL", "OUTPUT_LESH"):
        assert not doc["results"].get(name)
    from qgis.core import QgsVectorLayer
    layer = QgsVectorLayer(str(out / "factors.gpkg"), "f", "ogr")
    assert layer.isValid() and len(layer.dataProvider().subLayers()) == 1
    rows = table(layer)
    fac = gs.stratify("a", data["a"], 0, 5, 3, 7, data["y"])
    assert len(rows) == 1 and rows[0]["q"] == pytest.approx(gd.analyse(data["y"], [fac]).factors[0][1].q, rel=1e-12)


def test_optional_tables_are_created_by_default_in_the_dialog(provider):
    from qgis.core import QgsApplication
    for alg_id in ("rsei:geodetector", "rsei:geodetectorraster"):
        alg = QgsApplication.processingRegistry().algorithmById(alg_id)
        for name in ("OUTPUT_INTERACTION", "OUTPUT_RISK", "OUTPUT_ECOLOGICAL"):
            p = alg.parameterDefinition(name)
            assert p.flags() & p.FlagOptional and p.createByDefault(), (alg_id, name)
        lesh = alg.parameterDefinition("OUTPUT_LESH")
        assert lesh.flags() & lesh.FlagOptional and not lesh.createByDefault()
        assert not alg.parameterDefinition("OUTPUT").flags() & lesh.FlagOptional
        assert alg.outputDefinition("LESH_TOTAL_Q") is not None
        assert "10 factors" in alg.shortHelpString() and "Li et al. 2023" in alg.shortHelpString()


# ----------------------------------------------------------------------------- bootstrap core

def test_resample_counts_are_multinomial():
    rng = np.random.default_rng(0)
    w = gc.resample_counts(rng, 50, 4000)
    assert w.shape == (4000, 50) and np.all(w.sum(axis=1) == 50)
    assert w.mean() == pytest.approx(1.0) and w.var(axis=0).mean() == pytest.approx(1 - 1 / 50, rel=0.05)


def q_direct(y, codes):
    sst = ((y - y.mean()) ** 2).sum()
    return 1 - sum(((y[codes == h] - y[codes == h].mean()) ** 2).sum() for h in np.unique(codes)) / sst


@pytest.mark.parametrize("design_bytes", [None, 0])      # BLAS path and reduceat path
def test_bootstrap_equals_q_of_explicit_resamples(monkeypatch, design_bytes):
    if design_bytes is not None:
        monkeypatch.setattr(gc, "_DESIGN_BYTES", design_bytes)
    data = synthetic(150, 9)
    y = data["y"]
    factors = [gs.stratify("a", data["a"], 2, 4, 3, 7, y), gs.stratify("c", data["c"], 0, 4, 3, 7, y)]
    reps = gc.bootstrap_q(y, factors, 60, seed=21)
    # the same resamples, drawn again with the same generator, as explicit index lists
    rng = np.random.default_rng(np.random.SeedSequence([21, 0x6264]))
    w = gc.resample_counts(rng, y.size, 60)
    for b in range(60):
        idx = np.repeat(np.arange(y.size), w[b].astype(int))
        for fac in factors:
            assert reps[fac.name][b] == pytest.approx(q_direct(y[idx], fac.codes[idx]), rel=1e-10)
    assert not np.allclose(reps["a"], reps["a"][0])


def test_bootstrap_reproducible_and_quick():
    import time
    rng = np.random.default_rng(2)
    n = 100_000
    x = rng.normal(size=n)
    y = x + rng.normal(size=n)
    fac = gs.stratify("x", x, 2, 5, 3, 7, y)
    t0 = time.perf_counter()
    r1 = gc.bootstrap_q(y, [fac], 999, seed=3)["x"]
    elapsed = time.perf_counter() - t0
    assert np.array_equal(r1, gc.bootstrap_q(y, [fac], 999, seed=3)["x"])
    assert not np.array_equal(r1[:50], gc.bootstrap_q(y, [fac], 50, seed=4)["x"])
    q = gd.analyse(y, [fac]).factors[0][1].q
    lo, hi = gc.interval(r1)
    assert lo < q < hi and hi - lo < 0.02
    assert elapsed < 20.0, f"bootstrap 999 × 1e5 took {elapsed:.1f} s"


# ----------------------------------------------------------------------------- R geodetector example data

#: R package geodetector 1.0-4, ``factor_detector("incidence", <factor>, CollectData)`` (its documentation).
R_PUBLISHED = {"type": (0.3857168, 0.3632363), "region": (0.6377737, 0.0001169904), "level": (0.6067087, 0.04080407)}


def disease_layer():
    paths = glob.glob(os.path.join(REPO, ".venv-gdref", "lib*", "python3*", "site-packages", "geodetector",
                                   "dataset", "data", "disease.csv"))
    if not paths:
        pytest.fail("reference venv .venv-gdref missing: `make test` builds it (make gdref)")
    rows = list(csv.DictReader(open(paths[0], encoding="utf-8-sig")))
    assert len(rows) == 185
    return memory_table({k: np.array([float(r[k]) for r in rows]) for k in ("incidence", "type", "region",
                                                                            "level")})


def test_r_geodetector_example_still_matches_with_bootstrap(run_alg):
    res = run_alg("rsei:geodetector", dict(INPUT=disease_layer(), Y_FIELD="incidence",
                                           X_FIELDS=["type", "region", "level"], METHOD=0, CONFIDENCE=1,
                                           BOOTSTRAP=999, SEED=1, **outs()))
    rows = {r["factor"]: r for r in table(res["OUTPUT"])}
    for name, (q, p) in R_PUBLISHED.items():
        assert rows[name]["q"] == pytest.approx(q, abs=5e-8)
        assert rows[name]["p_value"] == pytest.approx(p, rel=1e-6)
        assert rows[name]["q_low"] <= rows[name]["q"] <= rows[name]["q_high"]
        assert 0 < rows[name]["q_low"] < rows[name]["q_high"] < 1
