"""What casework shows in the foundation (see bureau.contrib): its section of the yearly report,
its dashboard cards and its section of the firm page; its deadlines are in deadlines.py. Built
from this app's selectors only."""

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from bureau.charts import bar_chart
from bureau.contrib import registry
from bureau.permissions import is_bureau
from bureau.report.summary import clause, sentence

from . import selectors, statistics
from .models import CaseType, QuarterlyReport, SensitiveFiling, ServiceLog


def report_section(year):
    f = statistics.year_figures(year)
    advisers = selectors.year_adviser_counts(year)
    health = selectors.year_health_check_totals(year)
    completeness = selectors.year_completeness(year)
    quarterly = selectors.year_quarterly_filing(year)
    by_type = [[label, f.get(f"cases_{value}", 0)] for value, label in CaseType.choices]
    services = [
        [_("法律帮助（人次）"), f["legal_help_person_times"]],
        [_("法律咨询（人次）"), f["consultation_person_times"]],
        [_("信访接待值班（人次）"), f["petition_person_times"]],
        [_("担任法律顾问（家）"), f["adviser_engagements"]],
        [_("调解纠纷受理（件）"), f["mediation_disputes_taken"]],
        [_("调解成功（件）"), f["mediation_disputes_settled"]],
        [_("其中：道路交通纠纷（件）"), f["road_traffic_disputes"]],
        [_("军地法律服务协议（份）"), f["military_agreements"]],
        [_("退役军人法律服务（人次）"), f["veterans_person_times"]],
        [_("公共法律服务值班（次）"), f["duty_shifts"]],
        [_("重大敏感案件报备（件）"), f["sensitive_filings"]],
    ]
    tables = [
        {
            "title": _("代理案件（按类型）"),
            "headers": [_("类型"), _("件数")],
            "rows": by_type
            + [[_("合计"), f["cases_total"]], [_("其中：法律援助案件"), f["legal_aid_cases"]]],
        },
        {"title": _("公共法律服务"), "headers": [_("项目"), _("数量")], "rows": services},
        {
            "title": _("法律顾问（按服务单位类型）"),
            "headers": [_("单位类型"), _("家数")],
            "rows": [[label, advisers.get(value, 0)] for value, label in ServiceLog.OrgKind.choices],
        },
        {
            "title": _("民营企业“法治体检”"),
            "headers": [_("项目"), _("数量")],
            "rows": [
                [_("体检企业（家）"), health["enterprises"]],
                [_("法治宣传（场）"), health["publicity_sessions"]],
                [_("解答咨询（次）"), health["consultations"]],
                [_("出具法律意见书（份）"), health["opinion_letters"]],
                [_("发现风险点（个）"), health["risk_points"]],
                [_("办理企业法律事务（件）"), health["matters_handled"]],
                [_("审查劳动合同（份）"), health["contracts_reviewed"]],
                [_("发现问题（个）"), health["problems_found"]],
            ],
        },
        {
            "title": _("“四统一”完整性（本年收案）"),
            "headers": [_("项目"), _("件数")],
            "rows": [
                [_("本年收案"), completeness["total"]],
                [_("缺委托合同"), completeness["missing_contract"]],
                [_("缺收费票据"), completeness["missing_receipt"]],
                [_("结案后未归档"), completeness["missing_archive"]],
                [_("不完整案件合计"), completeness["incomplete"]],
            ],
        },
        {
            "title": _("季度统计报表报送情况"),
            "headers": [_("季度"), _("已报送"), _("按期报送"), _("已审核通过")],
            "rows": [
                [
                    _("第%(q)s季度") % {"q": q},
                    quarterly.get(q, {}).get("filed", 0),
                    quarterly.get(q, {}).get("on_time", 0),
                    quarterly.get(q, {}).get("accepted", 0),
                ]
                for q in (1, 2, 3, 4)
            ],
        },
    ]
    charts = [bar_chart(_("代理案件（按类型）"), by_type, unit=_("件"))]
    facts = {
        "cases_total": f["cases_total"],
        "legal_aid_cases": f["legal_aid_cases"],
        "legal_help": f["legal_help_person_times"],
        "petition_duty": f["petition_person_times"],
        "adviser_engagements": f["adviser_engagements"],
        "mediation_taken": f["mediation_disputes_taken"],
        "sensitive_filings": f["sensitive_filings"],
        "health_checks": health["enterprises"],
    }
    return {
        "key": "casework",
        "title": _("案件办理和公共法律服务"),
        "tables": tables,
        "charts": charts,
        "facts": facts,
        "summary": summary_sentences(facts),
    }


def summary_sentences(facts):
    """This app's sentences of the drafted summary (see bureau.report.summary); numbers as in the tables."""
    cases = sentence(
        clause("代理刑事、民事、行政等各类案件%(n)s件", n=facts["cases_total"]),
        clause("办理法律援助案件%(n)s件", n=facts["legal_aid_cases"]),
        clause("提供法律帮助%(n)s人次", n=facts["legal_help"]),
        clause("参与信访接待%(n)s人次", n=facts["petition_duty"]),
        clause("担任法律顾问%(n)s家", n=facts["adviser_engagements"]),
        clause("调解纠纷%(n)s件", n=facts["mediation_taken"]),
        clause("报备重大敏感案件%(n)s件", n=facts["sensitive_filings"]),
        clause("为%(n)s家民营企业开展“法治体检”", n=facts["health_checks"]),
        lead="{area}律师事务所",
    )
    return [("cases", cases)]


# Each card's link carries the filter that lists exactly the records it counts.


def bureau_items(user, today=None):
    if not is_bureau(user):
        return []
    # One query: overdue sensitive cases, filings and reports awaiting the bureau.
    overdue, unread, to_review = selectors.bureau_work_counts(today or timezone.localdate())
    return [
        {
            "label": _("逾期未备案的重大敏感案件"),
            "count": overdue,
            "url": reverse("casework:sensitive_list") + "?show=overdue",
            "warn": True,
        },
        {
            "label": _("待审阅的敏感案件备案"),
            "count": unread,
            "url": reverse("casework:sensitive_list")
            + f"?show=filings&status={SensitiveFiling.Status.FILED}",
            "warn": False,
        },
        {
            "label": _("待审核的季度统计"),
            "count": to_review,
            "url": reverse("casework:quarterly_list") + f"?status={QuarterlyReport.Status.SUBMITTED}",
            "warn": False,
        },
    ]


def director_items(user, today=None):
    if not selectors.is_director(user):
        return []
    today = today or timezone.localdate()
    # 1 query: this year's cases and the incomplete ones among them.
    counts = selectors.with_completeness(selectors.visible_cases(user), today).aggregate(
        this_year=Count("id", filter=Q(year=today.year)),
        incomplete_count=Count("id", filter=selectors.incomplete_filter()),
    )
    overdue = selectors.overdue_sensitive_cases(user, today).count()
    returned = selectors.visible_reports(user).filter(status=QuarterlyReport.Status.RETURNED).count()
    return [
        {
            "label": _("本年收案"),
            "count": counts["this_year"],
            "url": reverse("casework:case_list") + f"?year={today.year}",
            "warn": False,
        },
        {
            "label": _("四统一不完整的案件"),
            "count": counts["incomplete_count"],
            "url": reverse("casework:case_list") + "?incomplete=1",
            "warn": True,
        },
        {
            "label": _("逾期未备案的重大敏感案件"),
            "count": overdue,
            "url": reverse("casework:sensitive_list") + "?show=overdue",
            "warn": True,
        },
        {
            "label": _("被退回的季度统计"),
            "count": returned,
            "url": reverse("casework:quarterly_list") + f"?status={QuarterlyReport.Status.RETURNED}",
            "warn": True,
        },
    ]


def firm_section(user, firm):
    """The firm page's casework card, for bureau staff and the firm's director."""
    if not selectors.can_read_casework(user):
        return None
    return selectors.firm_casework_summary(firm, timezone.localdate().year)


registry.register_report_section("casework", report_section, order=20)
registry.register_dashboard_cards(bureau_items, dashboards=("bureau",), order=20)
registry.register_dashboard_cards(director_items, dashboards=("director",), order=20)
registry.register_firm_section(firm_section, template="casework/_firm_section.html", order=20)

from . import deadlines  # noqa: E402, F401  (this app's deadlines: casework/deadlines.py)
