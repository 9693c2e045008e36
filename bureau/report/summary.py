"""The drafted work summary: paragraphs in the order a bureau writes its yearly summary, composed from
the sentences each app's report section contributes (see bureau.contrib), for a clerk to copy and edit.

A section's builder may return "summary": [(topic, sentence), ...]. Sentences of one topic form one
paragraph, in the order of the sections; paragraphs follow TOPICS. A sentence may say "{area}" for
the county as the bureau names itself ("全县", "全市", "全区"). Sentences are built with `clause` and
`sentence`, so that a zero leaves its clause out and a sentence with nothing to say is left out.
"""

TOPICS = (
    "overview",  # the sector: firms and lawyers
    "party",  # Party building comes first in a bureau's summary
    "training",
    "cases",  # cases and public legal services
    "facilities",
    "supervision",  # standardisation checks, dual-random rounds, rectification, restructuring, ratings
)


def clause(text, **numbers):
    """`text` with its numbers filled in, or "" when every number is zero or missing."""
    if not any(numbers.values()):
        return ""
    return text % {name: value or 0 for name, value in numbers.items()}


def sentence(*clauses, lead="", sep="，", end="。"):
    """The non-empty clauses joined, after `lead`; "" when every clause is empty."""
    said = [c for c in clauses if c]
    if not said:
        return ""
    return f"{lead}{sep.join(said)}{end}"


def area_name(county):
    """How a summary names the county's whole area: 全县, 全市, 全区, 全旗."""
    return f"全{county[-1]}" if county and county[-1] in "县市区旗" else "全县"


def draft_summary(year, county, sections):
    by_topic = {topic: [] for topic in TOPICS}
    for section in sections:
        for topic, text in section.get("summary", ()):
            if topic not in by_topic:
                raise ValueError(f"unknown summary topic {topic!r} in section {section['key']!r}")
            if text:
                by_topic[topic].append(text)
    area = area_name(county)
    paragraphs = ["".join(texts).replace("{area}", area) for texts in by_topic.values() if texts]
    return "\n\n".join(paragraphs)
