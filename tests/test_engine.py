"""core.engine: windows on an executor, partial results in window order, identical outputs everywhere.

Every engine algorithm is run three times on the same inputs — on one thread (RSEI_THREADS=1),
on the default thread pool and on a real Dask ``distributed.LocalCluster`` (2 worker processes,
TCP on 127.0.0.1, started here) — and every output must be the same: the bytes of every band
of every raster, the sidecar statistics, the tables and the numeric outputs. A small memory
budget (RSEI_BLOCK_MB) makes every run walk many windows, so the order of completion varies.
Then: a worker killed during a run (the task is rerun, the output is identical), the whole
cluster gone (a clear error, no output), cancel during a cluster run (nothing left behind),
and the package upload that gives workers without the toolbox its core.
"""
import glob
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import threading
import time

import numpy as np
import pytest

from conftest import REPO, shared, write_raster

T30 = (30.0, 0.0, 500000.0, 0.0, -30.0, 4000000.0)
UTM = "EPSG:32633"
#: Small budget: many windows even on these small rasters.
BUDGET_MB = "1.5"


# ----------------------------------------------------------------------------- the mechanism

def _window(col, row, w, h):
    import rasterio
    return rasterio.windows.Window(col, row, w, h)


def _slow_task(delays, window):
    time.sleep(delays[int(window.row_off)])
    return int(window.row_off), threading.get_ident()


def test_results_come_in_window_order_whatever_the_completion_order(monkeypatch):
    from rsei_toolbox.core import engine
    windows = [_window(0, r, 10, 1) for r in range(40)]
    rng = random.Random(3)
    delays = {r: rng.uniform(0.0, 0.02) for r in range(40)}
    for threads in (1, 4):
        with engine.session(threads=threads):
            with engine.ordered(engine.bind(_slow_task, delays), windows) as parts:
                got = list(parts)
        assert [w.row_off for w, _ in got] == list(range(40))
        assert [r for _, (r, _) in got] == list(range(40))
        idents = {t for _, (_, t) in got}
        if threads == 1:
            assert idents == {threading.get_ident()}   # inline on the calling thread
        else:
            assert threading.get_ident() not in idents and len(idents) > 1


def test_in_flight_windows_are_bounded():
    from rsei_toolbox.core import engine
    lock = threading.Lock()
    state = {"submitted": 0, "consumed": 0, "most": 0}

    def task(window):
        with lock:
            state["submitted"] += 1
            state["most"] = max(state["most"], state["submitted"] - state["consumed"])
        time.sleep(0.002)
        return window.row_off

    with engine.session(threads=3):
        with engine.ordered(task, [_window(0, r, 1, 1) for r in range(60)]) as parts:
            for _ in parts:
                time.sleep(0.004)   # a slow consumer: the workers must wait, not run ahead
                state["consumed"] += 1
    assert state["most"] <= 3 + 1


def test_rsei_threads_environment(monkeypatch):
    from rsei_toolbox.core import engine
    from rsei_toolbox.core.errors import CoreError
    monkeypatch.delenv("RSEI_THREADS", raising=False)
    assert engine.thread_count() == os.cpu_count()
    monkeypatch.setenv("RSEI_THREADS", "3")
    assert engine.thread_count() == 3 and engine.current().workers == 3
    monkeypatch.setenv("RSEI_THREADS", "0")
    with pytest.raises(CoreError, match="RSEI_THREADS must be a whole number"):
        engine.thread_count()


def test_a_task_error_ends_the_run_with_that_error():
    from rsei_toolbox.core import engine
    from rsei_toolbox.core.errors import CoreError

    def task(window):
        if window.row_off == 7:
            raise CoreError("window 7 failed")
        return window.row_off

    with engine.session(threads=2):
        with pytest.raises(CoreError, match="window 7 failed"):
            with engine.ordered(task, [_window(0, r, 1, 1) for r in range(20)]) as parts:
                list(parts)


def test_tile_windows_follow_the_input_tiles(tmp_path):
    import rasterio
    from rsei_toolbox.core.raster import RasterReader, tile_windows
    path = str(tmp_path / "t512.tif")
    with rasterio.open(path, "w", driver="GTiff", width=1300, height=1100, count=1, dtype="float32",
                       tiled=True, blockxsize=512, blockysize=512, crs=UTM,
                       transform=rasterio.Affine(*T30)) as ds:
        ds.write(np.zeros((1, 1100, 1300), dtype="float32"))
    with RasterReader(path, "IN") as r:
        wins = tile_windows(r.grid, 200, [r], budget_mb=64)
        # whole 512-row tile rows, whole 512-column tiles, covering the grid once
        assert {int(w.row_off) % 512 for w in wins} == {0}
        assert all(int(w.col_off) % 512 == 0 and (int(w.width) % 512 == 0 or int(w.col_off + w.width) == 1300)
                   for w in wins)
        cover = np.zeros((1100, 1300), dtype=int)
        for w in wins:
            cover[int(w.row_off):int(w.row_off + w.height), int(w.col_off):int(w.col_off + w.width)] += 1
        assert (cover == 1).all()
        # the layout depends on the budget, never on the number of workers
        assert tile_windows(r.grid, 200, [r], budget_mb=64) == wins


def test_reader_has_one_handle_per_thread_and_pickles_as_its_path(tmp_path):
    import pickle
    from rsei_toolbox.core.raster import RasterReader
    path = write_raster(tmp_path / "a.tif", np.arange(12, dtype="float32").reshape(3, 4), transform=T30, crs=UTM)
    r = RasterReader(path, "A")
    handles = []
    t = threading.Thread(target=lambda: handles.append((r.ds, r.read().sum())))
    t.start()
    t.join()
    assert handles[0][0] is not r.ds and handles[0][1] == 66
    clone = pickle.loads(pickle.dumps(r))
    assert clone.read().sum() == 66 and clone.grid == r.grid
    r.close()
    clone.close()


# ----------------------------------------------------------------------------- the cluster

@pytest.fixture(scope="module")
def cluster():
    """A real LocalCluster: 2 worker processes (1 thread each), TCP on 127.0.0.1, closed after the module."""
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:
        pytest.fail(f"the Dask tests need Debian's python3-distributed (make setup installs it): {exc}")
    try:
        c = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                         dashboard_address=None, protocol="tcp://", silence_logs=50)
        client = Client(c, timeout=60)
        client.wait_for_workers(2, timeout=60)
    except Exception as exc:  # noqa: BLE001
        pytest.fail(f"a Dask LocalCluster of 2 worker processes on 127.0.0.1 could not be started: {exc}")
    assert c.scheduler_address.startswith("tcp://127.0.0.1:")
    yield c, client
    client.close()
    c.close()


def _raster_content(path):
    import rasterio
    with rasterio.open(path) as ds:
        return (ds.count, ds.dtypes, ds.nodatavals, tuple(ds.transform), ds.width, ds.height,
                [ds.read(b).tobytes() for b in range(1, ds.count + 1)], ds.descriptions)


def _table_content(path):
    from osgeo import ogr
    ds = ogr.Open(path)
    rows = []
    for i in range(ds.GetLayerCount()):
        layer = ds.GetLayer(i)
        for f in layer:
            rows.append(tuple(f.GetField(k) for k in range(f.GetFieldCount())))
    return rows


def _sidecar(path):
    with open(path, encoding="utf-8") as fh:
        d = json.load(fh)
    for k in ("created_utc", "parameters", "output"):
        d.pop(k, None)
    return d


def _outputs(folder):
    """Everything a run wrote, by file name: raster content, sidecar statistics, table rows."""
    out = {}
    for path in sorted(glob.glob(os.path.join(folder, "**", "*"), recursive=True)):
        name = os.path.relpath(path, folder)
        if os.path.isdir(path) or name.endswith((".aux.xml", ".html", ".png")):
            continue
        if name.endswith(".tif"):
            out[name] = _raster_content(path)
        elif name.endswith(".json"):
            out[name] = _sidecar(path)
        elif name.endswith((".gpkg", ".csv")):
            out[name] = _table_content(path)
        else:
            with open(path, "rb") as fh:
                out[name] = fh.read()
    return out


def _numbers(results):
    return {k: v for k, v in results.items() if isinstance(v, (int, float)) and not isinstance(v, bool)}


def _three_runs(run_alg, monkeypatch, tmp_path, cluster, alg, make_params):
    """Run ``alg`` on one thread, on the default pool and on the cluster; return the three outputs."""
    monkeypatch.setenv("RSEI_BLOCK_MB", BUDGET_MB)
    runs = {}
    for label, threads, scheduler in (("one", "1", None), ("pool", None, None),
                                      ("dask", None, cluster[0].scheduler_address)):
        folder = tmp_path / label
        folder.mkdir(parents=True)
        if threads:
            monkeypatch.setenv("RSEI_THREADS", threads)
        else:
            monkeypatch.delenv("RSEI_THREADS", raising=False)
        params = make_params(folder)
        if scheduler:
            params["DASK_SCHEDULER"] = scheduler
        results = run_alg(alg, params)
        runs[label] = (_outputs(str(folder)), _numbers(results))
    one = runs["one"]
    assert one[0], "the run wrote nothing"
    assert any(k.endswith(".tif") for k in one[0]) or alg == "rsei:geodetectorraster"
    for label in ("pool", "dask"):
        assert sorted(runs[label][0]) == sorted(one[0]), label
        for name in one[0]:
            assert runs[label][0][name] == one[0][name], f"{alg}: {name} differs on {label}"
        assert runs[label][1] == one[1], f"{alg}: numeric outputs differ on {label}"
    return one


def _indicators(folder, h=300, w=520, seed=1, nan_frac=0.02):
    """Four correlated float32 indicator rasters (a NoData speckle), tiled 256 like the toolbox's outputs."""
    rng = np.random.default_rng(seed)
    base = rng.normal(size=(h, w))
    arrays = [0.5 + 0.2 * base + 0.05 * rng.normal(size=(h, w)),
              0.1 + 0.1 * base + 0.05 * rng.normal(size=(h, w)),
              0.3 - 0.2 * base + 0.05 * rng.normal(size=(h, w)),
              30.0 - 5.0 * base + rng.normal(size=(h, w))]
    paths = []
    for name, a in zip(("ndvi", "wet", "ndbsi", "lst"), arrays):
        a = a.astype("float32")
        a[rng.random((h, w)) < nan_frac] = np.nan
        paths.append(_tiled(os.path.join(folder, f"{name}.tif"), a))
    return paths


def _tiled(path, array, nodata=None, dtype=None):
    import rasterio
    arr = np.asarray(array)
    arr = arr[None] if arr.ndim == 2 else arr
    with rasterio.open(path, "w", driver="GTiff", width=arr.shape[2], height=arr.shape[1], count=arr.shape[0],
                       dtype=dtype or arr.dtype.name, crs=UTM, transform=rasterio.Affine(*T30), nodata=nodata,
                       tiled=True, blockxsize=256, blockysize=256) as ds:
        ds.write(arr.astype(dtype or arr.dtype))
    return str(path)


@pytest.fixture
def inputs(tmp_path_factory):
    return tmp_path_factory.mktemp("inputs")


def test_rsei_identical_everywhere(run_alg, monkeypatch, tmp_path, cluster, inputs):
    paths = _indicators(str(inputs))
    for clip in (0.0, 1.0):   # the exact covariance merge, and the percentile (histogram + collection) passes
        sub = tmp_path / f"clip{clip:g}"
        sub.mkdir()
        _three_runs(run_alg, monkeypatch, sub, cluster, "rsei:rsei", lambda f: dict(
            NDVI=paths[0], WET=paths[1], NDBSI=paths[2], LST=paths[3], CLIP_PERCENT=clip,
            OUTPUT=str(f / "rsei.tif"), OUTPUT_GRADES=str(f / "grades.tif"), OUTPUT_TABLE=str(f / "areas.gpkg")))


def test_a_scheduler_in_this_process_leaves_this_process_plugin_alone(run_alg, monkeypatch, tmp_path, cluster,
                                                                     inputs):
    """The test's LocalCluster runs its scheduler in this process. A tcp:// run against it uploads the core to
    the workers but not to that scheduler: loading the zip there re-imported the plugin's package in this very
    process from the zip (which holds only the core), and a later ``import rsei_toolbox.plugin`` failed (found
    by the Debian 13 run, whose distributed uploads to schedulers)."""
    import importlib

    import rsei_toolbox
    from rsei_toolbox.core import engine
    before = rsei_toolbox.__file__
    c, _ = cluster
    paths = _indicators(str(inputs))
    monkeypatch.setenv("RSEI_DASK_SCHEDULER", c.scheduler_address)
    run_alg("rsei:rsei", dict(NDVI=paths[0], WET=paths[1], NDBSI=paths[2], LST=paths[3],
                              OUTPUT=str(tmp_path / "rsei.tif")))
    with engine.session(c.scheduler_address) as dask_engine:
        assert dask_engine._scheduler_in_this_process()
    assert rsei_toolbox.__file__ == before and ".zip" not in rsei_toolbox.__file__
    assert importlib.import_module("rsei_toolbox.plugin").RseiToolboxPlugin


def test_rseiseries_identical_everywhere(run_alg, monkeypatch, tmp_path, cluster, inputs):
    stacks = []
    for k, year in enumerate((2001, 2005)):
        arrays = [read_float(p) for p in _indicators(str(inputs), h=260, w=300, seed=10 + k)]
        stacks.append(_tiled(os.path.join(str(inputs), f"set_{year}.tif"), np.stack(arrays)))
    _three_runs(run_alg, monkeypatch, tmp_path, cluster, "rsei:rseiseries", lambda f: dict(
        INPUT=stacks, INPUT_TYPE=1, YEARS="", FIT=1, OUTPUT_FOLDER=str(f / "years"),
        OUTPUT_TABLE=str(f / "t5.gpkg"), OUTPUT_AREAS=str(f / "areas.gpkg")))


def read_float(path):
    import rasterio
    with rasterio.open(path) as ds:
        return ds.read(1)


def test_senmk_identical_everywhere(run_alg, monkeypatch, tmp_path, cluster, inputs):
    rng = np.random.default_rng(5)
    trend = rng.normal(0, 0.01, size=(270, 300))
    paths = []
    for k, year in enumerate(range(2000, 2009)):
        a = (0.5 + trend * k + rng.normal(0, 0.02, size=trend.shape)).astype("float32")
        a[rng.random(a.shape) < 0.03] = np.nan
        paths.append(_tiled(os.path.join(str(inputs), f"rsei_{year}.tif"), a))
    outs = ("OUTPUT_SLOPE", "OUTPUT_Z", "OUTPUT_P", "OUTPUT_TREND", "OUTPUT_S", "OUTPUT_TAU", "OUTPUT_N")
    _three_runs(run_alg, monkeypatch, tmp_path / "pixel", cluster, "rsei:senmk", lambda f: dict(
        INPUT=paths, YEARS="", MIN_YEARS=4, **{o: str(f / f"{o.lower()}.tif") for o in outs},
        OUTPUT_TABLE=str(f / "classes.gpkg")))
    # The false discovery rate (p binned and the scratch raster written in the in-order merge, then the BH
    # passes) and the slope's confidence limits (computed in the window tasks).
    outs = ("OUTPUT_TREND", "OUTPUT_Q", "OUTPUT_SLOPE_LOW", "OUTPUT_SLOPE_HIGH")
    one = _three_runs(run_alg, monkeypatch, tmp_path / "fdr", cluster, "rsei:senmk", lambda f: dict(
        INPUT=paths, YEARS="", MIN_YEARS=4, SIGNIFICANCE=1, ALPHA=0.1,
        **{o: str(f / f"{o.lower()}.tif") for o in outs}, OUTPUT_TABLE=str(f / "classes.gpkg")))
    assert not any(".partial-" in name or "scratch" in name for name in one[0]), sorted(one[0])


def _landcover(folder, h=300, w=290, seed=4):
    rng = np.random.default_rng(seed)
    codes = np.array([11, 21, 22, 41, 42, 52, 71, 82, 90, 95], dtype="uint8")
    lc = codes[rng.integers(0, codes.size, size=(h // 10 + 1, w // 10 + 1))]
    lc = np.kron(lc, np.ones((10, 10), dtype="uint8"))[:h, :w]
    lc[rng.random((h, w)) < 0.05] = 0
    return _tiled(os.path.join(folder, "nlcd.tif"), lc, nodata=0)


def test_egindex_identical_everywhere_with_a_halo(run_alg, monkeypatch, tmp_path, cluster, inputs):
    lc = _landcover(str(inputs))
    _three_runs(run_alg, monkeypatch, tmp_path, cluster, "rsei:egindex", lambda f: dict(
        INPUT=lc, LOOKUP=2, WINDOW=7, OUTPUT_GRADE=str(f / "grade.tif"), OUTPUT_EG=str(f / "eg.tif"),
        OUTPUT_TABLE=str(f / "classes.gpkg")))


def test_coupling_identical_everywhere(run_alg, monkeypatch, tmp_path, cluster, inputs):
    rng = np.random.default_rng(8)
    r = rng.random((300, 280)).astype("float32")
    e = np.clip(r * 0.6 + 0.4 * rng.random(r.shape), 0, 1).astype("float32")
    r[rng.random(r.shape) < 0.02] = np.nan
    rp = _tiled(os.path.join(str(inputs), "r.tif"), r, nodata=-9999.0)
    ep = _tiled(os.path.join(str(inputs), "e.tif"), e, nodata=-9999.0)
    _three_runs(run_alg, monkeypatch, tmp_path, cluster, "rsei:coupling", lambda f: dict(
        RSEI=rp, EG=ep, CLASSIFY=1, OUTPUT=str(f / "c.tif"), OUTPUT_TABLE=str(f / "c.gpkg")))


def test_geodetectorraster_identical_everywhere(run_alg, monkeypatch, tmp_path, cluster, inputs):
    rng = np.random.default_rng(9)
    land = rng.integers(1, 5, size=(280, 300)).astype("float32")
    slope = rng.random(land.shape).astype("float32") * 30
    y = (land * 0.3 + slope * 0.02 + rng.normal(0, 0.2, size=land.shape)).astype("float32")
    y[rng.random(y.shape) < 0.02] = np.nan
    paths = [_tiled(os.path.join(str(inputs), f"{n}.tif"), a) for n, a in (("y", y), ("land", land),
                                                                             ("slope", slope))]
    _three_runs(run_alg, monkeypatch, tmp_path, cluster, "rsei:geodetectorraster", lambda f: dict(
        Y=paths[0], FACTORS=paths[1:], CATEGORICAL_FACTORS="land", METHOD=2, CLASSES=4, SAMPLE_SIZE=0,
        OUTPUT=str(f / "q.csv"), OUTPUT_INTERACTION=str(f / "i.csv"), OUTPUT_RISK=str(f / "r.csv"),
        OUTPUT_ECOLOGICAL=str(f / "e.csv"), OUTPUT_LESH=str(f / "lesh.csv")))
    # A sample with bootstrap intervals of q (the sample's passes are engine walks too).
    _three_runs(run_alg, monkeypatch, tmp_path / "sample", cluster, "rsei:geodetectorraster", lambda f: dict(
        Y=paths[0], FACTORS=paths[1:], CATEGORICAL_FACTORS="land", METHOD=2, CLASSES=4, SAMPLE_SIZE=5000,
        CONFIDENCE=1, BOOTSTRAP=49, OUTPUT=str(f / "q.csv"), OUTPUT_LESH=str(f / "lesh.csv")))


M30 = "landsat-c2l2-30m"
SCENE_A = "LC08_L2SP_218074_20190114_20200829_02_T1"
SCENE_B = "LC08_L2SP_218074_20190130_20200829_02_T1"


def test_landsat_composite_and_indices_identical_everywhere(run_alg, monkeypatch, tmp_path, cluster):
    scenes = [shared(M30, p, f"{p}_MTL.txt") for p in (SCENE_A, SCENE_B)]
    one = _three_runs(run_alg, monkeypatch, tmp_path / "c", cluster, "rsei:landsatcomposite", lambda f: dict(
        SCENES=scenes, MONTHS="1-12", OUTPUT=str(f / "comp.tif"), OUTPUT_COUNT=str(f / "count.tif")))
    assert one[0]["comp.tif"][0] >= 6
    comp = str(tmp_path / "c" / "one" / "comp.tif")
    _three_runs(run_alg, monkeypatch, tmp_path / "i", cluster, "rsei:landsatindices", lambda f: dict(
        INPUT=comp, OUTPUT_LST=None, **{o: str(f / f"{o.lower()}.tif") for o in ("OUTPUT_NDVI", "OUTPUT_WET",
                                                                                  "OUTPUT_NDBSI", "OUTPUT_MNDWI")}))
    # and the scene itself (Level 2 bands with QA)
    _three_runs(run_alg, monkeypatch, tmp_path / "s", cluster, "rsei:landsatindices", lambda f: dict(
        INPUT=scenes[0], OUTPUT_NDVI=str(f / "ndvi.tif"), OUTPUT_NDBSI=str(f / "ndbsi.tif"),
        OUTPUT_WET=None, OUTPUT_LST=None, OUTPUT_MNDWI=None))


@pytest.fixture
def cluster_dir(tmp_path):
    """A folder of its own for the run whose outputs must not appear."""
    d = tmp_path / "out"
    d.mkdir()
    return d


def _senmk_params(folder, inputs, years=12, size=(300, 300)):
    rng = np.random.default_rng(1)
    paths = []
    for k in range(years):
        a = (rng.normal(size=size) + 0.01 * k).astype("float32")
        paths.append(_tiled(os.path.join(str(inputs), f"x_{2000 + k}.tif"), a))
    return dict(INPUT=paths, YEARS="", OUTPUT_SLOPE=str(folder / "slope.tif"), OUTPUT_P=str(folder / "p.tif"),
                OUTPUT_TREND=str(folder / "trend.tif"), OUTPUT_TABLE=str(folder / "t.gpkg"))


class _Feedback:
    """A QgsProcessingFeedback that runs ``hook(percent)`` on every progress step."""

    def __new__(cls, hook):
        from qgis.core import QgsProcessingFeedback

        class FB(QgsProcessingFeedback):
            def __init__(self):
                super().__init__()
                self.steps = []

            def setProgress(self, p):  # noqa: N802 - QGIS API
                self.steps.append(p)
                hook(self, p)
                super().setProgress(p)
        return FB()


def test_worker_killed_during_a_run_retries_and_gives_the_same_output(run_alg, monkeypatch, tmp_path, cluster,
                                                                       inputs):
    c, client = cluster
    monkeypatch.setenv("RSEI_BLOCK_MB", "0.4")
    ref = tmp_path / "ref"
    ref.mkdir()
    run_alg("rsei:senmk", _senmk_params(ref, inputs))
    killed = []

    def hook(fb, p):
        if not killed and p > 20:
            pids = client.run(os.getpid)
            victim = sorted(pids.values())[0]
            os.kill(victim, signal.SIGKILL)
            killed.append(victim)

    out = tmp_path / "killed"
    out.mkdir()
    run_alg("rsei:senmk", dict(_senmk_params(out, inputs), DASK_SCHEDULER=c.scheduler_address),
            feedback=_Feedback(hook))
    assert killed, "no worker was killed"
    assert _outputs(str(out)) == _outputs(str(ref))
    client.wait_for_workers(2, timeout=60)   # the nanny restarts the worker for the next tests


def test_cancel_during_a_cluster_run_leaves_nothing(run_alg, monkeypatch, tmp_path, cluster, cluster_dir, inputs):
    from qgis.core import QgsProcessingException
    c, client = cluster
    monkeypatch.setenv("RSEI_BLOCK_MB", "0.4")

    def hook(fb, p):
        if p > 10:
            fb.cancel()

    fb = _Feedback(hook)
    with pytest.raises(QgsProcessingException):
        run_alg("rsei:senmk", dict(_senmk_params(cluster_dir, inputs), DASK_SCHEDULER=c.scheduler_address),
                feedback=fb)
    assert fb.isCanceled() and max(fb.steps) < 90
    assert os.listdir(cluster_dir) == []
    deadline = time.time() + 30   # the pending tasks were cancelled: the scheduler forgets them
    while time.time() < deadline and client.run_on_scheduler(lambda dask_scheduler: len(dask_scheduler.tasks)):
        time.sleep(0.2)
    assert client.run_on_scheduler(lambda dask_scheduler: len(dask_scheduler.tasks)) == 0


def _clean_env():
    """The environment of a process that has neither the toolbox nor QGIS on its path."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "QGIS_PREFIX_PATH")}
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


def _start(cmd, cwd):
    return subprocess.Popen(cmd, cwd=cwd, env=_clean_env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            start_new_session=True)


def _free_port():
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def external_cluster(tmp_path):
    """A scheduler and a worker in their own processes, started from a folder without the toolbox."""
    port = _free_port()
    cwd = tmp_path / "cluster"
    cwd.mkdir()
    py = "/usr/bin/python3"
    procs = [_start([py, "-m", "distributed.cli.dask_scheduler", "--host", "127.0.0.1", "--port", str(port),
                     "--no-dashboard"], cwd)]
    address = f"tcp://127.0.0.1:{port}"
    procs.append(_start([py, "-m", "distributed.cli.dask_worker", address, "--nthreads", "2", "--no-nanny",
                         "--no-dashboard", "--local-directory", str(cwd)], cwd))
    from distributed import Client
    deadline = time.time() + 60
    while True:
        try:
            with Client(address, timeout=5) as client:
                client.wait_for_workers(1, timeout=30)
                # the worker cannot import the toolbox by itself: the run must upload it
                import importlib.util
                assert client.run(importlib.util.find_spec, "rsei_toolbox") == {w: None for w in client.nthreads()}
            break
        except Exception as exc:  # noqa: BLE001
            if time.time() > deadline:
                for p in procs:
                    p.kill()
                pytest.fail(f"the scheduler + worker processes did not start: {exc}")
            time.sleep(0.5)
    yield address, procs
    for p in procs:
        if p.poll() is None:
            os.killpg(p.pid, signal.SIGKILL)
        p.wait(timeout=10)


def test_workers_get_the_core_by_upload_and_give_the_same_output(run_alg, monkeypatch, tmp_path, external_cluster,
                                                                 inputs):
    address, _ = external_cluster
    monkeypatch.setenv("RSEI_BLOCK_MB", "0.1")
    ref, out = tmp_path / "ref", tmp_path / "out"
    ref.mkdir()
    out.mkdir()
    run_alg("rsei:senmk", _senmk_params(ref, inputs, years=6, size=(200, 300)))
    run_alg("rsei:senmk", dict(_senmk_params(out, inputs, years=6, size=(200, 300)), DASK_SCHEDULER=address))
    assert _outputs(str(out)) == _outputs(str(ref))


def test_cluster_gone_is_a_clear_error_and_no_output(run_alg, monkeypatch, tmp_path, external_cluster, inputs):
    from qgis.core import QgsProcessingException
    address, procs = external_cluster
    monkeypatch.setattr("rsei_toolbox.core.engine.DASK_TIMEOUT", 5)
    monkeypatch.setenv("RSEI_BLOCK_MB", "0.4")
    out = tmp_path / "out"
    out.mkdir()

    def hook(fb, p):
        if p > 10 and procs[0].poll() is None:
            for proc in procs:
                os.killpg(proc.pid, signal.SIGKILL)

    t = time.time()
    with pytest.raises(QgsProcessingException, match="Dask cluster .* is gone"):
        run_alg("rsei:senmk", dict(_senmk_params(out, inputs), DASK_SCHEDULER=address), feedback=_Feedback(hook))
    assert time.time() - t < 120
    assert os.listdir(out) == []


def test_unreachable_scheduler_and_bad_values_are_clear_errors(run_alg, tmp_path, monkeypatch, inputs):
    from qgis.core import QgsProcessingException
    monkeypatch.setattr("rsei_toolbox.core.engine.DASK_TIMEOUT", 2)
    params = _senmk_params(tmp_path, inputs, years=4, size=(20, 20))
    with pytest.raises(QgsProcessingException, match="cannot connect to the Dask scheduler at 'tcp://127.0.0.1:1'"):
        run_alg("rsei:senmk", dict(params, DASK_SCHEDULER="tcp://127.0.0.1:1"))
    with pytest.raises(QgsProcessingException, match="neither 'tcp://host:port'"):
        run_alg("rsei:senmk", dict(params, DASK_SCHEDULER="somewhere"))
    with pytest.raises(QgsProcessingException, match="'local:N' needs a whole number"):
        run_alg("rsei:senmk", dict(params, DASK_SCHEDULER="local:x"))
    assert sorted(os.listdir(tmp_path)) == []


def test_without_distributed_the_plugin_runs_and_dask_asks_for_it(run_alg, tmp_path, monkeypatch, inputs):
    """dask/distributed are optional: threads work without them; DASK_SCHEDULER says what to install."""
    from qgis.core import QgsProcessingException
    monkeypatch.setitem(sys.modules, "distributed", None)   # import distributed → ImportError
    params = _senmk_params(tmp_path, inputs, years=4, size=(20, 20))
    run_alg("rsei:senmk", params)
    assert os.path.exists(params["OUTPUT_SLOPE"])
    for f in os.listdir(tmp_path):
        os.remove(tmp_path / f)
    with pytest.raises(QgsProcessingException, match="python3-distributed"):
        run_alg("rsei:senmk", dict(params, DASK_SCHEDULER="local:2"))
    monkeypatch.setenv("RSEI_DASK_SCHEDULER", "local:2")
    with pytest.raises(QgsProcessingException, match="pip install"):
        run_alg("rsei:senmk", params)
    assert os.listdir(tmp_path) == []


def test_local_n_cluster_for_one_run(run_alg, tmp_path, monkeypatch, inputs):
    """DASK_SCHEDULER=local:2 starts a cluster of 2 processes for the run, closes it after; same output."""
    monkeypatch.setenv("RSEI_BLOCK_MB", "0.1")
    ref, out = tmp_path / "ref", tmp_path / "out"
    ref.mkdir()
    out.mkdir()
    run_alg("rsei:senmk", _senmk_params(ref, inputs, years=5, size=(100, 300)))
    import multiprocessing
    before = threading.active_count()
    children = set(multiprocessing.active_children())   # other tests' cluster may be running
    run_alg("rsei:senmk", dict(_senmk_params(out, inputs, years=5, size=(100, 300)), DASK_SCHEDULER="local:2"))
    assert _outputs(str(out)) == _outputs(str(ref))
    deadline = time.time() + 20
    while set(multiprocessing.active_children()) - children and time.time() < deadline:
        time.sleep(0.2)
    assert not set(multiprocessing.active_children()) - children   # the run's workers are gone
    assert threading.active_count() <= before + 4


def test_package_zip_holds_an_importable_core(tmp_path):
    import zipfile
    from rsei_toolbox.core import engine
    path = engine.package_zip(str(tmp_path))
    names = zipfile.ZipFile(path).namelist()
    assert "rsei_toolbox/core/engine.py" in names and "rsei_toolbox/__init__.py" in names
    assert not any(n.startswith(("rsei_toolbox/tests", "rsei_toolbox/algorithms")) for n in names)
    code = ("import sys; sys.path.insert(0, sys.argv[1]); import rsei_toolbox.core.engine as e, "
            "rsei_toolbox.core.rsei, rsei_toolbox.core.trend.raster, rsei_toolbox.core.composite, "
            "rsei_toolbox.core.landcover, rsei_toolbox.core.coupling, rsei_toolbox.core.geodetector.raster; "
            "print(e.__file__)")
    proc = subprocess.run(["/usr/bin/python3", "-c", code, path], env=_clean_env(), cwd=str(tmp_path),
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip().startswith(path)
    assert REPO not in proc.stdout


def test_qgis_process_runs_on_a_local_cluster(qgis_process, tmp_path):
    """Through qgis_process (where sys.executable is not Python): local:2 starts workers that run the windows."""
    paths = _indicators(str(tmp_path), h=120, w=140)
    args = [f"{k}={p}" for k, p in zip(("NDVI", "WET", "NDBSI", "LST"), paths)]
    outs = {}
    for label, extra in (("threads", []), ("dask", ["DASK_SCHEDULER=local:2"])):
        out = tmp_path / f"rsei_{label}.tif"
        proc = qgis_process("--json", "run", "rsei:rsei", "--", *args, f"OUTPUT={out}", *extra, timeout=300)
        assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
        outs[label] = (_raster_content(str(out)), json.loads(proc.stdout[proc.stdout.index("{"):])["results"])
    assert "Dask LocalCluster of 2 processes" in proc.stdout
    assert outs["dask"][0] == outs["threads"][0]
    assert outs["dask"][1]["RSEI_MEAN"] == outs["threads"][1]["RSEI_MEAN"]
