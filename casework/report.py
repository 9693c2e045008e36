"""Casework's section of the yearly report and its sentences of the drafted summary.

Every figure is counted by the date the user stated (intake, service date, filing date). The
headline figures (key figures, summary and the first two tables) take the filed quarterly figures
of firms whose four quarters were accepted and the register's of the others (see casework.filed);
the breakdowns only the register knows (by unit kind, by dispute category, the health checks'
details) are the register's and say so."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bureau.charts import bar_chart
from bureau.report.summary import clause, sentence

from . import selectors
from .filed import filed_year
from .models import CaseType, ServiceLog

HEALTH_ROWS = [
    ("publicity_sessions", gettext_lazy("法治宣传（场）")),
    ("consultations", gettext_lazy("解答咨询（次）")),
    ("opinion_letters", gettext_lazy("出具法律意见书（份）")),
    ("risk_points", gettext_lazy("发现风险点（个）")),
    ("matters_handled", gettext_lazy("办理企业法律事务（件）")),
    ("contracts_reviewed", gettext_lazy("审查劳动合同（份）")),
    ("problems_found", gettext_lazy("发现问题（个）")),
]


# How the summary names each case type.
CASE_WORDS = [
    ("criminal", "刑事案件"),
    ("civil", "民事案件"),
    ("administrative", "行政案件"),
    ("non_litigation", "非诉讼事务"),
    ("arbitration", "仲裁案件"),
    ("other", "其他案件"),
]


def _filed_tables(filed, differences):
    comparison = [
        [label, filed_total, register_total, _("不一致") if filed_total != register_total else ""]
        for _key, label, filed_total, register_total in filed.comparison()
    ]
    sources = filed.sources()
    from_filed = sum(1 for _name, _quarters, filed_figures in sources if filed_figures)
    filed_word, register_word = _("季度报表"), _("台账")
    return [
        {
            "title": _("季度报表数与台账数对照（四个季度报表均已审核通过的律所）"),
            "headers": [_("项目"), _("报表数"), _("台账数"), _("差异")],
            "rows": comparison,
        },
        {
            # The two lists below counted, for the PDF, which shows only their first rows.
            "title": _("统计数据来源和差异（律所数）"),
            "headers": [_("项目"), _("数量")],
            "rows": [
                [_("采用季度报表数的律所（家）"), from_filed],
                [_("采用台账数的律所（家）"), len(sources) - from_filed],
                [_("报表数与台账数不一致的律所（家）"), len({row[0] for row in differences})],
                [_("不一致项目（项）"), len(differences)],
            ],
        },
        {
            "title": _("统计数据来源（四个季度均已审核通过的采用报表数，其余采用台账数）"),
            "annex": True,
            "headers": [_("律师事务所"), _("已审核通过季度"), _("采用")],
            "rows": [
                [name, quarters, filed_word if filed_figures else register_word]
                for name, quarters, filed_figures in sources
            ],
        },
        {
            "title": _("附表：季度报表数与台账数不一致明细"),
            "annex": True,
            "headers": [_("律师事务所"), _("项目"), _("报表数"), _("台账数")],
            "rows": [list(row) for row in differences],
        },
    ]


def report_section(year):
    filed = filed_year(year)
    differences = filed.differences()
    f = filed.headline()
    advisers = selectors.year_adviser_counts(year)
    health = selectors.year_health_check_totals(year)
    mediation = selectors.year_mediation_by_category(year)
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
            "title": _("法律顾问（按服务单位类型，台账）"),
            "headers": [_("单位类型"), _("家数")],
            "rows": [[label, advisers.get(value, 0)] for value, label in ServiceLog.OrgKind.choices],
        },
        {
            "title": _("调解纠纷（按纠纷类别，台账）"),
            "headers": [_("纠纷类别"), _("受理（件）"), _("调解成功（件）")],
            "rows": [[category or _("未注明类别"), taken, settled] for category, taken, settled in mediation],
        },
        {
            "title": _("民营企业“法治体检”（台账）"),
            "headers": [_("项目"), _("数量")],
            "rows": [[_("体检企业（家）"), health["enterprises"]]]
            + [[str(label), health[key]] for key, label in HEALTH_ROWS],
        },
        {
            "title": _("“四统一”完整性（本年收案，截至年末）"),
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
        *_filed_tables(filed, differences),
    ]
    charts = [bar_chart(_("代理案件（按类型）"), by_type, unit=_("件"))]
    facts = {
        **{f"cases_{value}": f[f"cases_{value}"] for value, _label in CaseType.choices},
        "cases_total": f["cases_total"],
        "legal_aid_cases": f["legal_aid_cases"],
        "legal_help": f["legal_help_person_times"],
        "consultation": f["consultation_person_times"],
        "petition_duty": f["petition_person_times"],
        "adviser_engagements": f["adviser_engagements"],
        **{f"advisers_{value}": advisers.get(value, 0) for value in ServiceLog.OrgKind.values},
        "mediation_taken": f["mediation_disputes_taken"],
        "mediation_settled": f["mediation_disputes_settled"],
        "military_agreements": f["military_agreements"],
        "veterans": f["veterans_person_times"],
        "duty_shifts": f["duty_shifts"],
        "sensitive_filings": f["sensitive_filings"],
        "health_checks": health["enterprises"],
        **{f"health_{key}": health[key] for key, _label in HEALTH_ROWS},
        "quarterly_differences": len(differences),
    }
    return {
        "key": "casework",
        "title": _("案件办理和公共法律服务"),
        "tables": tables,
        "charts": charts,
        "facts": facts,
        "summary": summary_sentences(facts, mediation=mediation),
    }


def _of_which(lead, parts):
    """ "lead，其中a、b" with the non-empty parts, or just `lead`; "" when `lead` is empty."""
    parts = [p for p in parts if p]
    if not lead:
        return ""
    return f"{lead}（其中{'、'.join(parts)}）" if parts else lead


def summary_sentences(facts, mediation=()):
    """This app's sentences of the drafted summary (see bureau.report.summary). Every number is one
    the section's tables show; a zero leaves its clause out. `mediation` is the register's
    [(dispute category, taken, settled)]."""
    cases = sentence(
        _of_which(
            clause("代理各类案件%(n)s件", n=facts["cases_total"]),
            [clause(f"{words}%(n)s件", n=facts[f"cases_{value}"]) for value, words in CASE_WORDS],
        ),
        clause("办理法律援助案件%(n)s件", n=facts["legal_aid_cases"]),
        clause("报备重大敏感案件%(n)s件", n=facts["sensitive_filings"]),
        lead="{area}律师事务所",
    )
    org_labels = dict(ServiceLog.OrgKind.choices)
    # Categories are typed by users: a "%" in one must not be read as a placeholder.
    categories = [
        clause(category.replace("%", "%%") + "%(n)s件", n=taken)
        for category, taken, _settled in mediation
        if category
    ]
    services = sentence(
        clause("提供法律帮助%(n)s人次", n=facts["legal_help"]),
        clause("解答法律咨询%(n)s人次", n=facts["consultation"]),
        clause("参与信访接待值班%(n)s人次", n=facts["petition_duty"]),
        _of_which(
            clause("担任法律顾问%(n)s家", n=facts["adviser_engagements"]),
            [clause(f"{org_labels[value]}%(n)s家", n=facts[f"advisers_{value}"]) for value in org_labels],
        ),
        _of_which(clause("参与调解纠纷%(n)s件", n=facts["mediation_taken"]), categories),
        clause("调解成功%(n)s件", n=facts["mediation_settled"]),
        clause("签订军地法律服务协议%(n)s份", n=facts["military_agreements"]),
        clause("为退役军人提供法律服务%(n)s人次", n=facts["veterans"]),
        clause("在公共法律服务场所值班%(n)s次", n=facts["duty_shifts"]),
        lead="全行业律师",
    )
    health = sentence(
        clause("为%(n)s家民营企业开展“法治体检”", n=facts["health_checks"]),
        clause("开展法治宣传%(n)s场", n=facts["health_publicity_sessions"]),
        clause("解答咨询%(n)s次", n=facts["health_consultations"]),
        clause("出具法律意见书%(n)s份", n=facts["health_opinion_letters"]),
        clause("发现风险点%(n)s个", n=facts["health_risk_points"]),
        clause("办理企业法律事务%(n)s件", n=facts["health_matters_handled"]),
        clause("审查劳动合同%(n)s份", n=facts["health_contracts_reviewed"]),
        clause("发现问题%(n)s个", n=facts["health_problems_found"]),
    )
    return [("cases", cases), ("cases", services), ("cases", health)]
