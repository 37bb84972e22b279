"""Small inline SVG charts for the admin (no JavaScript, no CDN): one bar per day."""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

WIDTH, HEIGHT, PAD = 640, 140, 24


def bar_chart(
    points: Sequence[tuple[str, float | None]],
    *,
    title: str,
    fmt: str = "{:.0f}",
    top: float | None = None,
) -> SafeString:
    """Bars for (label, value) points, left to right, scaled to `top` (default: the largest
    value); a None value draws no bar. Each bar has a tooltip with its label and value."""
    values = [v for _, v in points if v is not None]
    top = top or max(values, default=0) or 1
    step = (WIDTH - 2 * PAD) / max(len(points), 1)
    bars = []
    for index, (label, value) in enumerate(points):
        if value is None:
            continue
        height = (HEIGHT - 2 * PAD) * value / top
        x, y = PAD + index * step, HEIGHT - PAD - height
        bars.append(
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{max(step - 2, 1):.1f}" height="{height:.1f}"'
            f' fill="#417690"><title>{escape(label)}: {escape(fmt.format(value))}</title></rect>'
        )
    first, last = (points[0][0], points[-1][0]) if points else ("", "")
    return format_html(
        '<figure class="engagement-chart"><figcaption>{}</figcaption>'
        '<svg role="img" aria-label="{}" viewBox="0 0 {} {}" width="{}" height="{}">'
        '<text x="{}" y="14" font-size="11">top {}</text>{}'
        '<text x="{}" y="{}" font-size="11">{}</text>'
        '<text x="{}" y="{}" font-size="11" text-anchor="end">{}</text></svg></figure>',
        title,
        title,
        WIDTH,
        HEIGHT,
        WIDTH,
        HEIGHT,
        PAD,
        fmt.format(top),
        mark_safe("".join(bars)),  # built above from numbers and escaped text
        PAD,
        HEIGHT - 6,
        first,
        WIDTH - PAD,
        HEIGHT - 6,
        last,
    )
