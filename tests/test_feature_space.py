"""The feature-space figure (Figure 6): the block-wise 2-D histogram equals numpy.histogram2d; the reports."""
import re

import numpy as np
import pytest

from conftest import write_raster
from rsei_toolbox.core import rsei
from rsei_toolbox.core.feature_space import Histogram2D, feature_space


def test_histogram_equals_numpy_in_any_blocks():
    rng = np.random.default_rng(7)
    x = rng.uniform(-0.1, 1.1, 50_000)
    y = rng.beta(2, 5, 50_000)
    # values exactly on bin edges, on the outer edges, outside, and NaN
    x[:200] = np.linspace(0, 1, 101).repeat(2)[:200]
    y[:100] = 1.0
    y[100:150] = 0.0
    x[150:160] = np.nan
    y[160:170] = 1.0000001
    ok = np.isfinite(x) & np.isfinite(y)
    for bins in (100, (7, 13)):
        expect, xe, ye = np.histogram2d(x[ok], y[ok], bins=bins, range=((0, 1), (0, 1)))
        for parts in (1, 3, 17):
            h = Histogram2D(bins)
            for xs, ys in zip(np.array_split(x, parts), np.array_split(y, parts)):
                h.update(xs, ys)
            assert np.array_equal(h.counts, expect.astype(np.int64))
            assert np.array_equal(h.xedges, xe) and np.array_equal(h.yedges, ye)
    h = Histogram2D(4, ((-1.0, 3.0), (10.0, 20.0)))
    h.update([-1.0, 3.0, 2.999, 3.0001], [10.0, 20.0, 15.0, 15.0])
    expect, _, _ = np.histogram2d([-1.0, 3.0, 2.999, 3.0001], [10.0, 20.0, 15.0, 15.0], 4, ((-1, 3), (10, 20)))
    assert np.array_equal(h.counts, expect) and h.total == 3


def _indicators(tmp_path, n=60):
    rng = np.random.default_rng(11)
    g = rng.uniform(0, 1, (n, n))
    ndvi = 0.1 + 0.6 * g + rng.normal(0, 0.05, (n, n))
    wet = -0.2 + 0.2 * g + rng.normal(0, 0.03, (n, n))
    ndbsi = 0.3 - 0.4 * g + rng.normal(0, 0.04, (n, n))
    lst = 40 - 15 * g + rng.normal(0, 1.5, (n, n))
    ndvi[:3, :5] = np.nan
    arrays = [ndvi, wet, ndbsi, lst]
    paths = [write_raster(tmp_path / f"{k}.tif", a.astype(np.float32), nodata=np.nan)
             for k, a in zip(("ndvi", "wet", "ndbsi", "lst"), arrays)]
    return paths


def test_feature_space_of_a_fit_equals_numpy_on_the_whole_arrays(tmp_path, monkeypatch):
    paths = _indicators(tmp_path)
    source_cls = rsei.IndicatorSource
    src = source_cls(*paths)
    try:
        fit = rsei.fit([src])
        whole, excluded = src.block(None)
        pc1 = fit.pc1_block(whole)
        ok = np.isfinite(pc1) & ~excluded
        r = fit.rsei(pc1[ok])
        norm = [(whole[i][ok] - fit.lower[i]) / (fit.upper[i] - fit.lower[i]) for i in range(4)]
        monkeypatch.setenv("RSEI_BLOCK_MB", "0.002")  # blocks of a few rows
        fs = feature_space(src, fit, bins=50)
    finally:
        src.close()
    for i in range(4):
        expect, _, _ = np.histogram2d(norm[i], r, bins=50, range=((0, 1), (0, 1)))
        np.testing.assert_array_equal(fs.histograms[i].counts, expect)
        assert fs.histograms[i].total == ok.sum()
    np.testing.assert_array_equal(fs.loadings, fit.loadings)
    # NDVI rises with RSEI, LST falls: the density's weighted correlation has the sign of the loading
    for i, sign in zip(range(4), (1, 1, -1, -1)):
        assert np.sign(np.corrcoef(norm[i], r)[0, 1]) == sign == np.sign(fs.loadings[i])


def test_rsei_report_and_series_feature_space(tmp_path, run_alg):
    paths = _indicators(tmp_path)
    html = tmp_path / "rsei.html"
    res = run_alg("rsei:rsei", {"NDVI": paths[0], "WET": paths[1], "NDBSI": paths[2], "LST": paths[3],
                                "OUTPUT": str(tmp_path / "rsei.tif"), "OUTPUT_HTML": str(html)})
    assert res["OUTPUT_HTML"] == str(html)
    text = html.read_text(encoding="utf-8")
    assert "Feature space" in text and "data:image/png;base64," in text
    assert re.search(r"over 3585 pixels", text)  # 60 × 60 − 15 NoData
    # without OUTPUT_HTML no report is made
    res = run_alg("rsei:rsei", {"NDVI": paths[0], "WET": paths[1], "NDBSI": paths[2], "LST": paths[3],
                                "OUTPUT": str(tmp_path / "rsei2.tif")})
    assert "OUTPUT_HTML" not in res or not res["OUTPUT_HTML"]
    # the series: a 4-band indicator set per year
    import rasterio
    stacks = []
    for year in (2019, 2020):
        bands = [rasterio.open(p).read(1) for p in paths]
        stacks.append(write_raster(tmp_path / f"ind_{year}.tif", np.stack(bands) * (1 + 0.01 * (year - 2019)),
                                   nodata=np.nan))
    for flag in (True, False):
        page = tmp_path / f"series_{flag}.html"
        run_alg("rsei:rseiseries", {"INPUT": stacks, "INPUT_TYPE": 1, "OUTPUT_FOLDER": str(tmp_path / f"s{flag}"),
                                    "OUTPUT_HTML": str(page), "FEATURE_SPACE": flag})
        text = page.read_text(encoding="utf-8")
        assert ("Feature space" in text) == flag
        if flag:
            assert "2019: feature space" in text and "2020: feature space" in text
