"""HTML report of the Geodetector: ranked q, q per year, interaction heatmaps (Figure 14), risk means."""
import math
import warnings

import numpy as np

from ..geodetector.detectors import NESTED
from ..geodetector.stratify import format_value
from ..geodetector.tables import has_confidence, mean_lesh, mean_q, mean_q_interval, q_interval, yes_no
from ..report import figure_html, new_figure, table_html, write_page

CONVENTIONS_HTML = (
    "<p class='note'>q = 1 − Σ n<sub>h</sub>σ<sub>h</sub>² / (Nσ²) (population variances, paper eq. 20). "
    "p-value: F = (N−L)/(L−1)·q/(1−q) against the non-central F(L−1, N−L, λ), "
    "λ = [ΣȲ<sub>h</sub>² − (Σ√n<sub>h</sub>Ȳ<sub>h</sub>)²/N]/s², s² the sample variance of Y (R package "
    "geodetector). Interaction: q12 = max(q1, q2) within a relative 1e-10 is labelled "
    f"'{NESTED}'. Risk: Welch's t-test, two-sided, α = 0.05; strata with one sample are not tested. "
    "Ecological: F = N1(N2−1)SSW1/[N2(N1−1)SSW2], df (N1−1, N2−1), two-sided, α = 0.05.</p>")


def write_report(path, runs, title, notes=()):
    """Self-contained HTML: ranked q bars, q per year, interaction heatmaps (Figure 14), risk means."""
    per_year = any(year is not None for year, _ in runs)
    sections = []
    intro = "".join(f"<p>{n}</p>" for n in notes) + CONVENTIONS_HTML
    sections.append(("Data and conventions", intro))

    # factor detector: ranked bars (mean q when per year)
    qs = mean_q(runs) if per_year else {fac.name: fr.q for fac, fr in runs[0][1].factors}
    ranked = sorted(qs.items(), key=lambda kv: kv[1], reverse=True)
    fig = new_figure(7.0, 0.5 + 0.45 * len(ranked))
    ax = fig.add_subplot(111)
    names = [k for k, _ in ranked][::-1]
    vals = [v for _, v in ranked][::-1]
    conf = has_confidence(runs)
    if conf:   # 95 % bootstrap percentile interval as error bars (strata fixed; see the help)
        ci = {n: (mean_q_interval(runs, n) if per_year else q_interval(runs[0][1], n)) for n in names}
        lo = [max(v - (ci[n][0] if ci[n][0] is not None else v), 0.0) for n, v in zip(names, vals)]
        hi = [max((ci[n][1] if ci[n][1] is not None else v) - v, 0.0) for n, v in zip(names, vals)]
        ax.barh(names, vals, color="#2d6a4f", xerr=[lo, hi], ecolor="#1b1b1b", capsize=3)
    else:
        ax.barh(names, vals, color="#2d6a4f")
    for i, v in enumerate(vals):
        ax.text(v, i, f" {v:.3f}", va="center", fontsize=8)
    ax.set_xlim(0, max(1.0, max(vals) * 1.15) if vals else 1.0)
    ax.set_xlabel("mean q over the years" if per_year else "q")
    body = figure_html(fig, "Factor detector: q per factor, ranked" + (" (mean over years)" if per_year else "")
                       + (", with 95 % bootstrap intervals (strata fixed)" if conf else ""))
    if per_year:
        factor_names = list(qs)
        rows = []
        for year, res in runs:
            byname = {fac.name: fr.q for fac, fr in res.factors}
            rows.append([str(year)] + [byname.get(n) for n in factor_names])
        rows.append(["mean"] + [qs[n] for n in factor_names])
        body += table_html(["year"] + factor_names, rows, "q per year and mean (as Tables 14–15)")
        rank = {n: i + 1 for i, (n, _) in enumerate(ranked)}
        body += table_html(["factor", "mean q", "rank"], [[n, qs[n], rank[n]] for n in factor_names],
                           "Explanatory power rank")
    for year, res in runs:
        body += table_html(["factor", "q", "p-value", "strata", "method", "breaks"]
                           + (["q low (95 %)", "q high (95 %)"] if conf else []),
                           [[fac.name, fr.q, fr.p_value, fr.strata, fac.method,
                             ", ".join(format_value(b) for b in fac.breaks)]
                            + (list(q_interval(res, fac.name)) if conf else []) for fac, fr in res.factors],
                           f"Factor detector{'' if year is None else f' — {year}'} (N = {res.n})")
    if conf and per_year:
        body += table_html(["factor", "mean q", "q low (95 %)", "q high (95 %)"],
                           [[n, qs[n], *mean_q_interval(runs, n)] for n in qs],
                           "Mean q over the years with the bootstrap interval of the mean (years resampled "
                           "separately)")
    sections.append(("Factor detector", body))

    lesh = mean_lesh(runs)
    if lesh is not None:
        lnames, theta, total = lesh
        share = theta / total if total > 0 else np.full(len(theta), np.nan)
        order = np.argsort(-share, kind="stable")
        fig = new_figure(7.0, 0.5 + 0.45 * len(lnames))
        ax = fig.add_subplot(111)
        ax.barh([lnames[i] for i in order[::-1]], [share[i] for i in order[::-1]], color="#40916c")
        for k, i in enumerate(order[::-1]):
            ax.text(share[i], k, f" {share[i]:.1%}", va="center", fontsize=8)
        ax.set_xlim(0, max(1.0, float(np.nanmax(share)) * 1.15) if np.isfinite(share).any() else 1.0)
        ax.set_xlabel("share of the q of all factors combined" + (" (mean over the years)" if per_year else ""))
        body = figure_html(fig, f"LESH: Shapley shares of q = {total:.4f} (all factors' strata combined"
                                + (", mean over the years)" if per_year else ")"))
        for year, res in runs:
            if res.lesh is not None:
                body += table_html(["factor", "Shapley q", "share"],
                                   [[n, float(t), float(sh)] for n, t, sh in
                                    zip(res.lesh.names, res.lesh.shapley_q, res.lesh.share)],
                                   f"LESH{'' if year is None else f' — {year}'} (total q = {res.lesh.total_q:.4f})")
        sections.append(("LESH attribution", body))

    # interaction heatmaps
    body = ""
    if all(len(res.factors) >= 2 for _, res in runs):
        ncols = min(3, len(runs))
        nrows = int(math.ceil(len(runs) / ncols))
        nf = len(runs[0][1].factors)
        fig = new_figure(4.2 * ncols, 3.8 * nrows + 0.3 * max(nf - 4, 0))
        for k, (year, res) in enumerate(runs):
            ax = fig.add_subplot(nrows, ncols, k + 1)
            names = [fac.name for fac, _ in res.factors]
            mat = np.full((len(names), len(names)), np.nan)
            for i, (_, fr) in enumerate(res.factors):
                mat[i, i] = fr.q
            pos = {n: i for i, n in enumerate(names)}
            for a, b, q12, *_ in res.interactions:
                mat[max(pos[a], pos[b]), min(pos[a], pos[b])] = q12
            im = ax.imshow(mat, vmin=0, vmax=1, cmap="YlOrRd")
            ax.set_xticks(range(len(names)))
            ax.set_yticks(range(len(names)))
            ax.set_xticklabels(names, rotation=45, ha="right", fontsize=7)
            ax.set_yticklabels(names, fontsize=7)
            for i in range(len(names)):
                for j in range(len(names)):
                    if mat[i, j] == mat[i, j]:
                        ax.text(j, i, f"{mat[i, j]:.2f}", ha="center", va="center", fontsize=6)
            if year is not None:
                ax.set_title(str(year), fontsize=9)
            fig.colorbar(im, ax=ax, fraction=0.046, pad=0.02).ax.tick_params(labelsize=7)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            body += figure_html(fig, "Interaction detector: q(Xi ∩ Xj) below the diagonal, q(Xi) on it "
                                 "(as Figure 14)")
        for year, res in runs:
            body += table_html(["factor a", "factor b", "q(a∩b)", "q(a)", "q(b)", "interaction"],
                               [list(r) for r in res.interactions],
                               f"Interaction detector{'' if year is None else f' — {year}'}")
            body += table_html(["factor a", "factor b", "F", "df a", "df b", "p-value", "significant"],
                               [[a, b, e.f, e.df_a, e.df_b, e.p_value, yes_no(e.significant)]
                                for a, b, e in res.ecological],
                               f"Ecological detector{'' if year is None else f' — {year}'}")
    else:
        body = "<p>Fewer than two factors: no interaction or ecological detector.</p>"
    sections.append(("Interaction and ecological detectors", body))

    # risk detector: means per stratum
    body = ""
    for year, res in runs:
        nf = len(res.risk)
        ncols = min(3, nf)
        nrows = int(math.ceil(nf / ncols))
        fig = new_figure(4.2 * ncols, 3.0 * nrows)
        for k, (name, (strata, _)) in enumerate(res.risk.items()):
            ax = fig.add_subplot(nrows, ncols, k + 1)
            shown = strata[:40]
            ax.bar(range(len(shown)), [s[2] for s in shown], color="#52b788")
            ax.set_xticks(range(len(shown)))
            ax.set_xticklabels([s[0] for s in shown], rotation=60, ha="right", fontsize=6)
            ax.set_title(name, fontsize=9)
            ax.set_ylabel("mean Y", fontsize=8)
        body += figure_html(fig, f"Risk detector: mean of Y per stratum{'' if year is None else f' — {year}'}")
        for name, (strata, pairs) in res.risk.items():
            body += table_html(["stratum", "n", "mean Y"], [list(s) for s in strata],
                               f"{name}{'' if year is None else f' — {year}'}: stratum means")
            sig = sum(1 for p in pairs if p.significant)
            untested = sum(1 for p in pairs if p.significant is None)
            body += (f"<p class='note'>{sig} of {len(pairs)} pairs of strata differ significantly "
                     f"(Welch t, α = 0.05); {untested} not tested. All pairs are in the risk table.</p>")
    sections.append(("Risk detector", body))
    write_page(path, title, sections)
