"""SVG charts drawn from the data (no screenshots), for the PDF and the dashboard."""

from django.utils.html import escape

PALETTE = ["#0b3d91", "#b71c1c", "#2e7d32", "#ef6c00", "#6a1b9a", "#00838f", "#5d4037", "#455a64"]


def bar_chart(title, data, *, width=640, bar_height=26, unit=""):
    """Horizontal bars, one per (label, value). Returns an SVG string."""
    data = [(str(label), float(value or 0)) for label, value in data]
    label_width, top, gap = 170, 34, 8
    height = top + max(1, len(data)) * (bar_height + gap) + 10
    peak = max([v for _l, v in data] + [1])
    scale = (width - label_width - 70) / peak
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}" class="chart">',
        f'<text x="0" y="20" font-size="15" font-weight="bold" fill="#1a1a1a">{escape(title)}</text>',
    ]
    for index, (label, value) in enumerate(data):
        y = top + index * (bar_height + gap)
        bar = max(1.0, value * scale) if value else 0
        shown = int(value) if value == int(value) else round(value, 1)
        parts.append(
            f'<text x="{label_width - 8}" y="{y + bar_height * 0.7:.1f}" font-size="13" text-anchor="end" '
            f'fill="#333">{escape(label)}</text>'
        )
        parts.append(
            f'<rect x="{label_width}" y="{y}" width="{bar:.1f}" height="{bar_height}" rx="2" '
            f'fill="{PALETTE[index % len(PALETTE)]}"/>'
        )
        parts.append(
            f'<text x="{label_width + bar + 6:.1f}" y="{y + bar_height * 0.7:.1f}" font-size="13" '
            f'fill="#1a1a1a">{shown}{escape(unit)}</text>'
        )
    if not data:
        parts.append(f'<text x="{label_width}" y="{top + 18}" font-size="13" fill="#777">—</text>')
    parts.append("</svg>")
    return "".join(parts)
