"""PDF rendering of a :class:`~hmi.reports.document.Report` with reportlab (BSD).

A4 portrait, the site's meta line under the title, key figures as a two-column table, data
tables with the header repeated on each page, charts drawn as vector graphics (sharp on any
printer, searchable text). DejaVu Sans is embedded when installed so Spanish text, units
(m³, °F) and symbols print everywhere; else the PDF core font Helvetica (Latin-1).
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.graphics.charts.axes import LogXValueAxis, LogYValueAxis, XValueAxis, YValueAxis
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.lineplots import LinePlot
from reportlab.graphics.shapes import Drawing, Group, String
from reportlab.graphics.widgets.markers import makeMarker
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    TableStyle,
)
from reportlab.platypus import (
    Table as RLTable,
)
from reportlab.platypus.flowables import Flowable

from hmi.components.numbers import significant
from hmi.reports.document import Chart, KeyValues, Note, Report, Series, Table

PALETTE = ("#1f4e9c", "#b03a2e", "#1e8449", "#7d3c98", "#b9770e", "#117a8b", "#4d4d4d",
           "#a04000")
_FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu"),
              Path("C:/Windows/Fonts"))
_fonts: tuple[str, str] | None = None
EPOCH = date(1970, 1, 1)


def fonts() -> tuple[str, str]:
    """(regular, bold) font names: DejaVu Sans when found, else Helvetica."""
    global _fonts
    if _fonts is None:
        _fonts = ("Helvetica", "Helvetica-Bold")
        for d in _FONT_DIRS:
            reg, bold = d / "DejaVuSans.ttf", d / "DejaVuSans-Bold.ttf"
            if reg.exists() and bold.exists():
                pdfmetrics.registerFont(TTFont("DejaVuSans", str(reg)))
                pdfmetrics.registerFont(TTFont("DejaVuSans-Bold", str(bold)))
                _fonts = ("DejaVuSans", "DejaVuSans-Bold")
                break
    return _fonts


def _styles() -> dict[str, ParagraphStyle]:
    reg, bold = fonts()
    return {
        "title": ParagraphStyle("title", fontName=bold, fontSize=16, leading=20,
                                spaceAfter=2),
        "subtitle": ParagraphStyle("subtitle", fontName=reg, fontSize=11, leading=14,
                                   textColor=colors.HexColor("#404040")),
        "meta": ParagraphStyle("meta", fontName=reg, fontSize=8, leading=10,
                               textColor=colors.HexColor("#5a5a5a"), spaceAfter=6),
        "h2": ParagraphStyle("h2", fontName=bold, fontSize=11, leading=14, spaceBefore=8,
                             spaceAfter=4),
        "body": ParagraphStyle("body", fontName=reg, fontSize=9, leading=12),
        "small": ParagraphStyle("small", fontName=reg, fontSize=7.5, leading=9,
                                textColor=colors.HexColor("#5a5a5a")),
    }


def fmt(v: object) -> str:
    """A table cell for print: 4 significant digits for floats (:func:`significant`)."""
    if v is None:
        return ""
    return significant(v, 4) if isinstance(v, float) else str(v)


# -- charts ------------------------------------------------------------------------------------


def _segments(s: Series, x_log: bool, y_log: bool) -> Iterator[list[tuple[float, float]]]:
    """Runs of drawable points: NaN/inf break a line, non-positive values on a log axis are
    dropped (and break it too)."""
    run: list[tuple[float, float]] = []
    for x, y in zip(s.x, s.y, strict=True):
        xf, yf = float(x), float(y)
        ok = math.isfinite(xf) and math.isfinite(yf) and (xf > 0 or not x_log) and (
            yf > 0 or not y_log)
        if ok:
            run.append((xf, yf))
        elif run:
            yield run
            run = []
    if run:
        yield run


def _nice_log_bounds(lo: float, hi: float) -> tuple[float, float]:
    return 10 ** math.floor(math.log10(lo)), 10 ** math.ceil(math.log10(hi))


def _date_label(v: float) -> str:
    return (EPOCH + timedelta(days=float(v))).strftime("%Y-%m")


class _ChartFlowable(Flowable):
    """A chart: a reportlab Drawing sized to the frame width."""

    def __init__(self, chart: Chart, height: float = 75 * mm) -> None:
        super().__init__()
        self.chart = chart
        self.h = height
        self.drawing: Drawing | None = None

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.drawing = chart_drawing(self.chart, avail_width, self.h)
        return avail_width, self.h

    def draw(self) -> None:
        assert self.drawing is not None
        self.drawing.drawOn(self.canv, 0, 0)


def chart_drawing(chart: Chart, width: float, height: float) -> Drawing:
    reg, bold = fonts()
    d = Drawing(width, height)
    d.add(String(0, height - 10, chart.title, fontName=bold, fontSize=9))
    lp = LinePlot()
    legend_h = 12 * math.ceil(len(chart.series) / 3) if chart.series else 0
    # bottom up: legend rows, the x axis title, tick labels, the plot, the chart's title
    lp.x, lp.y = 42, legend_h + 30
    lp.width, lp.height = width - 52, height - 48 - legend_h
    lp.xValueAxis = LogXValueAxis() if chart.x_log else XValueAxis()
    lp.yValueAxis = LogYValueAxis() if chart.y_log else YValueAxis()
    data: list[list[tuple[float, float]]] = []
    owners: list[int] = []
    for i, s in enumerate(chart.series):
        for seg in _segments(s, chart.x_log, chart.y_log):
            data.append(seg)
            owners.append(i)
    if not data:  # nothing drawable: an empty frame says so instead of a crash
        d.add(String(width / 2, height / 2, "—", fontName=reg, fontSize=12,
                     textAnchor="middle"))
        return d
    lp.data = data
    xs = [p[0] for seg in data for p in seg]
    ys = [p[1] for seg in data for p in seg]
    for axis, vals, log in ((lp.xValueAxis, xs, chart.x_log), (lp.yValueAxis, ys, chart.y_log)):
        lo, hi = min(vals), max(vals)
        if hi <= lo:
            lo, hi = (lo / 2, lo * 2) if log else (lo - 1, hi + 1)
        if log:
            lo, hi = _nice_log_bounds(lo, hi)
        axis.valueMin, axis.valueMax = lo, hi
        axis.labels.fontName, axis.labels.fontSize = reg, 7
        axis.visibleGrid = True
        axis.gridStrokeColor = colors.HexColor("#d0d0d0")
        axis.gridStrokeWidth = 0.3
    if chart.x_dates:
        lp.xValueAxis.labelTextFormat = _date_label
    colours = [s.color or PALETTE[i % len(PALETTE)] for i, s in enumerate(chart.series)]
    for k, owner in enumerate(owners):
        s = chart.series[owner]
        line = lp.lines[k]
        line.strokeColor = colors.HexColor(colours[owner])
        line.strokeWidth = 1.2
        if s.style == "points":
            line.strokeColor = None  # markers only
            line.symbol = makeMarker("Circle", size=3.2)
            line.symbol.fillColor = colors.HexColor(colours[owner])
            line.symbol.strokeColor = None
        elif s.style == "dash":
            line.strokeDashArray = (3, 2)
    d.add(lp)
    d.add(String(lp.x + lp.width / 2, legend_h + 6, chart.x_label, fontName=reg, fontSize=8,
                 textAnchor="middle"))
    ylab = String(0, 0, chart.y_label, fontName=reg, fontSize=8, textAnchor="middle")

    g = Group(ylab)
    g.translate(8, lp.y + lp.height / 2)
    g.rotate(90)
    d.add(g)
    if chart.series:
        leg = Legend()
        leg.fontName, leg.fontSize = reg, 7
        leg.x, leg.y = lp.x, legend_h - 2
        leg.alignment = "right"
        leg.columnMaximum = max(1, math.ceil(len(chart.series) / 3))  # 3 columns across
        leg.dx, leg.dy, leg.deltax = 8, 6, 150
        leg.colorNamePairs = [(colors.HexColor(c), s.name)
                              for c, s in zip(colours, chart.series, strict=True)]
        d.add(leg)
    return d


# -- document ----------------------------------------------------------------------------------


def _table(header: Sequence[str], rows: Sequence[Sequence[object]], width: float,
           key_values: bool = False) -> RLTable:
    reg, bold = fonts()
    data = [list(header), *([fmt(c) for c in r] for r in rows)] if header else [
        [fmt(c) for c in r] for r in rows]
    t = RLTable(data, repeatRows=1 if header else 0, hAlign="LEFT",
                colWidths=[width * 0.55, width * 0.45] if key_values else None)
    style = [
        ("FONT", (0, 0), (-1, -1), reg, 8),
        ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.HexColor("#c8c8c8")),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
    ]
    if header:
        style += [("FONT", (0, 0), (-1, 0), bold, 8),
                  ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e4e4e4")),
                  ("ALIGN", (1, 1), (-1, -1), "RIGHT")]
    if key_values:
        style += [("ALIGN", (1, 0), (1, -1), "RIGHT")]
    t.setStyle(TableStyle(style))
    return t


def write_pdf(path: Path | str, report: Report) -> Path:
    """Render ``report`` to ``path`` (written beside and renamed into place); returns it."""
    path = Path(path)
    st = _styles()
    reg, _bold = fonts()
    created = report.created or datetime.now(UTC).astimezone()
    tmp = path.with_name(path.name + ".part")
    doc = SimpleDocTemplate(str(tmp), pagesize=A4, leftMargin=16 * mm, rightMargin=16 * mm,
                            topMargin=14 * mm, bottomMargin=16 * mm, title=report.title,
                            subject=report.subtitle, creator="oilfield-edge")
    width = doc.width
    story: list[Flowable] = [Paragraph(escape(report.title), st["title"])]
    if report.subtitle:
        story.append(Paragraph(escape(report.subtitle), st["subtitle"]))
    meta = [*report.meta, ("", created.strftime("%Y-%m-%d %H:%M %Z").strip())]
    story.append(Paragraph(" · ".join(escape(f"{k}: {v}" if k else v) for k, v in meta),
                           st["meta"]))
    for b in report.blocks:
        if isinstance(b, Note):
            story.append(Paragraph(escape(b.text), st["body"]))
            story.append(Spacer(0, 3 * mm))
        elif isinstance(b, KeyValues):
            story.append(KeepTogether([Paragraph(escape(b.title), st["h2"]),
                                       _table((), b.items, width * 0.7, key_values=True)]))
        elif isinstance(b, Table):
            rows = list(b.rows)
            shown = rows[: b.pdf_max_rows]
            story.append(Paragraph(escape(b.title), st["h2"]))
            story.append(_table(b.header, shown, width))
            if len(rows) > len(shown):
                story.append(Paragraph(escape(
                    f"{len(shown)} / {len(rows)} (CSV: {len(rows)})"), st["small"]))
        elif isinstance(b, Chart):
            story.append(Spacer(0, 2 * mm))
            story.append(_ChartFlowable(b))
            story.append(Spacer(0, 3 * mm))
    footer = report.footer or report.title

    def on_page(canvas: object, d: SimpleDocTemplate) -> None:
        c = canvas  # reportlab.pdfgen.canvas.Canvas
        c.saveState()  # type: ignore[attr-defined]
        c.setFont(reg, 7)  # type: ignore[attr-defined]
        c.setFillColor(colors.HexColor("#5a5a5a"))  # type: ignore[attr-defined]
        c.drawString(d.leftMargin, 9 * mm, footer)  # type: ignore[attr-defined]
        c.drawRightString(d.leftMargin + d.width, 9 * mm,  # type: ignore[attr-defined]
                          f"{d.page}")
        c.restoreState()  # type: ignore[attr-defined]

    try:
        doc.build(story, onFirstPage=on_page, onLaterPages=on_page)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    tmp.replace(path)
    return path
