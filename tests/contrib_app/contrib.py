"""The test app's contributions: one yearly-report section and one card on the bureau's dashboard."""

from bureau.contrib import registry

from . import CARD_LABEL, SECTION_TITLE


def report_section(year):
    return {
        "key": "contrib_app",
        "title": SECTION_TITLE,
        "tables": [{"title": "测试表", "headers": ["项目", "数量"], "rows": [["年度", year]]}],
        "charts": [],
        "facts": {"contrib_app_answer": 42},
    }


def bureau_items(user, today):
    return [{"label": CARD_LABEL, "count": 7, "url": "/reports/", "warn": True}]


registry.register_report_section("contrib_app", report_section, order=90)
registry.register_dashboard_cards(bureau_items, dashboards=("bureau",))
