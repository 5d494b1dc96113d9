"""HTML report of rsei:seriestrend: Figures 7–8 of Han et al. (2025), Sustainability 17, 9075, and a table.

Draws the result of :func:`core.trend.series.series_trend` (the series, the quadratic with its 95% confidence
band, the two segments and the Sen line) with the page primitives of :mod:`core.report`.
"""
import numpy as np

from .. import report


def write_series_report(path, res, time_name="time", value_name="value"):
    """HTML report of :func:`~core.trend.series.series_trend`: Figures 7–8 of the paper and a statistics table."""
    t, x = res["t"], res["x"]
    quad = res["quad"]
    tt = np.linspace(t.min(), t.max(), 200)
    fit, lo, hi = quad["band"](tt)

    fig = report.new_figure(7.5, 4.2)
    ax = fig.add_subplot(111)
    ax.fill_between(tt, lo, hi, color="#e63946", alpha=0.2, label="95% confidence band (mean response)")
    ax.plot(tt, fit, color="#e63946", lw=2, label=f"quadratic fit, R² = {res['QUAD_R2']:.3f}")
    if np.isfinite(res["QUAD_VERTEX"]) and t.min() <= res["QUAD_VERTEX"] <= t.max():
        ax.axvline(res["QUAD_VERTEX"], color="#888", ls=":", lw=1,
                   label=f"vertex {res['QUAD_VERTEX']:.2f}")
    ax.plot(t, x, "o-", color="#1d3557", lw=1, ms=4, label=value_name)
    ax.set_xlabel(time_name)
    ax.set_ylabel(value_name)
    ax.legend(fontsize=8)
    ax.grid(alpha=0.3)
    fig_quad = report.figure_html(fig, "The series and the least-squares quadratic with its 95% confidence band "
                                       "(cf. Figure 8a of Han et al. 2025).")

    fig = report.new_figure(7.5, 4.2)
    ax = fig.add_subplot(111)
    ax.plot(t, x, "o", color="#1d3557", ms=4, label=value_name)
    brk = res["BREAK_YEAR"]
    for seg, mask, colour in (("SEG1", t <= brk, "#d62828"), ("SEG2", t > brk, "#2a9d8f")):
        ts = t[mask]
        ax.plot(ts, res[f"{seg}_INTERCEPT"] + res[f"{seg}_SLOPE"] * ts, color=colour, lw=2,
                label=f"{'≤' if seg == 'SEG1' else '>'} {brk:g}: slope {res[f'{seg}_SLOPE']:.5f}, "
                      f"r = {res[f'{seg}_R']:.3f}")
    ax.plot(t, res["SEN_INTERCEPT"] + res["SEN_SLOPE"] * t, color="#888", ls="--", lw=1,
            label=f"Sen slope {res['SEN_SLOPE']:.5f}")
    if "SEN_SLOPE_LOW" in res and np.isfinite(res["SEN_SLOPE_LOW"]):
        # The 1 − α limits of the slope drawn as lines through the Sen line's centre (median t, median x).
        tm, xm = float(np.median(t)), float(np.median(x))
        level = 100.0 * (1.0 - res.get("ALPHA", 0.05))
        ax.fill_between(t, xm + res["SEN_SLOPE_LOW"] * (t - tm), xm + res["SEN_SLOPE_HIGH"] * (t - tm),
                        color="#888", alpha=0.15, lw=0,
                        label=f"Sen slope {level:g}% interval [{res['SEN_SLOPE_LOW']:.5f}, "
                              f"{res['SEN_SLOPE_HIGH']:.5f}]")
    ax.axvline(brk, color="#888", ls=":", lw=1)
    ax.set_xlabel(time_name)
    ax.set_ylabel(value_name)
    ax.legend(fontsize=8)
    ax.grid(alpha=0.3)
    fig_seg = report.figure_html(fig, f"Two least-squares segments around the break {brk:g} "
                                      f"({res['break_chosen']}) and the Sen line (cf. Figures 7 and 8b); the "
                                      f"grey wedge spans the lines through (median t, median x) with the slopes of "
                                      f"the Sen slope's confidence interval (Sen 1968; Gilbert 1987, 16.5).")

    c = quad["c"]
    t0 = quad["t0"]
    # Coefficients in t (not centred) for the reader: c0 + c1·t + c2·t².
    a2 = c[2]
    a1 = c[1] - 2 * c[2] * t0
    a0 = c[0] - c[1] * t0 + c[2] * t0 * t0
    rows = [
        ("values (n)", res["n"]), ("Sen slope", res["SEN_SLOPE"]),
        (f"Sen slope, lower {100 * (1 - res.get('ALPHA', 0.05)):g}% limit", res.get("SEN_SLOPE_LOW", float("nan"))),
        (f"Sen slope, upper {100 * (1 - res.get('ALPHA', 0.05)):g}% limit", res.get("SEN_SLOPE_HIGH", float("nan"))),
        ("Sen intercept (t = 0)", res["SEN_INTERCEPT"]),
        ("Mann–Kendall S", res["MK_S"]), ("Var(S)", res["MK_VAR_S"]), ("Mann–Kendall Z", res["MK_Z"]),
        ("Mann–Kendall p", res["MK_P"]), ("Kendall tau", res["MK_TAU"]),
        ("quadratic R²", res["QUAD_R2"]), ("quadratic vertex", res["QUAD_VERTEX"]),
        (f"quadratic c₂ (t − {t0:g})²", float(c[2])), (f"quadratic c₁ (t − {t0:g})", float(c[1])),
        ("quadratic c₀", float(c[0])), ("quadratic in t: a₂", float(a2)), ("a₁", float(a1)), ("a₀", float(a0)),
        ("break", brk), ("segment 1 values", res["SEG1_N"]), ("segment 1 slope", res["SEG1_SLOPE"]),
        ("segment 1 r", res["SEG1_R"]), ("segment 2 values", res["SEG2_N"]),
        ("segment 2 slope", res["SEG2_SLOPE"]), ("segment 2 r", res["SEG2_R"]),
    ]
    table = report.table_html(["statistic", "value"], [(k, float(v) if isinstance(v, (float, np.floating))
                                                       else v) for k, v in rows], digits=6)
    data = report.table_html([time_name, value_name], [(float(a), float(b)) for a, b in zip(t, x)],
                             caption="The series", digits=6)
    report.write_page(path, "Trend of a yearly series", [
        ("Quadratic fit", fig_quad), ("Segments and Sen slope", fig_seg), ("Statistics", table), ("Data", data)],
        subtitle="RSEI Toolbox rsei:seriestrend — Han et al. (2025), Sustainability 17, 9075, section 4.2")
