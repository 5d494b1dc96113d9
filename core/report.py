"""Self-contained HTML reports with embedded figures (matplotlib, Agg canvas, no pyplot).

Figures are created with :func:`new_figure` (never through pyplot, so the host
application's matplotlib backend is left alone) and embedded as base64 PNG.
"""
import base64
import html
import io


def new_figure(width=7.0, height=4.0):
    """A matplotlib Figure bound to an Agg canvas."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height), dpi=100)
    FigureCanvasAgg(fig)
    return fig


def figure_html(fig, caption, alt=None):
    """``<figure>`` with the PNG of ``fig`` embedded and a caption."""
    buf = io.BytesIO()
    fig.tight_layout()
    fig.savefig(buf, format="png")
    data = base64.b64encode(buf.getvalue()).decode("ascii")
    return (f'<figure><img src="data:image/png;base64,{data}" alt="{html.escape(alt or caption)}">'
            f"<figcaption>{html.escape(caption)}</figcaption></figure>")


def table_html(headers, rows, caption=None, digits=4):
    """An HTML table; floats are shown with ``digits`` significant digits, None as an empty cell."""
    def cell(v):
        if v is None:
            return ""
        if isinstance(v, float):
            return f"{v:.{digits}g}" if v == v else "NaN"
        return html.escape(str(v))
    head = "".join(f"<th>{html.escape(str(h))}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{cell(v)}</td>" for v in row) + "</tr>" for row in rows)
    cap = f"<caption>{html.escape(caption)}</caption>" if caption else ""
    return f"<table>{cap}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


STYLE = """
body{font-family:"DejaVu Sans",Arial,sans-serif;max-width:1000px;margin:2em auto;color:#222;line-height:1.45}
h1{color:#1b4332}h2{color:#2d6a4f;border-bottom:1px solid #ccc}
table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #bbb;padding:3px 8px;text-align:right}
th{background:#e9f5ec}caption{caption-side:top;text-align:left;font-weight:bold;padding:4px 0}
figure{margin:1em 0}figure img{max-width:100%}figcaption{font-size:90%;color:#444}
.note{color:#555;font-size:90%}
"""


def page(title, sections, subtitle=None):
    """A complete HTML page: ``sections`` is a list of (heading, html body) pairs."""
    parts = [f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{html.escape(title)}</title>"
             f"<style>{STYLE}</style></head><body><h1>{html.escape(title)}</h1>"]
    if subtitle:
        parts.append(f"<p class='note'>{html.escape(subtitle)}</p>")
    for heading, body in sections:
        parts.append(f"<h2>{html.escape(heading)}</h2>{body}")
    parts.append("</body></html>")
    return "".join(parts)


def write_page(path, title, sections, subtitle=None):
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(page(title, sections, subtitle))
