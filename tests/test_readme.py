"""The README's and docs' qgis_process examples name real parameters, and run as written."""
import os
import re

import pytest

from conftest import REPO, shared


def _examples(path):
    """(algorithm id, [parameter names]) for each ``qgis_process.bin … run rsei:x -- …`` command."""
    text = open(path, encoding="utf-8").read()
    blocks = re.findall(r"```(?:sh|bash|console|shell)?\n(.*?)```", text, re.S)
    found = []
    for block in blocks:
        joined = re.sub(r"\\\n\s*", " ", block)
        for line in joined.splitlines():
            m = re.search(r"qgis_process\.bin (?:--json )?run (rsei:\w+) -- (.*)", line)
            if m:
                names = re.findall(r"(?:^|\s)([A-Za-z_:]+)=", m.group(2))
                found.append((m.group(1), names))
    return found


def test_readme_examples_use_existing_parameters(provider):
    examples = _examples(os.path.join(REPO, "README.md"))
    assert len(examples) >= 12
    ids = {alg.id(): alg for alg in provider.algorithms()}
    for alg_id, names in examples:
        assert alg_id in ids, alg_id
        from qgis.core import QgsApplication
        alg = QgsApplication.processingRegistry().createAlgorithmById(alg_id)
        params = {p.name() for p in alg.parameterDefinitions()}
        for name in names:
            assert name in params, f"README: {alg_id} has no parameter {name}"
    # Every algorithm of the provider has an example.
    assert {a for a, _ in examples} == set(ids)


def test_docs_examples_use_existing_parameters(provider):
    from qgis.core import QgsApplication
    registry = QgsApplication.processingRegistry()
    docs = os.path.join(REPO, "docs")
    checked = 0
    for name in sorted(os.listdir(docs)):
        if not name.endswith(".md"):
            continue
        for alg_id, names in _examples(os.path.join(docs, name)):
            alg = registry.createAlgorithmById(alg_id)
            assert alg is not None, f"docs/{name}: unknown algorithm {alg_id}"
            params = {p.name() for p in alg.parameterDefinitions()}
            for param in names:
                assert param in params, f"docs/{name}: {alg_id} has no parameter {param}"
            checked += 1
    assert checked >= 10


# ----------------------------------------------------------------------------- the examples, executed
#
# Every fenced block of README.md and docs/*.md that calls qgis_process is run by bash as written (with
# `set -e -o pipefail` and aliases expanded, as in an interactive shell), in a fresh folder, with
# qgis_process.bin from PATH and the plugin enabled in a private profile. Apart from the loopback STAC API
# below, only the names of the files the examples read are replaced, through EXAMPLE_FILES below: each maps
# onto a file made from the demo data (demo/make_data.py, years 2000, 2012 and 2024, and the tools run on it) or
# onto ../shared/data. A name that a block writes (OUTPUT…=name, <child>:<output>=name) is never replaced in
# that block.
#
# The one other substitution: the rsei:landsatstac examples need a STAC API and the test machine has no internet,
# so they run against the loopback services of the STAC tests (session fixture ``stac_env``: rustac behind the
# gateway, COGs on nginx behind the gateway that is also the SAS token service; see docs/stac.md, Tests). A
# landsatstac command without CATALOG gets ``CATALOG=<loopback catalog> TOKEN_URL=<loopback token service>``
# right after its ``--`` (so it still signs its hrefs, as with Planetary Computer), and the local catalog URL
# the docs show (LOCAL_CATALOG) is replaced by the loopback catalog's. The loopback items are the demo scenes
# (a 9 × 9 km crop inside the examples' extent; years 2003, 2009 and 2012: the other years of YEARS=2000-2024
# only warn) and the shared products (elsewhere). Every block gets its own XDG_CACHE_HOME (not a change of the
# text: the STAC cache of a run lands in the block's folder, never in ~/.cache).

#: The local test catalog URL of docs/stac.md's "Another STAC API" example.
LOCAL_CATALOG = "http://127.0.0.1:7822"

#: Example file name → fixture key (see ``example_files``) or a path under ../shared/data.
EXAMPLE_FILES = {
    "~/qgis-plugins": "plugin_parent",
    "ndvi.tif": "ndvi", "wet.tif": "wet", "ndbsi.tif": "ndbsi", "lst.tif": "lst", "mndwi.tif": "mndwi",
    "water.tif": "water",                                    # MNDWI > 0 of the demo 2024 composite (0/1)
    "a/LT05_..._MTL.txt": "mtl_tm", "b/LE07_..._MTL.txt": "mtl_etm", "c/LC08_..._MTL.txt": "mtl_oli",
    "/data/a/LC08_..._MTL.txt": "mtl_oli", "/data/b/LE07_..._MTL.txt": "mtl_etm",
    "/data/c/LC08_..._MTL.txt": "mtl_oli2",
    "LC08_..._MTL.txt": "mtl_oli", "LC08_L2SP_129034_20200715_20200912_02_T1_MTL.txt": "mtl_oli",
    "/data/LC08_L2SP_129034_20200715_20200912_02_T1/LC08_L2SP_129034_20200715_20200912_02_T1_MTL.txt": "mtl_oli",
    "LC08_L2SP_017051_20151205_20200908_02_T1_MTL.txt":
        "shared:landsat-c2l2-30m/LC08_L2SP_017051_20151205_20200908_02_T1/"
        "LC08_L2SP_017051_20151205_20200908_02_T1_MTL.txt",
    "study_area.gpkg": "study_area",                         # a polygon over the middle of the demo scenes
    "composite_2000.tif": "composite_2000", "composite_2010.tif": "composite_2012",
    "composite_2020.tif": "composite_2024",
    "grades_2000.tif": "grades_2000", "grades_2024.tif": "grades_2024",
    "rsei_series/grades_2000.tif": "grades_2000", "rsei_series/grades_2020.tif": "grades_2024",
    "rsei_2024.tif": "rsei_2024",
    "rsei_$y.tif": "rsei_years",                             # rsei_2000 … rsei_2024: the nearest demo year
    "table5_rsei_series.csv": "shared:paper/table5_rsei_series.csv",
    "../shared/data/paper/table5_rsei_series.csv": "shared:paper/table5_rsei_series.csv",
    "tables10_13_mines.csv": "shared:paper/tables10_13_mines.csv",
    "clcd_2024.tif": "clcd_2024", "CLCD_v01_2024_albert.tif": "clcd_2024",
    "clcd_$y.tif": "clcd_years",                             # clcd_2000 … clcd_2024: the nearest demo year
    "mines.gpkg": "mines",                                   # the demo's mine polygons (+ production 2020)
    "rsei_2019.tif": "rsei_2019", "rsei_2020.tif": "rsei_2020",  # links named as the examples: the layer
    "precip_2019.tif": "precip_2019", "precip_2020.tif": "precip_2020",  # names are zonalseries' names
    "elevation.tif": "elevation", "aspect.tif": "aspect",    # the demo DEM on the RSEI grid, its aspect
    "eg_2024.tif": "eg_2024",
    "landcover.tif": "landcover", "slope.tif": "slope", "precipitation.tif": "precipitation",
    "nlcd2011.tif": "shared:landcover-nlcd/nlcd2011.tif",
}


def _example_blocks():
    """(source file, block text) of every fenced block that runs qgis_process."""
    import glob
    found = []
    for path in [os.path.join(REPO, "README.md")] + sorted(glob.glob(os.path.join(REPO, "docs", "*.md"))):
        text = open(path, encoding="utf-8").read()
        for block in re.findall(r"```(?:sh|bash|console|shell)?\n(.*?)```", text, re.S):
            if re.search(r"(?m)^\s*(?:qgis_process|alias qgis_process)", block):
                found.append((os.path.relpath(path, REPO), block))
    return found


def _nearest_links(folder, stem, sources):
    """Links folder/<stem>_<year>.tif for 2000…2024 to the source of the nearest demo year."""
    os.makedirs(folder, exist_ok=True)
    for y in range(2000, 2025):
        near = min(sources, key=lambda s: abs(s - y))
        os.symlink(sources[near], os.path.join(folder, f"{stem}_{y}.tif"))
    return os.path.join(folder, f"{stem}_$y.tif")


def _mines_with_production(src, dst, year):
    """The demo's mine polygons with the field ``production``: the coal production (10 kt) of the demo's
    ``production`` table in the year nearest ``year``, as the README's COPY_FIELDS=production example expects."""
    from osgeo import gdal, ogr
    gdal.VectorTranslate(dst, src, layers=["mines"])
    rows = []
    ds = ogr.Open(src)
    for f in ds.GetLayerByName("production"):
        rows.append((f.GetField("year"), f.GetField("mine_id"), f.GetField("coal_production_10kt")))
    ds = None
    near = min({r[0] for r in rows}, key=lambda y: abs(y - year))
    prod = {mid: v for y, mid, v in rows if y == near}
    out = ogr.Open(dst, 1)
    lyr = out.GetLayerByName("mines")
    lyr.CreateField(ogr.FieldDefn("production", ogr.OFTReal))
    for f in lyr:
        f.SetField("production", prod[f.GetField("mine_id")])
        lyr.SetFeature(f)
    out = None
    return dst


@pytest.fixture(scope="module")
def example_files(provider, plugin_parent, tmp_path_factory):
    """Fixture key → path of every file the examples read (made once from the demo data)."""
    import sys

    import numpy as np
    import processing
    import rasterio
    from qgis.core import QgsProcessingContext, QgsProcessingFeedback
    from rasterio.warp import Resampling, reproject

    sys.path.insert(0, os.path.join(REPO, "demo"))
    import make_data

    def run(alg, params):
        return processing.run(alg, params, context=QgsProcessingContext(), feedback=QgsProcessingFeedback())

    root = tmp_path_factory.mktemp("examples")
    data = str(root / "data")
    manifest = make_data.generate(data, (2000, 2012, 2024), log=lambda *_: None)
    fx = {"plugin_parent": plugin_parent}
    scenes = {(s["year"], s["mission"][:4]): os.path.join(data, s["mtl"]) for s in manifest["scenes"]}
    by_year = {y: [os.path.join(data, s["mtl"]) for s in manifest["scenes"] if s["year"] == y]
               for y in (2000, 2012, 2024)}
    fx["mtl_tm"] = next(p for (y, m), p in scenes.items() if m == "LT05")
    fx["mtl_etm"] = next(p for (y, m), p in scenes.items() if m == "LE07" and y == 2012)
    fx["mtl_oli"] = next(p for (y, m), p in scenes.items() if m == "LC08")
    fx["mtl_oli2"] = next(p for (y, m), p in sorted(scenes.items()) if m in ("LC08", "LC09") and p != fx["mtl_oli"])
    out = str(root / "fx")
    os.makedirs(out)
    for y in (2000, 2012, 2024):
        fx[f"composite_{y}"] = run("rsei:landsatcomposite", {"SCENES": by_year[y], "MONTHS": "6-9",
                                                             "OUTPUT": f"{out}/composite_{y}.tif"})["OUTPUT"]
    names = ("ndvi", "wet", "ndbsi", "lst", "mndwi")
    res = run("rsei:landsatindices", dict({"INPUT": fx["composite_2024"]},
                                          **{f"OUTPUT_{n.upper()}": f"{out}/{n}.tif" for n in names}))
    fx.update({n: res[f"OUTPUT_{n.upper()}"] for n in names})
    with rasterio.open(fx["mndwi"]) as ds:
        m = ds.read(1, masked=True)
        profile = dict(ds.profile, dtype="uint8", nodata=255)
        with rasterio.open(f"{out}/water.tif", "w", **profile) as dst:
            dst.write(np.where(m.mask, 255, (m.filled(0) > 0).astype("uint8")).astype("uint8"), 1)
    fx["water"] = f"{out}/water.tif"
    run("rsei:rseiseries", {"INPUT": [fx[f"composite_{y}"] for y in (2000, 2012, 2024)],
                            "OUTPUT_FOLDER": f"{out}/series"})
    for y in (2000, 2012, 2024):
        fx[f"rsei_{y}"] = f"{out}/series/rsei_{y}.tif"
        fx[f"grades_{y}"] = f"{out}/series/grades_{y}.tif"
    fx["rsei_years"] = _nearest_links(f"{out}/years", "rsei", {y: fx[f"rsei_{y}"] for y in (2000, 2012, 2024)})
    clcd = {int(y): os.path.join(data, p) for y, p in manifest["landcover"].items()}
    fx["clcd_2024"] = clcd[2024]
    fx["clcd_years"] = _nearest_links(f"{out}/years", "clcd", clcd)
    for y in (2019, 2020):
        fx[f"rsei_{y}"] = f"{out}/years/rsei_{y}.tif"
    precip = {int(y): os.path.join(data, c["precipitation"]) for y, c in manifest["climate"].items()}
    _nearest_links(f"{out}/years", "precip", precip)
    for y in (2019, 2020):
        fx[f"precip_{y}"] = f"{out}/years/precip_{y}.tif"
    fx["mines"] = _mines_with_production(os.path.join(data, manifest["mines"]), f"{out}/mines.gpkg", 2020)
    fx["eg_2024"] = run("rsei:egindex", {"INPUT": clcd[2024], "REFERENCE": fx["rsei_2024"],
                                         "OUTPUT_EG": f"{out}/eg_2024.tif"})["OUTPUT_EG"]
    with rasterio.open(fx["rsei_2024"]) as ref:
        grid = dict(ref.profile, count=1, compress="deflate")
        shape, transform, crs = (ref.height, ref.width), ref.transform, ref.crs

    def warp(src_path, dst_path, resampling, dtype, nodata):
        with rasterio.open(src_path) as src:
            arr = np.full(shape, nodata, dtype=dtype)
            reproject(rasterio.band(src, 1), arr, dst_transform=transform, dst_crs=crs, dst_nodata=nodata,
                      resampling=resampling)
        with rasterio.open(dst_path, "w", **dict(grid, dtype=dtype, nodata=nodata)) as dst:
            dst.write(arr, 1)
        return dst_path

    fx["landcover"] = warp(clcd[2024], f"{out}/landcover.tif", Resampling.nearest, "uint8", 0)
    fx["precipitation"] = warp(os.path.join(data, manifest["climate"]["2024"]["precipitation"]),
                               f"{out}/precipitation.tif", Resampling.bilinear, "float32", -9999.0)
    dem = warp(os.path.join(data, manifest["dem"]), f"{out}/elevation.tif", Resampling.bilinear, "float32",
               -9999.0)
    fx["elevation"] = dem
    with rasterio.open(dem) as ds:
        z = ds.read(1).astype(np.float64)
        gy, gx = np.gradient(z, abs(transform.e), transform.a)
        with rasterio.open(f"{out}/slope.tif", "w", **dict(grid, dtype="float32", nodata=-9999.0)) as dst:
            dst.write(np.degrees(np.arctan(np.hypot(gx, gy))).astype("float32"), 1)
        # aspect: the downslope direction clockwise from north (rows run south, so d/dnorth = -gy)
        with rasterio.open(f"{out}/aspect.tif", "w", **dict(grid, dtype="float32", nodata=-9999.0)) as dst:
            dst.write((np.degrees(np.arctan2(-gx, gy)) % 360.0).astype("float32"), 1)
    fx["slope"] = f"{out}/slope.tif"
    fx["aspect"] = f"{out}/aspect.tif"
    left, bottom, right, top = rasterio.transform.array_bounds(shape[0], shape[1], transform)
    dx, dy = (right - left) / 4, (top - bottom) / 4
    fx["study_area"] = run("native:extenttolayer", {
        "INPUT": f"{left + dx},{right - dx},{bottom + dy},{top - dy} [{crs.to_string()}]",
        "OUTPUT": f"{out}/study_area.gpkg"})["OUTPUT"]
    return fx


def _substitute(block, fx):
    """The block with the example file names it reads replaced by real files (names it writes are kept)."""
    written = set(re.findall(r"(?:^|\s)(?:OUTPUT\w*|\w+:\w+)=(\S+)", block))
    for name in sorted(EXAMPLE_FILES, key=len, reverse=True):
        if name in written:
            continue
        key = EXAMPLE_FILES[name]
        target = shared(key[len("shared:"):]) if key.startswith("shared:") else fx[key]
        block = re.sub(r"(?<=[=\s])" + re.escape(name) + r"(?=[\s;)]|$)", lambda _: str(target), block)
    return block


def _loopback_stac(block, stac_env):
    """The block with its rsei:landsatstac commands pointed at the loopback STAC services (see above)."""
    block = block.replace(LOCAL_CATALOG, stac_env.catalog.url)
    if "rsei:landsatstac" not in block or "CATALOG=" in block:
        return block
    return re.sub(r"(run rsei:landsatstac --)",
                  lambda m: f"{m.group(1)} CATALOG={stac_env.catalog.url} TOKEN_URL={stac_env.assets.url}/sas/token",
                  block)


def test_loopback_stac_substitution():
    class Env:
        class catalog:
            url = "http://127.0.0.1:1"

        class assets:
            url = "http://127.0.0.1:2"

    block = "qgis_process.bin --json run rsei:landsatstac -- \\\n  YEARS=2003 OUTPUT_FOLDER=out\n"
    assert _loopback_stac(block, Env) == (
        "qgis_process.bin --json run rsei:landsatstac -- CATALOG=http://127.0.0.1:1"
        " TOKEN_URL=http://127.0.0.1:2/sas/token \\\n  YEARS=2003 OUTPUT_FOLDER=out\n")
    local = f"qgis_process.bin run rsei:landsatstac -- CATALOG={LOCAL_CATALOG} SIGNING=1 YEARS=2003\n"
    assert _loopback_stac(local, Env) == \
        "qgis_process.bin run rsei:landsatstac -- CATALOG=http://127.0.0.1:1 SIGNING=1 YEARS=2003\n"
    assert _loopback_stac("qgis_process.bin run rsei:rsei -- NDVI=ndvi.tif\n", Env) == \
        "qgis_process.bin run rsei:rsei -- NDVI=ndvi.tif\n"
    # Every landsatstac block of the README and docs is caught by one of the two rules.
    stac_blocks = [b for _, b in _example_blocks() if "rsei:landsatstac" in b]
    assert len(stac_blocks) >= 3
    for b in stac_blocks:
        assert "CATALOG=" not in b or LOCAL_CATALOG in b, b


def test_every_qgis_process_example_runs_as_written(example_files, plugin_parent, stac_env, tmp_path):
    import concurrent.futures
    import subprocess

    blocks = _example_blocks()
    assert len(blocks) >= 25
    profile = tmp_path / "profile"
    xdg = tmp_path / "xdg"
    xdg.mkdir(mode=0o700)
    env = dict(os.environ, QGIS_PLUGINPATH=plugin_parent, QGIS_CUSTOM_CONFIG_PATH=str(profile),
               QT_QPA_PLATFORM="offscreen", XDG_RUNTIME_DIR=str(xdg))
    env.pop("PYTHONPATH", None)
    enabled = subprocess.run(["qgis_process.bin", "plugins", "enable", "rsei_toolbox"], env=env,
                             capture_output=True, text=True, timeout=300)
    assert enabled.returncode == 0, enabled.stderr

    def execute(k):
        source, block = blocks[k]
        folder = tmp_path / f"block{k:02d}"
        folder.mkdir()
        script = "set -e -o pipefail\n" + _loopback_stac(_substitute(block, example_files), stac_env)
        block_env = dict(env, XDG_CACHE_HOME=str(folder / "cache"))
        if "plugins enable" in block:  # a first-time set-up: a profile where the plugin is not enabled yet
            block_env = dict(block_env, QGIS_CUSTOM_CONFIG_PATH=str(folder / "profile"))
        res = subprocess.run(["bash", "-O", "expand_aliases", "-c", script], cwd=folder, env=block_env,
                             capture_output=True, text=True, timeout=600)
        return source, block, res

    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        runs = list(pool.map(execute, range(len(blocks))))
    failed = [f"--- {source}:\n{block}\nexit {res.returncode}\n{res.stdout[-1500:]}\n{res.stderr[-1500:]}"
              for source, block, res in runs if res.returncode != 0]
    assert not failed, "\n".join(failed)
    # The runs did what they say: e.g. the README's rsei:rsei example wrote its three outputs.
    readme_rsei = next(k for k, (s, b) in enumerate(blocks) if s == "README.md" and " MNDWI=mndwi.tif" in b)
    for name in ("rsei.tif", "grades.tif", "grade_areas.gpkg"):
        assert (tmp_path / f"block{readme_rsei:02d}" / name).exists(), name
    # The README's rsei:landsatstac example wrote the years the loopback catalog has (the demo scenes), and
    # only those, from the items, and its scene table.
    readme_stac = next(k for k, (s, b) in enumerate(blocks) if s == "README.md" and "rsei:landsatstac" in b)
    folder = tmp_path / f"block{readme_stac:02d}"
    written = sorted(f for f in os.listdir(folder / "ningdong_stac")
                     if f.startswith("composite_") and f.endswith(".tif"))
    assert written == [f"composite_{y}.tif" for y in (2003, 2009, 2012)], written
    assert (folder / "ningdong_stac" / "scenes.csv").exists()
    assert os.listdir(folder / "cache" / "rsei_toolbox" / "stac")   # the block's own cache, not ~/.cache


def test_debian_wrapper_ignores_an_empty_qgis_opts(plugin_parent, tmp_path):
    """Why the README does not say `QGIS_OPTS= qgis_process`: Debian 12's wrapper reads /etc/default/qgis again
    and passes --noversioncheck; Debian 13's wrapper strips that option for qgis_process, so there it works."""
    import shutil
    import subprocess

    wrapper = "/usr/bin/qgis_process"
    if not os.path.exists(wrapper) or "--noversioncheck" not in open("/etc/default/qgis").read():
        pytest.skip("no Debian qgis_process wrapper with --noversioncheck here")
    fixed = "s/--noversioncheck//" in open(wrapper).read()  # Debian 13 (trixie) and later
    assert shutil.which("qgis_process.bin")
    xdg = tmp_path / "xdg"
    xdg.mkdir(mode=0o700)
    env = dict(os.environ, QGIS_OPTS="", QGIS_PLUGINPATH=plugin_parent, QT_QPA_PLATFORM="offscreen",
               QGIS_CUSTOM_CONFIG_PATH=str(tmp_path / "profile"), XDG_RUNTIME_DIR=str(xdg))
    res = subprocess.run([wrapper, "list"], env=env, capture_output=True, text=True, timeout=300)
    if fixed:
        assert res.returncode == 0 and "Available algorithms" in res.stdout
        assert "Command --noversioncheck not known!" not in res.stdout + res.stderr
    else:
        assert "Command --noversioncheck not known!" in res.stdout + res.stderr
        assert "rsei:" not in res.stdout
