"""Charts drawn on the server as inline SVG: no chart library, nothing fetched from outside."""

from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

WIDTH = 640
BAR = "#d9480f"
ALT = "#1864ab"


def bar_chart(items, *, title, height=180, color=BAR, marker=None, marker_label=""):
    """Vertical bars. `items` is [(label, value)]; `marker` an index to draw a dashed line
    after (e.g. the decision deadline)."""
    items = list(items)
    top = max([v for _, v in items] + [1])
    left, bottom, right = 30, 36, 8
    inner_w, inner_h = WIDTH - left - right, height - bottom - 14
    step = inner_w / max(len(items), 1)
    bar_w = max(step * 0.7, 1)
    label_every = max(1, len(items) // 10)
    parts = [f'<line x1="{left}" y1="{14 + inner_h}" x2="{WIDTH - right}" y2="{14 + inner_h}" stroke="#999"/>',
             f'<text x="{left - 4}" y="{14 + 4}" text-anchor="end">{top}</text>',
             f'<text x="{left - 4}" y="{14 + inner_h}" text-anchor="end">0</text>']
    for i, (label, value) in enumerate(items):
        h = inner_h * value / top
        x = left + i * step + (step - bar_w) / 2
        y = 14 + inner_h - h
        parts.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_w:.1f}" height="{h:.1f}" fill="{color}">'
                     f'<title>{escape(label)}: {value}</title></rect>')
        if i % label_every == 0:
            parts.append(f'<text x="{x + bar_w / 2:.1f}" y="{height - 20}" text-anchor="middle">{escape(label)}</text>')
        if value and len(items) <= 12:
            parts.append(f'<text x="{x + bar_w / 2:.1f}" y="{y - 2:.1f}" text-anchor="middle">{value}</text>')
    if marker is not None:
        mx = left + (marker + 1) * step
        parts.append(f'<line x1="{mx:.1f}" y1="8" x2="{mx:.1f}" y2="{14 + inner_h}" stroke="{ALT}" stroke-dasharray="4 3"/>'
                     f'<text x="{mx + 3:.1f}" y="12" style="fill:{ALT}">{escape(marker_label)}</text>')
    return _svg(title, height, parts)


def hbar_chart(items, *, title, color=BAR):
    """Horizontal bars with long labels (behaviours, sellers)."""
    items = list(items)
    top = max([v for _, v in items] + [1])
    row, label_w = 26, 250
    height = max(len(items), 1) * row + 8
    parts = []
    for i, (label, value) in enumerate(items):
        y = 4 + i * row
        w = (WIDTH - label_w - 50) * value / top
        parts.append(f'<text x="{label_w - 6}" y="{y + 16}" text-anchor="end">{escape(label)}</text>'
                     f'<rect x="{label_w}" y="{y + 4}" width="{w:.1f}" height="{row - 10}" fill="{color}">'
                     f'<title>{escape(label)}: {value}</title></rect>'
                     f'<text x="{label_w + w + 4:.1f}" y="{y + 16}">{value}</text>')
    return _svg(title, height, parts)


def _svg(title, height, parts):
    return format_html(
        '<svg viewBox="0 0 {} {}" role="img" aria-label="{}" xmlns="http://www.w3.org/2000/svg">'
        "<title>{}</title>{}</svg>",
        WIDTH, height, title, title, mark_safe("".join(parts)),
    )
