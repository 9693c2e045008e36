"""SVG charts drawn from the data (no screenshots), for the PDF and the dashboard."""

import unicodedata

from django.utils.html import escape

PALETTE = ["#0b3d91", "#b71c1c", "#2e7d32", "#ef6c00", "#6a1b9a", "#00838f", "#5d4037", "#455a64"]


def text_width(text, size):
    """About how wide `text` is drawn at `size` px: a full-width (CJK) character takes the font size,
    other characters a little over half of it. SVG text does not wrap, so labels are laid out by this."""
    return sum(size if unicodedata.east_asian_width(c) in "WF" else size * 0.58 for c in text)


def fit_label(text, size, room):
    """`text` shortened with an ellipsis to fit `room` px (the whole label stays in the bar's title)."""
    if text_width(text, size) <= room:
        return text
    while text and text_width(text + "…", size) > room:
        text = text[:-1]
    return text.rstrip() + "…"


def bar_chart(title, data, *, width=640, bar_height=26, unit=""):
    """Horizontal bars, one per (label, value). Returns an SVG string.

    The label column is as wide as the longest label (English labels run longer than Chinese ones),
    at most half the chart; a longer label is shortened and kept whole in its tooltip."""
    data = [(str(label), float(value or 0)) for label, value in data]
    longest = max([text_width(label, 13) for label, _v in data] + [60])
    label_width = int(min(longest + 16, width * 0.5))
    top, gap = 34, 8
    height = top + max(1, len(data)) * (bar_height + gap) + 10
    peak = max([v for _l, v in data] + [1])
    # Room on the right of the longest bar for its value and unit ("12 person-times" in English).
    value_room = max(text_width(f"{int(peak)}{unit}", 13), 40) + 12
    scale = (width - label_width - value_room) / peak
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}" class="chart">',
        f'<text x="0" y="20" font-size="15" font-weight="bold" fill="#1a1a1a">{escape(title)}</text>',
    ]
    for index, (label, value) in enumerate(data):
        y = top + index * (bar_height + gap)
        bar = max(1.0, value * scale) if value else 0
        shown = int(value) if value == int(value) else round(value, 1)
        shown_label = fit_label(label, 13, label_width - 10)
        tooltip = f"<title>{escape(label)}</title>" if shown_label != label else ""
        parts.append(
            f'<text x="{label_width - 8}" y="{y + bar_height * 0.7:.1f}" font-size="13" text-anchor="end" '
            f'fill="#333">{tooltip}{escape(shown_label)}</text>'
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
