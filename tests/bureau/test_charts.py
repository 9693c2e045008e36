"""Bar charts keep every label and value inside the drawing, in English as in Chinese."""

import re

from bureau.charts import bar_chart, text_width


def _texts(svg):
    """(x, anchor, text) of every label and value, the title aside."""
    found = re.findall(
        r'<text x="([\d.]+)" y="[\d.]+" font-size="13"( text-anchor="end")?[^>]*>'
        r"(?:<title>[^<]*</title>)?([^<]*)</text>",
        svg,
    )
    return [(float(x), bool(anchor), text) for x, anchor, text in found]


def test_long_english_labels_are_not_clipped():
    labels = ["Special general partnership", "General partnership", "State-funded", "Sole practitioner"]
    svg = bar_chart(
        "Law firms by form", [(label, 10 + i) for i, label in enumerate(labels)], width=460, unit=" firms"
    )
    width = 460
    texts = _texts(svg)
    assert [t for _x, anchor, t in texts if anchor] == labels  # all fit: none shortened
    for x, anchor, text in texts:
        left, right = (x - text_width(text, 13), x) if anchor else (x, x + text_width(text, 13))
        assert 0 <= left and right <= width, text


def test_a_label_too_long_for_the_chart_is_shortened_and_kept_whole_in_its_tooltip():
    label = "Lawyers who practise part time at a university or research institute while teaching"
    svg = bar_chart("Lawyers", [(label, 3)], width=460)
    assert f"<title>{label}</title>" in svg
    (x, _anchor, shown), _value = _texts(svg)
    assert shown.endswith("…") and x - text_width(shown, 13) >= 0


def test_chinese_labels_keep_their_whole_text():
    svg = bar_chart("律师事务所（按组织形式）", [("特殊的普通合伙", 2), ("个人所", 1)], unit="家")
    assert ">特殊的普通合伙<" in svg and ">2家<" in svg and "<title>" not in svg
