"""RSEI × EG coupling (core): class edges, codes, exact terciles, tables, grids."""
import os

import numpy as np
import pytest

from conftest import REPO, read_raster, write_raster

from rsei_toolbox.core import coupling as cp
from rsei_toolbox.core import quantiles
from rsei_toolbox.core.errors import CoreError, GridMismatch
from rsei_toolbox.core.monitor import Monitor
from rsei_toolbox.core.raster import OutputTransaction

UTM = "EPSG:32648"
T30 = (30.0, 0.0, 500000.0, 0.0, -30.0, 4200000.0)


def test_equal_thirds_class_edges():
    third = 1.0 / 3.0
    tol = cp.BREAK_TOLERANCE
    v = np.array([0.0, third - 2 * tol, third, 2 * third - 2 * tol, 2 * third, 1.0, np.nan, -0.1, 1.2])
    assert cp.classify3(v, cp.EQUAL_THIRDS).tolist() == [1, 1, 2, 2, 3, 3, 0, 1, 3]
    # values within the tolerance of a break count as on it (upper class): rounding of window means
    near = np.array([np.nextafter(third, 0), np.nextafter(2 * third, 0), third - tol / 2, 2 * third - tol / 2])
    assert cp.classify3(near, cp.EQUAL_THIRDS).tolist() == [2, 3, 2, 3]
    # float32 rasters: float32(1/3) and the float32 just below it are both on the break → class 2
    f = np.array([np.float32(third), np.nextafter(np.float32(third), np.float32(0))], dtype=np.float32)
    assert cp.classify3(f, cp.EQUAL_THIRDS).tolist() == [2, 2]


def test_all_nine_codes_and_labels():
    eg = np.repeat([0.1, 0.5, 0.9], 3)
    rsei = np.tile([0.1, 0.5, 0.9], 3)
    assert cp.couple(eg, rsei).tolist() == [11, 12, 13, 21, 22, 23, 31, 32, 33]
    assert cp.couple(np.array([np.nan, 0.5]), np.array([0.5, np.nan])).tolist() == [0, 0]
    assert cp.code_label(33).startswith("33 HH: good land structure")
    assert "good condition" in cp.code_label(33)
    assert cp.code_label(11).startswith("11 LL: poor land structure") and "poor condition" in cp.code_label(11)
    assert cp.code_label(31).startswith("31 HL")


def test_style_has_every_code_with_its_label_and_colour():
    import xml.etree.ElementTree as ET
    root = ET.parse(os.path.join(REPO, "resources", "styles", "coupling.qml")).getroot()
    entries = {int(e.get("value")): e for e in root.iter("paletteEntry")}
    assert sorted(entries) == list(cp.CODES)
    for code, e in entries.items():
        assert e.get("label") == cp.code_label(code)
        assert e.get("color") == "#%02x%02x%02x" % cp._COLORS[code][:3]


@pytest.mark.parametrize("data", [
    np.random.default_rng(0).random(1001),
    np.random.default_rng(1).integers(0, 7, 5000) / 6.0,          # heavy ties (EG per pixel has 7 values)
    np.r_[np.zeros(10), np.ones(3)],
    np.array([0.4]),
    np.array([0.2, 0.7]),
])
def test_exact_quantiles_match_numpy(data):
    chunks = np.array_split(data, 7)

    def blocks():
        return iter(chunks)
    got = quantiles.exact_quantiles(blocks, (1 / 3, 2 / 3), bins=64)
    assert got == np.quantile(data, [1 / 3, 2 / 3]).tolist()  # bit for bit


def test_exact_quantiles_empty_and_constant():
    assert all(np.isnan(quantiles.exact_quantiles(lambda: iter([np.array([])]), (0.5,))))
    assert quantiles.exact_quantiles(lambda: iter([np.full(5, 0.3)]), (1 / 3, 2 / 3)) == [0.3, 0.3]


def _pair(tmp_path, rsei, eg, eg_transform=T30, eg_crs=UTM):
    r = write_raster(tmp_path / "rsei.tif", rsei.astype("float32"), transform=T30, crs=UTM, nodata=-9999)
    e = write_raster(tmp_path / "eg.tif", eg.astype("float32"), transform=eg_transform, crs=eg_crs, nodata=-9999)
    return r, e


def _run(r, e, tmp_path, **kw):
    tx = OutputTransaction()
    out = str(tmp_path / "code.tif")
    res = cp.run_coupling(r, e, out, tx, **kw)
    tx.commit()
    return res, out


def test_codes_and_table_against_direct_count(tmp_path, monkeypatch):
    rng = np.random.default_rng(4)
    rsei = rng.random((25, 18))
    eg = rng.random((25, 18))
    rsei[0, :5] = -9999
    eg[3, 3] = -9999
    monkeypatch.setenv("RSEI_BLOCK_MB", "0.001")
    r, e = _pair(tmp_path, rsei, eg)
    res, out = _run(r, e, tmp_path)
    rs32 = rsei.astype("float32").astype(float)
    eg32 = eg.astype("float32").astype(float)
    valid = (rsei != -9999) & (eg != -9999)
    expected = np.where(valid, 10 * (1 + (eg32 >= 1 / 3) + (eg32 >= 2 / 3)) + 1 + (rs32 >= 1 / 3) + (rs32 >= 2 / 3), 0)
    got = read_raster(out, masked=False)
    assert np.array_equal(got, expected)
    n = valid.sum()
    for code, _, ec, rc, pixels, area, pct in res.rows():
        assert (ec, rc) == divmod(code, 10)
        assert pixels == np.sum(expected == code)
        assert area == pytest.approx(pixels * 0.0009)
        assert pct == pytest.approx(100 * pixels / n)
    assert sum(r[6] for r in res.rows()) == pytest.approx(100)


def test_terciles_are_those_of_jointly_valid_pixels(tmp_path):
    rng = np.random.default_rng(8)
    rsei = rng.random((20, 20)) * 0.5
    eg = np.round(rng.random((20, 20)) * 6) / 6
    eg[:2] = -9999
    r, e = _pair(tmp_path, rsei, eg)
    res, out = _run(r, e, tmp_path, method="terciles")
    valid = eg != -9999
    rs = rsei.astype("float32").astype(float)[valid]
    es = eg.astype("float32").astype(float)[valid]
    assert res.rsei_breaks == pytest.approx(tuple(np.quantile(rs, [1 / 3, 2 / 3])), abs=1e-15)
    assert res.eg_breaks == pytest.approx(tuple(np.quantile(es, [1 / 3, 2 / 3])), abs=1e-15)
    counts = [sum(res.pixels[c] for c in cp.CODES if c % 10 == k) for k in (1, 2, 3)]
    assert all(abs(c - valid.sum() / 3) <= 1 for c in counts)  # continuous data: thirds of the pixels


def test_manual_breaks_and_their_validation(tmp_path):
    rsei = np.array([[0.1, 0.25, 0.5, 0.9]])
    eg = np.array([[0.5, 0.5, 0.5, 0.5]])
    r, e = _pair(tmp_path, rsei, eg)
    res, out = _run(r, e, tmp_path, method="manual", rsei_breaks=(0.2, 0.5), eg_breaks=(0.6, 0.8))
    assert read_raster(out, masked=False).tolist() == [[11, 12, 13, 13]]
    for bad, msg in (((0.5, 0.2), "must be lower"), ((0.2, float("nan")), "finite")):
        with pytest.raises(CoreError, match=msg):
            _run(r, e, tmp_path, method="manual", rsei_breaks=bad, eg_breaks=(0.3, 0.6))
    with pytest.raises(CoreError, match="needs RSEI_BREAKS"):
        _run(r, e, tmp_path, method="manual")


def test_mismatched_grids_error_or_resample(tmp_path):
    rsei = np.full((4, 4), 0.9)
    eg = np.array([[0.1, 0.9], [0.5, 0.9]])
    r, e = _pair(tmp_path, rsei, eg, eg_transform=(60.0, 0, 500000.0, 0, -60.0, 4200000.0))
    with pytest.raises(GridMismatch, match="Input 'EG'.*pixel size"):
        _run(r, e, tmp_path)
    res, out = _run(r, e, tmp_path, resample="nearest")
    expected = np.kron(np.array([[13, 33], [23, 33]]), np.ones((2, 2), int))
    assert np.array_equal(read_raster(out, masked=False), expected)


def test_values_outside_0_1_are_warned(tmp_path):
    r, e = _pair(tmp_path, np.array([[1.5, 0.2]]), np.array([[0.5, -0.2]]))
    warnings = []
    res, out = _run(r, e, tmp_path, monitor=Monitor(warn=warnings.append))
    assert res.outside == {"RSEI": 1, "EG": 1}
    assert len(warnings) == 2
    assert read_raster(out, masked=False).tolist() == [[23, 11]]


def test_no_overlap_gives_empty_table_and_no_terciles(tmp_path):
    r, e = _pair(tmp_path, np.array([[0.5, -9999]]), np.array([[-9999, 0.5]]))
    res, out = _run(r, e, tmp_path)
    assert all(v == 0 for v in res.pixels.values()) and np.isnan(res.percent(33))
    with pytest.raises(CoreError, match="no pixel where both are valid"):
        _run(r, e, tmp_path, method="terciles")


def test_class_edges_through_a_float64_raster(tmp_path):
    third, two = 1.0 / 3.0, 2.0 / 3.0
    below = 2 * cp.BREAK_TOLERANCE  # clearly below a break; nextafter(b, 0) is within the tolerance (on b)
    rsei = np.array([[third, third - below, two, two - below, np.nextafter(two, 0)]])
    eg = np.array([[third - below, third, two - below, two, np.nextafter(third, 0)]])
    r = write_raster(tmp_path / "r.tif", rsei, transform=T30, crs=UTM, dtype="float64")
    e = write_raster(tmp_path / "e.tif", eg, transform=T30, crs=UTM, dtype="float64")
    res, out = _run(r, e, tmp_path)
    assert read_raster(out, masked=False).tolist() == [[12, 21, 23, 32, 23]]


def test_terciles_with_one_constant_index(tmp_path):
    eg = np.random.default_rng(6).random((6, 5))
    r, e = _pair(tmp_path, np.full((6, 5), 0.5), eg)
    res, out = _run(r, e, tmp_path, method="terciles")
    assert res.rsei_breaks == (0.5, 0.5)  # every RSEI value is on the upper break → class 3
    assert res.eg_breaks == pytest.approx(tuple(np.quantile(eg.astype("float32").astype(float), [1 / 3, 2 / 3])))
    assert set(np.unique(read_raster(out, masked=False) % 10)) == {3}


def test_exact_quantiles_tiny_and_wide_ranges():
    tiny = np.array([1e-310, 2e-310, 3e-310, 5e-310])
    assert quantiles.exact_quantiles(lambda: iter([tiny]), (0.5,)) == pytest.approx([np.quantile(tiny, 0.5)], abs=0)
    wide = np.array([-1e300, 0.0, 1.0, 1e300])
    assert quantiles.exact_quantiles(lambda: iter([wide]), (1 / 3,))[0] == np.quantile(wide, 1 / 3)
