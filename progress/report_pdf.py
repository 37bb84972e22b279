"""The monthly report as a PDF: fpdf2 lays out the pages (real, searchable text in DejaVu Sans,
the font matplotlib ships, so accented names print), matplotlib (Agg, no display) draws the
minutes-per-day chart. Two pages: summary and chart; where the time went and achievements."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from progress.report_data import MonthReport

FONT = "DejaVu"
MAX_PIECE_ROWS = 25
ACCENT = (52, 101, 164)


def duration(minutes: float) -> str:
    """`95` → `1 h 35 min`; `40` → `40 min`."""
    whole = round(minutes)
    hours, rest = divmod(whole, 60)
    return f"{hours} h {rest:02d} min" if hours else f"{rest} min"


def _font_dir() -> Path:
    import matplotlib

    return Path(matplotlib.get_data_path()) / "fonts" / "ttf"


BAR_LABELS = {"day": "%d %b", "week": "%d %b %Y", "month": "%b %Y", "year": "%Y"}
AXIS_NAMES = {"day": "Day", "week": "Week starting", "month": "Month", "year": "Year"}
MAX_TICKS = 12


def _ticks(report: MonthReport) -> tuple[list[int], list[str], str]:
    """Positions, labels and axis name: a month's days by number, other bars by date."""
    if report.scope == "month":
        days = [day.day for day, _ in report.bars]
        return [d for d in days if d == 1 or d % 5 == 0], [], "Day of the month"
    step = max(1, -(-len(report.bars) // MAX_TICKS))
    chosen = list(range(1, len(report.bars) + 1, step))
    form = BAR_LABELS[report.bar_unit]
    labels = [report.bars[n - 1][0].strftime(form) for n in chosen]
    return chosen, labels, AXIS_NAMES[report.bar_unit]


def chart_png(report: MonthReport) -> bytes:
    """A bar chart of minutes per day of the range (per week, month or year when long)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=(7.5, 2.8), dpi=150)
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    positions = list(range(1, len(report.bars) + 1))
    axes.bar(positions, [value for _, value in report.bars], color="#3465a4", width=0.8)
    axes.set_xlim(0.4, len(positions) + 0.6)
    ticks, labels, name = _ticks(report)
    axes.set_xticks(ticks)
    if labels:
        axes.set_xticklabels(labels, fontsize=7)
    axes.set_xlabel(name)
    axes.set_ylabel("Minutes")
    axes.spines[["top", "right"]].set_visible(False)
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()


def _pdf(report: MonthReport):
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_title(f"Mirubato practice report, {report.label}")
    pdf.set_author("Mirubato")
    pdf.set_creator("Mirubato")
    pdf.add_font(FONT, "", str(_font_dir() / "DejaVuSans.ttf"))
    pdf.add_font(FONT, "B", str(_font_dir() / "DejaVuSans-Bold.ttf"))
    pdf.set_auto_page_break(auto=True, margin=15)
    return pdf


def _heading(pdf, text: str, size: int = 13) -> None:
    pdf.set_font(FONT, "B", size)
    pdf.set_text_color(*ACCENT)
    pdf.cell(0, 9, text, new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(0, 0, 0)
    pdf.set_font(FONT, "", 10)


def _table(pdf, header: tuple[str, ...], rows: list[tuple[str, ...]], widths: tuple) -> None:
    pdf.set_font(FONT, "", 9)
    with pdf.table(col_widths=widths, text_align="LEFT", line_height=6) as table:
        for row in (header, *rows):
            cells = table.row()
            for value in row:
                cells.cell(value)
    pdf.ln(3)


def _summary_rows(report: MonthReport) -> list[tuple[str, str]]:
    totals, scope = report.totals, report.scope
    return [
        ("Total practice time", duration(totals["total_minutes"])),
        ("Sessions", str(totals["entry_count"])),
        ("Days practised", f"{totals['practice_days']} of {report.days}"),
        ("Average session", duration(totals["average_session_minutes"])),
        ("Longest session", duration(totals["longest_session_minutes"])),
        (f"Longest streak this {scope}", f"{report.longest_streak_in_range} days"),
        (f"Streak at the end of the {scope}", f"{report.streak_at_end} days"),
        (f"Experience this {scope}", f"{totals['xp']} XP"),
    ]


def _first_page(pdf, report: MonthReport, who: str) -> None:
    pdf.add_page()
    _heading(pdf, f"Practice report: {report.label}", 18)
    pdf.cell(0, 6, f"{who} · time zone {report.time_zone}", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    _heading(pdf, "Summary")
    _table(pdf, ("Measure", f"This {report.scope}"), _summary_rows(report), (60, 40))
    _heading(pdf, f"Minutes per {report.bar_unit}")
    pdf.image(io.BytesIO(chart_png(report)), w=pdf.epw)
    if not report.totals["entry_count"]:
        text = f"No practice logged this {report.scope}."
        pdf.cell(0, 8, text, new_x="LMARGIN", new_y="NEXT")


def _piece_rows(pieces: list[dict[str, Any]]) -> list[tuple[str, ...]]:
    shown, rest = pieces[:MAX_PIECE_ROWS], pieces[MAX_PIECE_ROWS:]
    rows = [
        (p["title"], p["composer"] or "-", str(p["entries"]), duration(p["minutes"])) for p in shown
    ]
    if rest:
        entries, minutes = sum(p["entries"] for p in rest), sum(p["minutes"] for p in rest)
        rows.append((f"{len(rest)} other pieces", "", str(entries), duration(minutes)))
    return rows


def _label(text: str) -> str:
    return text.replace("_", " ").capitalize()


def _tally_rows(rows: list[dict[str, Any]], key: str) -> list[tuple[str, ...]]:
    return [(_label(row[key]), str(row["entries"]), duration(row["minutes"])) for row in rows]


def _second_page(pdf, report: MonthReport) -> None:
    pdf.add_page()
    _heading(pdf, "Time per piece")
    if report.pieces:
        header = ("Piece", "Composer", "Sessions", "Time")
        _table(pdf, header, _piece_rows(report.pieces), (80, 55, 20, 35))
    else:
        text = f"No pieces logged this {report.scope}."
        pdf.cell(0, 7, text, new_x="LMARGIN", new_y="NEXT")
    for title, rows, key in (
        ("Time per type", report.types, "type"),
        ("Time per activity", report.activities, "activity_type"),
        ("Time per instrument", report.instruments, "instrument"),
    ):
        if key == "activity_type" and not rows:
            continue  # only logs written with the design's activity types have one
        _heading(pdf, title)
        if rows:
            header = (_label(key), "Sessions", "Time")
            _table(pdf, header, _tally_rows(rows, key), (80, 30, 40))
        else:
            pdf.cell(0, 7, "Nothing logged.", new_x="LMARGIN", new_y="NEXT")
    _heading(pdf, "Achievements earned")
    if not report.achievements:
        pdf.cell(0, 7, f"None this {report.scope}.", new_x="LMARGIN", new_y="NEXT")
    for earned in report.achievements:
        line = f"{earned['on'].isoformat()}  {earned['title']}: {earned['description']}"
        pdf.multi_cell(0, 7, line, new_x="LMARGIN", new_y="NEXT")


def report_pdf(report: MonthReport, *, who: str) -> bytes:
    """The report's PDF bytes."""
    pdf = _pdf(report)
    _first_page(pdf, report, who)
    _second_page(pdf, report)
    return bytes(pdf.output())
