"""Translation: every user-visible string has a Simplified Chinese translation that QGIS shows for zh-Hans/zh_CN.

Also the help panel's HTML: QGIS's dialog makes every newline of shortHelpString() a paragraph of its own
(QgsProcessingAlgorithmDialogBase::formatHelp splits at '\\n'), so the help must be on one line.
"""
import os
import re
import subprocess
import sys
import zipfile

import pytest

from conftest import REPO

sys.path.insert(0, os.path.join(REPO, "tools"))
import i18n  # noqa: E402  (tools/i18n.py)

CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="session")
def qm():
    """The .qm files, built from the .ts sources with lrelease (as `make i18n` does)."""
    if i18n.lrelease_executable() is None:
        pytest.fail("lrelease not found: apt install qttools5-dev-tools (make setup does)")
    built = i18n.release()
    assert built, "no i18n/*.ts"
    return built


@pytest.fixture
def chinese(provider, qm):
    """The provider's translator installed for zh-Hans for one test, English again afterwards."""
    from rsei_toolbox import translation
    assert translation.install("zh-Hans") is not None
    try:
        yield translation
    finally:
        translation.uninstall()


def qgis_help_paragraphs(short_help):
    """The paragraphs QGIS's dialog makes of a shortHelpString (formatHelp: one <p> per '\\n'-separated piece)."""
    return short_help.split("\n")


# ----------------------------------------------------------------------------- catalogue
def test_every_string_is_translated(provider, qm):
    texts, problems = i18n.collect()
    assert problems == [], problems
    assert len(texts) > 300
    missing = i18n.check(texts, "zh_CN")
    assert missing == [], "\n".join(missing[:20])


def test_collected_strings_cover_names_parameters_help_and_messages(provider):
    texts, _ = i18n.collect()
    for expected in ("Remote sensing ecological index (RSEI)", "Greenness (NDVI)", "Factor detector",
                     "References", "NoData", "Method", "Input '{name}': the raster could not be loaded.",
                     "CLASSES_MIN ({kmin}) must be at most CLASSES_MAX ({kmax}).",
                     "One-year RSEI (composite → indicators → RSEI → grades)"):
        assert expected in texts, expected
    # A Text / CoreError with a literal template in algorithms/ (rendered like the core's) is collected too.
    assert "{n_dropped} of {total} rows dropped ({detail})." in texts
    assert "Input 'INPUT': give at least one yearly raster." in texts
    # Bibliographic references stay as published (they are not offered for translation).
    assert not any(t.startswith("Xu, H. (2013)") for t in texts)


def test_check_catches_a_missing_or_broken_translation(tmp_path):
    ts = i18n.ts_path("zh_CN", str(tmp_path))
    i18n.write_ts(ts, "zh_CN", [("Input '{name}': the raster could not be loaded.", "输入：无法加载栅格。", ""),
                                ("<b>Classes.</b> More", "<b>分类。</b>更多", ""),
                                ("Mean RSEI", "", "unfinished")])
    problems = i18n.check(["Input '{name}': the raster could not be loaded.", "<b>Classes.</b> More",
                           "Mean RSEI", "Not extracted yet"], "zh_CN", str(tmp_path))
    assert len(problems) == 3
    assert "placeholders" in problems[0] and "{name}" in problems[0]
    assert "no finished translation" in problems[1]
    assert "not in the .ts" in problems[2]
    assert i18n.check_entry("<b>x</b> a &lt; b", "<b>x</b> a < b")  # a bare '<' would break the HTML
    assert i18n.check_entry("<b>x</b>", "x")
    assert not i18n.check_entry("{n:.4f} km², %1", "%1，{n:.4f} 平方千米")


def test_no_fstring_inside_tr():
    _, problems = i18n.literal_strings()
    assert problems == []


def test_collector_reads_text_and_core_errors_in_algorithms(tmp_path):
    (tmp_path / "core").mkdir()
    (tmp_path / "core" / "errors.py").write_text("class CoreError(Exception):\n    pass\n\n\nclass Text(str):\n"
                                                 "    pass\n", encoding="utf-8")
    (tmp_path / "algorithms").mkdir()
    (tmp_path / "algorithms" / "x.py").write_text(
        "def f(self, x, monitor):\n    monitor.warn(Text('{x} kept', x=x))\n    raise CoreError(f'{x} bad')\n\n\n"
        "def g(self, x):\n    raise CoreError(self.tr('{x} fine').format(x=x))\n", encoding="utf-8")
    texts, problems = i18n.literal_strings(str(tmp_path))
    assert list(texts) == ["{x} kept", "{x} fine"]
    assert len(problems) == 1 and "algorithms/x.py:3: CoreError() with an f-string" in problems[0], problems


def test_update_keeps_translations_and_marks_new_strings(tmp_path):
    i18n.write_ts(i18n.ts_path("zh_CN", str(tmp_path)), "zh_CN", [("Old", "旧", ""), ("Kept", "保留", "")])
    new, unfinished, vanished = i18n.update("zh_CN", ["Kept", "New"], str(tmp_path))
    assert (new, unfinished, vanished) == (1, 1, 1)
    entries = i18n.read_ts(i18n.ts_path("zh_CN", str(tmp_path)))
    assert entries == {"Kept": ("保留", ""), "New": ("", "unfinished"), "Old": ("旧", "vanished")}


# ----------------------------------------------------------------------------- locale
@pytest.mark.parametrize("code, expected", [
    ("zh-Hans", "zh_CN"), ("zh_CN", "zh_CN"), ("zh-CN", "zh_CN"), ("zh_Hans_CN", "zh_CN"), ("zh", "zh_CN"),
    ("zh_CN.UTF-8", "zh_CN"), ("zh-Hant", None), ("zh_TW", None), ("en_US", None), ("C", None), ("", None)])
def test_locale_codes(qm, code, expected):
    from rsei_toolbox import translation
    path = translation.qm_path(code)
    assert (os.path.basename(path) if path else None) == (f"rsei_toolbox_{expected}.qm" if expected else None)


def test_registry_shows_chinese(chinese):
    from qgis.core import QgsApplication
    registry = QgsApplication.processingRegistry()
    alg = registry.algorithmById("rsei:rsei")
    assert alg.displayName() == "遥感生态指数（RSEI）"
    names = {a.id(): a.displayName() for a in registry.providerById("rsei").algorithms()}
    for alg_id, name in names.items():
        assert CJK.search(name), (alg_id, name)
    assert registry.algorithmById("rsei:senmk").group() == "趋势分析"
    assert registry.algorithmById("rsei:rseioneyear").group() == "RSEI"
    fresh = registry.createAlgorithmById("rsei:rsei")  # parameters are described when created
    assert fresh.parameterDefinition("NDVI").description() == "绿度（NDVI）"
    assert CJK.search(fresh.parameterDefinition("NDVI").help())
    assert fresh.outputDefinition("RSEI_MEAN").description() == "RSEI 均值"
    geodetector = registry.createAlgorithmById("rsei:geodetector")
    enum = geodetector.parameterDefinition("METHOD")
    assert enum.options()[3] == "自然断点（Fisher–Jenks）"
    assert CJK.search(fresh.shortHelpString())


def test_english_without_translator(provider):
    from qgis.core import QgsApplication
    from rsei_toolbox import translation
    translation.uninstall()
    alg = QgsApplication.processingRegistry().createAlgorithmById("rsei:rsei")
    assert alg.displayName() == "Remote sensing ecological index (RSEI)"
    assert alg.parameterDefinition("NDVI").description() == "Greenness (NDVI)"


def test_messages_are_translated(chinese, tmp_path):
    import processing
    from qgis.core import QgsProcessingException
    csv = tmp_path / "t.csv"
    csv.write_text("y,x\n1,2\n2,3\n", encoding="utf-8")
    with pytest.raises(QgsProcessingException, match="X_FIELDS：Y 字段“y”不能同时作为因子"):
        processing.run("rsei:geodetector", {"INPUT": str(csv), "Y_FIELD": "y", "X_FIELDS": ["y", "x"],
                                            "OUTPUT": "TEMPORARY_OUTPUT", "OUTPUT_INTERACTION": "TEMPORARY_OUTPUT",
                                            "OUTPUT_RISK": "TEMPORARY_OUTPUT",
                                            "OUTPUT_ECOLOGICAL": "TEMPORARY_OUTPUT"})


# ----------------------------------------------------------------------------- core messages
def _coupling_inputs(tmp_path, eg_shape=(4, 4), rsei_value=0.5):
    import numpy as np
    from conftest import write_raster
    rsei = write_raster(tmp_path / "rsei.tif", np.full((4, 4), rsei_value, np.float32))
    eg = write_raster(tmp_path / "eg.tif", np.full(eg_shape, 0.5, np.float32))
    return {"RSEI": rsei, "EG": eg, "RESAMPLE_EG": 0, "CLASSIFY": 0, "OUTPUT": str(tmp_path / "code.tif")}


def test_core_error_reaches_the_user_in_chinese(chinese, tmp_path):
    """A GridMismatch raised in core/ (no Qt there) comes out of processing.run translated, values filled in,
    nested fragments (the difference, the advice) translated too; in English without the translator."""
    import processing
    from qgis.core import QgsProcessingException
    params = _coupling_inputs(tmp_path, eg_shape=(3, 3))
    with pytest.raises(QgsProcessingException) as info:
        processing.run("rsei:coupling", params)
    assert str(info.value) == ("输入 'EG' 不在 'RSEI' 的格网上：其大小（3×3 像元，而非 4×4）不同。请先将其重采样到 'RSEI' "
                               "上（栅格 ‣ 投影 ‣ 变形（重投影），或本工具的重采样选项，如果有的话）。")
    assert not os.path.exists(params["OUTPUT"])
    chinese.uninstall()
    with pytest.raises(QgsProcessingException) as info:
        processing.run("rsei:coupling", params)
    assert str(info.value) == ("Input 'EG' is not on the grid of 'RSEI': its size (3×3 pixels instead of 4×4) "
                               "differs. Resample it onto 'RSEI' first (Raster ‣ Projections ‣ Warp, or the "
                               "resampling option of this tool where it has one).")


def test_core_warning_reaches_feedback_in_chinese(chinese, tmp_path):
    """monitor.warn in core/ goes through Monitor(translate=translation.tr) to feedback.pushWarning."""
    import processing

    feedback = _Recorder.make()
    processing.run("rsei:coupling", _coupling_inputs(tmp_path, rsei_value=1.5), feedback=feedback)
    assert ("输入“RSEI”：有 16 个像元超出 0–1；它是否为归一化到 0–1 且越高越好的指数（rsei:rsei 的 RSEI、"
            "rsei:egindex 的 EG）？") in feedback.warnings, feedback.warnings


class _Recorder:
    """A QgsProcessingFeedback that records what pushInfo and pushWarning receive (made lazily: qgis.core needs
    the app)."""

    @staticmethod
    def make():
        from qgis.core import QgsProcessingFeedback

        class Recorder(QgsProcessingFeedback):
            def __init__(self):
                super().__init__()
                self.infos = []
                self.warnings = []

            def pushInfo(self, text):  # noqa: N802 - QGIS API
                self.infos.append(text)
                super().pushInfo(text)

            def pushWarning(self, text):  # noqa: N802 - QGIS API
                self.warnings.append(text)
                super().pushWarning(text)
        return Recorder()


def test_algorithm_log_reaches_feedback_in_chinese(chinese, tmp_path):
    """rsei:rsei's own log lines (self.tr("… {x}").format(x=…)) reach pushInfo in Chinese with the numbers filled
    in (the pixel count and the grade counts read back from the outputs), and in the same English as before
    without the translator."""
    import numpy as np
    import processing
    from conftest import read_raster, write_raster

    rng = np.random.default_rng(5)
    t = rng.normal(size=(30, 40))
    arrays = [0.4 + 0.15 * t + 0.05 * rng.normal(size=t.shape), -0.05 + 0.04 * t + 0.03 * rng.normal(size=t.shape),
              -0.1 - 0.12 * t + 0.06 * rng.normal(size=t.shape), 32.0 - 4.0 * t + 3.0 * rng.normal(size=t.shape)]
    arrays[3][:2, :5] = np.nan
    paths = [write_raster(tmp_path / f"{n}.tif", a.astype(np.float32), nodata=np.nan)
             for n, a in zip(("ndvi", "wet", "ndbsi", "lst"), arrays)]

    def run(folder):
        folder.mkdir()
        feedback = _Recorder.make()
        res = processing.run("rsei:rsei", {"NDVI": paths[0], "WET": paths[1], "NDBSI": paths[2], "LST": paths[3],
                                           "OUTPUT": str(folder / "rsei.tif"),
                                           "OUTPUT_GRADES": str(folder / "grades.tif")}, feedback=feedback)
        grades = read_raster(res["OUTPUT_GRADES"])
        counts = {g: int((grades == g).sum()) for g in range(1, 6)}
        return res, feedback.infos, counts

    res, infos, counts = run(tmp_path / "zh")
    pixels = 30 * 40 - 10
    assert sum(counts.values()) == pixels
    assert f"{pixels} 个像元的平均遥感生态指数（RSEI）为 {res['RSEI_MEAN']:.4f}。" in infos, infos
    for g, name in zip(range(1, 6), ("差", "较差", "中等", "良", "优")):
        head = f"等级 {g}（{name}）：{counts[g]} 个像元，"
        line = next((i for i in infos if i.startswith(head)), None)
        assert line is not None and re.fullmatch(re.escape(head) + r"\d+\.\d{4} km²，\d+\.\d{2} %", line), (head, infos)

    chinese.uninstall()
    res, infos, counts = run(tmp_path / "en")
    assert f"Mean RSEI {res['RSEI_MEAN']:.4f} over {pixels} pixels." in infos, infos
    assert any(i.startswith(f"Grade 1 (worst): {counts[1]} pixels, ") for i in infos), infos


def test_core_fragments_in_an_algorithm_log_are_translated(chinese, tmp_path):
    """A value that is a core Text (rsei:coupling's code labels, with their EG/RSEI words) is rendered in Chinese
    inside the algorithm's own log line; the method word too."""
    import processing
    feedback = _Recorder.make()
    processing.run("rsei:coupling", _coupling_inputs(tmp_path), feedback=feedback)
    # 4×4 pixels of 30 m at 0.5 in both: all code 22, 16 × 900 m² = 0.0144 km².
    assert "断点（等分三段）：RSEI 0.333333、0.666667；EG 0.333333、0.666667。" in feedback.infos, feedback.infos
    assert "22 MM：土地结构中等（EG），状况中等（RSEI）：0.0144 km²（100.00 %）" in feedback.infos, feedback.infos
    assert "11 LL：土地结构差（EG），状况差（RSEI）：0.0000 km²（0.00 %）" in feedback.infos, feedback.infos


def test_geodetector_method_text_is_translated(chinese):
    """The stratification method of a factor (core Text, nested) in the user's language; English as a str."""
    import numpy as np
    from rsei_toolbox.core.errors import render
    from rsei_toolbox.core.geodetector import stratify
    x = np.array([1.0, 2.0, 3.0, 10.0, 11.0, 12.0, 20.0, 21.0, 22.0])
    y = np.array([1.0, 1.1, 0.9, 5.0, 5.2, 4.8, 9.0, 9.1, 8.9])
    fac = stratify.optimal_factor("x", x, y, 3, 3)[0]
    assert str(fac.method).startswith("optimal: ") and str(fac.method).endswith(", 3 classes")
    zh = render(fac.method, chinese.tr)
    assert re.fullmatch(r"最优：(等间距|分位数|自然断点|几何间隔|标准差)，3 类", zh), zh
    assert render(stratify.continuous_factor("x", x, stratify.NATURAL, 3).method, chinese.tr) == "自然断点"
    assert render(stratify.categorical_factor("x", x).method, chinese.tr) == "类别型"


def _english_log_calls(source):
    """Line numbers of the monitor.info/monitor.warn calls in ``source`` whose message is an f-string or built
    with + (such a message can never be looked up, so it stays English)."""
    import ast
    return sorted(node.lineno for node in ast.walk(ast.parse(source))
                  if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                  and node.func.attr in ("info", "warn") and isinstance(node.func.value, ast.Name)
                  and node.func.value.id == "monitor" and node.args
                  and isinstance(node.args[0], (ast.JoinedStr, ast.BinOp)))


def test_algorithm_log_lines_are_literal_templates():
    """No monitor.info/monitor.warn in algorithms/ gets an f-string or a +-concatenation: the message is
    self.tr("… {x}").format(x=…), a core Text, or a name bound to one."""
    import glob
    assert _english_log_calls("monitor.info(f'{x} y')\nmonitor.warn('a ' + b)\n"
                              "monitor.info(tr('{x}').format(x=1))\nmonitor.warn(msg)\n") == [1, 2]
    bad = {}
    for path in sorted(glob.glob(os.path.join(REPO, "algorithms", "*.py"))):
        with open(path, encoding="utf-8") as fh:
            lines = _english_log_calls(fh.read())
        if lines:
            bad[os.path.basename(path)] = lines
    assert bad == {}, bad


def test_render_formats_translates_and_falls_back():
    from rsei_toolbox.core.errors import CoreError, Joined, Text, render
    from rsei_toolbox.core.monitor import Monitor
    zh = {"Input '{name}': {count} pixel(s) are NaN ({share:.1f} %).": "输入“{name}”：{count} 个像元为 NaN（{share:.1f} %）。",
          "{a} or {b}": "{a}或{b}", "red band": "红波段", "its {item} differs": "其{item}不同",
          "Broken {name}.": "坏了 {nom}。", "Bad spec {x:.2f}.": "错误 {x:.2q}。"}
    tr = lambda text: zh.get(text, text)  # noqa: E731
    exc = CoreError("Input '{name}': {count} pixel(s) are NaN ({share:.1f} %).", name="NDVI", count=3, share=12.345)
    assert str(exc) == "Input 'NDVI': 3 pixel(s) are NaN (12.3 %)."
    assert render(exc) == str(exc)
    assert render(exc, tr) == "输入“NDVI”：3 个像元为 NaN（12.3 %）。"
    assert exc.template == "Input '{name}': {count} pixel(s) are NaN ({share:.1f} %)." and exc.values["count"] == 3
    # Fragments and quoted errors inside the values are translated too.
    assert render(CoreError("{a} or {b}", a=Text("red band"), b=Joined(", ", [Text("its {item} differs",
                                                                                  item=Text("red band"))])), tr) \
        == "红波段或其红波段不同"
    # A translation whose placeholders do not fit the values (or a bad format spec): the English text.
    assert render(CoreError("Broken {name}.", name="x"), tr) == "Broken x."
    assert render(CoreError("Bad spec {x:.2f}.", x=1.0), tr) == "Bad spec 1.00."
    # No values: the message is not formatted, so literal braces stay as written.
    literal = CoreError("Use {braces} and {0} literally.")
    assert str(literal) == "Use {braces} and {0} literally." and render(literal, tr) == str(literal)
    # Subclasses keep their defaults and attributes.
    from rsei_toolbox.core.errors import Canceled
    from rsei_toolbox.core.http import HttpError
    assert str(Canceled()) == "The run was canceled; no output was written."
    http = HttpError("{what}: {address} answered HTTP {code}.", 404, "http://h/x", what=Text("red band"),
                     address="http://h/x", code=404)
    assert (http.status, http.url, str(http)) == (404, "http://h/x", "red band: http://h/x answered HTTP 404.")
    # Errors raised on a Dask worker are pickled: the template and the values (fragments included) survive.
    import pickle
    nested = pickle.loads(pickle.dumps(CoreError("{a} or {b}", a=Text("red band"), b=Joined(", ", [Text(
        "its {item} differs", item="x")]))))
    assert (str(nested), render(nested, tr)) == ("red band or its x differs", "红波段或其x不同")
    # The monitor formats and translates the same way.
    logged = []
    monitor = Monitor(warn=logged.append, translate=tr).sub(0.0, 0.5)
    monitor.warn("Input '{name}': {count} pixel(s) are NaN ({share:.1f} %).", name="WET", count=1, share=50)
    monitor.warn("Use {braces} literally.")
    Monitor(info=logged.append).info("Input '{name}': {count} pixel(s) are NaN ({share:.1f} %).", name="LST",
                                     count=2, share=1)
    assert logged == ["输入“WET”：1 个像元为 NaN（50.0 %）。", "Use {braces} literally.",
                      "Input 'LST': 2 pixel(s) are NaN (1.0 %)."]


def test_collector_finds_core_templates_and_rejects_fstrings(tmp_path):
    texts, problems = i18n.core_templates()
    assert problems == [], problems
    for expected in ("The run was canceled; no output was written.",  # Canceled's default
                     "Input {input} is not on the grid of {reference}: {differences}. {advice}",  # GridMismatch
                     "{what}: {address}{proxy} answered HTTP {code}.",  # HttpError
                     "Input '{key}': {count} pixel(s) lie outside 0–1; is it an index normalised to 0–1 with higher "
                     "= better (RSEI from rsei:rsei, EG from rsei:egindex)?",  # monitor.warn
                     " through the proxy {proxy}"):  # a Text fragment
        assert expected in texts, expected
    assert "{missing}" not in texts  # only placeholders: nothing to translate
    core = tmp_path / "core"
    core.mkdir()
    (core / "errors.py").write_text("class CoreError(Exception):\n    pass\n\n\nclass Special(CoreError):\n"
                                    "    pass\n", encoding="utf-8")
    (core / "bad.py").write_text(
        "from .errors import CoreError, Special\n\n\ndef f(x, monitor, exc):\n"
        "    raise Special(f'{x} is wrong')\n\n\ndef g(x, monitor, exc):\n"
        "    monitor.warn('a ' + str(x))\n\n\ndef h(x, monitor, exc):\n"
        "    raise CoreError('{x} is fine', x=x)\n\n\ndef k(x, monitor, exc):\n"
        "    raise CoreError(exc.template, **exc.values)\n", encoding="utf-8")
    texts, problems = i18n.core_templates(str(tmp_path))
    assert list(texts) == ["{x} is fine"]
    assert len(problems) == 2, problems
    assert "core/bad.py:5: Special() with an f-string" in problems[0] or "core/bad.py:5: Special() with an f-string" \
        in problems[1]
    assert any("core/bad.py:9: monitor.warn() with a message built by +" in p for p in problems)


# ----------------------------------------------------------------------------- help HTML
def test_help_is_one_paragraph_per_block(provider, qm):
    """No newline in shortHelpString (QGIS would split a sentence there), in English and in Chinese."""
    from qgis.core import QgsApplication
    from rsei_toolbox import translation
    for code in ("en", "zh-Hans"):
        translation.install(code)
        try:
            for alg in QgsApplication.processingRegistry().providerById("rsei").algorithms():
                text = alg.shortHelpString()
                assert "\n" not in text, (code, alg.id())
                assert len(qgis_help_paragraphs(text)) == 1
        finally:
            translation.uninstall()
    rsei = QgsApplication.processingRegistry().algorithmById("rsei:rsei").shortHelpString()
    # The sentence the issue saw broken in the dialog ("MASK does" … gap … "not exclude it").
    assert "MASK does not exclude it" in rsei


def test_help_starts_with_usage(provider):
    from qgis.core import QgsApplication
    for alg in QgsApplication.processingRegistry().providerById("rsei").algorithms():
        if alg.id() == "rsei:rseioneyear":
            continue
        text = alg.shortHelpString()
        usage = text.index("How to use.")
        for later in ("<h3>Method</h3>", "<h3>NoData</h3>", "<h3>References</h3>"):
            if later in text:
                assert usage < text.index(later), (alg.id(), later)
        assert text.index("<h3>Method</h3>") < text.index("<h3>References</h3>")


# ----------------------------------------------------------------------------- qgis_process and the package
def _qgis_process(plugin_parent, tmp_path, locale):
    profile = tmp_path / "profile"
    ini = profile / "profiles" / "default" / "QGIS"
    ini.mkdir(parents=True)
    if locale:
        (ini / "QGIS3.ini").write_text(f"[locale]\nuserLocale={locale}\noverrideFlag=true\n", encoding="utf-8")
    xdg = tmp_path / "xdg"
    xdg.mkdir(mode=0o700)
    env = dict(os.environ, QGIS_PLUGINPATH=plugin_parent, QGIS_CUSTOM_CONFIG_PATH=str(profile),
               QT_QPA_PLATFORM="offscreen", XDG_RUNTIME_DIR=str(xdg), LANG="C.UTF-8", LC_ALL="C.UTF-8")

    def call(*args):
        return subprocess.run(["qgis_process.bin", *args], env=env, capture_output=True, text=True, timeout=300)
    enabled = call("plugins", "enable", "rsei_toolbox")
    assert enabled.returncode == 0, enabled.stdout + enabled.stderr
    return call


@pytest.mark.parametrize("locale", ["zh-Hans", "zh_CN"])
def test_qgis_process_in_chinese(plugin_parent, tmp_path, qm, locale):
    call = _qgis_process(plugin_parent, tmp_path, locale)
    helped = call("help", "rsei:rsei")
    assert helped.returncode == 0, helped.stderr
    assert "遥感生态指数（RSEI） (rsei:rsei)" in helped.stdout
    assert "NDVI: 绿度（NDVI）" in helped.stdout
    assert "<h3>参考文献</h3>" in helped.stdout
    listed = call("list")
    assert "rsei:senmk\t逐像元 Sen 斜率 + Mann–Kendall 趋势分析" in listed.stdout
    assert "rsei:rseioneyear\t单年 RSEI" in listed.stdout


def test_qgis_process_in_english_by_default(plugin_parent, tmp_path, qm):
    call = _qgis_process(plugin_parent, tmp_path, None)
    helped = call("help", "rsei:rsei")
    assert "Remote sensing ecological index (RSEI) (rsei:rsei)" in helped.stdout
    assert not CJK.search(helped.stdout)


def test_package_holds_the_translation(tmp_path):
    sys.path.insert(0, os.path.join(REPO, "tools"))
    import package
    with zipfile.ZipFile(package.build(str(tmp_path))) as zf:
        names = zf.namelist()
    assert "rsei_toolbox/translation.py" in names
    assert "rsei_toolbox/i18n/rsei_toolbox_zh_CN.qm" in names
    assert not any(n.endswith(".ts") for n in names)
