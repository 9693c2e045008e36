"""Sections of the yearly report. Each builder takes the year and returns a section dict:
{"key", "title", "tables": [{"title", "headers", "rows"}], "charts": [svg], "facts": {name: number}}.
`facts` are the numbers the drafted summary quotes, so the summary and the tables agree."""

from importlib import import_module

from django.utils.translation import gettext as _

from .charts import bar_chart


def _label(choices, value):
    return str(dict(choices).get(value, value))


def firms_section(year):
    from firms.models import Firm, FirmAssessment, Lawyer, LawyerAssessment, StandardisationRating
    from firms.selectors import year_figures

    f = year_figures(year)
    forms, statuses = Firm.Form.choices, Firm.Status.choices
    by_form = [
        [label]
        + [f["firms_by_form_status"].get((form, status), 0) for status, _l in statuses]
        + [sum(f["firms_by_form_status"].get((form, status), 0) for status, _l in statuses)]
        for form, label in forms
    ]
    tables = [
        {
            "title": _("律师事务所（按组织形式和状态）"),
            "headers": [_("组织形式"), *[str(label) for _v, label in statuses], _("合计")],
            "rows": by_form,
        },
        {
            "title": _("律师事务所和律师概况"),
            "headers": [_("项目"), _("数量")],
            "rows": [
                [_("律师事务所（不含注销）"), f["firms_total"]],
                [_("本年新设律师事务所"), f["firms_new"]],
                [_("本年注销律师事务所"), f["firms_deregistered"]],
                [_("执业律师"), f["lawyers_total"]],
                [_("其中：本年新执业"), f["lawyers_new"]],
                [_("其中：合伙人"), f["lawyers_partners"]],
                [_("其中：女律师"), f["lawyers_female"]],
                [_("其中：中共党员（含预备党员）"), f["lawyers_party"]],
            ],
        },
        {
            "title": _("执业律师（按执业类别）"),
            "headers": [_("执业类别"), _("人数")],
            "rows": [
                [label, f["lawyers_by_category"].get(value, 0)] for value, label in Lawyer.Category.choices
            ],
        },
        {
            "title": _("规范化律师事务所（年末有效）"),
            "headers": [_("等级"), _("律所数")],
            "rows": [
                [label, f["ratings_by_level"].get(value, 0)]
                for value, label in StandardisationRating.Level.choices
            ],
        },
        {
            "title": _("年度检查考核结果"),
            "headers": [_("对象"), _("结果"), _("数量")],
            "rows": [
                [_("律师事务所"), label, f["firm_assessments"].get(value, 0)]
                for value, label in FirmAssessment.Result.choices
            ]
            + [
                [_("律师"), label, f["lawyer_assessments"].get(value, 0)]
                for value, label in LawyerAssessment.Result.choices
            ],
        },
        {
            "title": _("继续教育"),
            "headers": [_("项目"), _("数量")],
            "rows": [
                [_("培训场次"), f["training_sessions"]],
                [_("参训人次"), f["training_attendances"]],
                [_("年度学时要求"), f["training_required_hours"]],
                [_("执业律师人数"), f["training_lawyers"]],
                [_("学时不足人数"), f["training_short"]],
            ],
        },
    ]
    if f["restructurings"]:
        tables.append(
            {
                "title": _("国资所改制进度"),
                "headers": [_("律师事务所"), _("已完成步骤"), _("完成日期")],
                "rows": [
                    [r["firm"], f"{r['done']}/{r['steps']}", r["completed_on"] or "—"]
                    for r in f["restructurings"]
                ],
            }
        )
    charts = [
        bar_chart(_("执业律师（按执业类别）"), [(row[0], row[1]) for row in tables[2]["rows"]], unit=_("人")),
        bar_chart(_("律师事务所（按组织形式）"), [(row[0], row[-1]) for row in by_form], unit=_("家")),
    ]
    facts = {
        "firms_total": f["firms_total"],
        "firms_new": f["firms_new"],
        "lawyers_total": f["lawyers_total"],
        "lawyers_new": f["lawyers_new"],
        "rated_firms": sum(f["ratings_by_level"].values()),
        "firms_passed": f["firm_assessments"].get(FirmAssessment.Result.PASS, 0),
        "firms_assessed": sum(f["firm_assessments"].values()),
        "training_sessions": f["training_sessions"],
        "training_attendances": f["training_attendances"],
        "training_short": f["training_short"],
    }
    return {
        "key": "firms",
        "title": _("律师事务所和律师"),
        "tables": tables,
        "charts": charts,
        "facts": facts,
    }


def _app_figures(app, year):
    """An app's year_figures(year), or None while the app does not provide it."""
    selectors = import_module(f"{app}.selectors")
    builder = getattr(selectors, "year_figures", None)
    return builder(year) if builder else None


SECTION_BUILDERS = [("firms", firms_section)]


def register(key, builder):
    SECTION_BUILDERS.append((key, builder))


def casework_section(year):
    import datetime

    from django.db.models import Count, F, Q, Sum
    from django.db.models.functions import Coalesce

    from casework.models import Case, CaseType, QuarterlyReport, ServiceLog
    from casework.selectors import incomplete_filter, with_completeness

    f = _app_figures("casework", year)
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    logs = ServiceLog.objects.filter(date__range=(start, end))
    advisers = dict(
        logs.filter(kind=ServiceLog.Kind.ADVISER).values_list("org_kind").annotate(n=Count("id")).order_by()
    )
    health = logs.filter(kind=ServiceLog.Kind.HEALTH_CHECK).aggregate(
        enterprises=Count("id"),
        **{
            name: Coalesce(Sum(name), 0)
            for name in (
                "publicity_sessions",
                "consultations",
                "opinion_letters",
                "risk_points",
                "matters_handled",
                "contracts_reviewed",
                "problems_found",
            )
        },
    )
    cases = with_completeness(Case.objects.filter(intake_date__range=(start, end)))
    # One count each: the gaps are boolean annotations, which filter but do not aggregate.
    completeness = {
        "total": cases.count(),
        "missing_contract": cases.filter(missing_contract=True).count(),
        "missing_receipt": cases.filter(missing_receipt=True).count(),
        "missing_archive": cases.filter(missing_archive=True).count(),
        "incomplete": cases.filter(incomplete_filter()).count(),
    }
    quarterly = {
        row["quarter"]: row
        for row in QuarterlyReport.objects.filter(year=year)
        .values("quarter")
        .annotate(
            filed=Count("id", filter=Q(first_submitted_on__isnull=False)),
            on_time=Count("id", filter=Q(first_submitted_on__lte=F("due_on"))),
            accepted=Count("id", filter=Q(status=QuarterlyReport.Status.ACCEPTED)),
        )
        .order_by()
    }
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
    }


FINDING_LABELS = {
    "firms_without_branch": "党员3名以上未单独建支部的律所",
    "branches_too_many_firms": "联合党支部覆盖律所超过规定",
    "branches_too_many_members": "党员人数超过50人的支部",
    "branches_without_committee": "正式党员7人以上未设支委会",
    "development_too_early": "积极分子培养不满1年即列为发展对象",
    "conversions_due": "30日内应办理转正",
    "conversions_overdue": "逾期未办理转正",
    "meeting_gaps": "“三会一课”未按期召开",
    "incomplete_archives": "党员档案材料不全",
}


def partybuild_section(year):
    from partybuild.models import Branch, Meeting, Member

    f = _app_figures("partybuild", year)
    branches = [[label, f["branches_by_kind"].get(value, 0)] for value, label in Branch.Kind.choices]
    stages = [[label, f["members_by_stage"].get(value, 0)] for value, label in Member.Stage.choices]
    meetings = [[label, f["meetings_by_kind"].get(value, 0)] for value, label in Meeting.Kind.choices]
    findings = [[FINDING_LABELS.get(k, k), v] for k, v in f["open_findings"].items() if k != "total"]
    tables = [
        {
            "title": _("党组织（按类型）"),
            "headers": [_("类型"), _("个数")],
            "rows": branches + [[_("合计"), f["branches_by_kind"].get("total", 0)]],
        },
        {
            "title": _("党员和入党积极分子（年末，按发展阶段）"),
            "headers": [_("阶段"), _("人数")],
            "rows": stages + [[_("本年发展预备党员"), f["new_probationary"]]],
        },
        {
            "title": _("“三会一课”召开情况"),
            "headers": [_("类型"), _("次数")],
            "rows": meetings + [[_("合计"), f["meetings_by_kind"].get("total", 0)]],
        },
        {
            "title": _("党建规则检查待整改问题"),
            "headers": [_("检查项目"), _("数量")],
            "rows": findings + [[_("合计"), f["open_findings"].get("total", 0)]],
        },
    ]
    charts = [bar_chart(_("“三会一课”召开次数"), meetings, unit=_("次"))]
    facts = {
        "branches_total": f["branches_by_kind"].get("total", 0),
        "members_full": f["members_by_stage"].get(Member.Stage.FULL, 0),
        "party_members": f["party_members"],
        "new_probationary": f["new_probationary"],
        "meetings_total": f["meetings_by_kind"].get("total", 0),
        "open_findings": f["open_findings"].get("total", 0),
    }
    return {"key": "partybuild", "title": _("党建工作"), "tables": tables, "charts": charts, "facts": facts}


def inspections_section(year):
    from django.db.models import Count, F, Q
    from django.db.models.functions import TruncDate
    from django.utils import timezone

    from inspections.models import Draw, Inspection, Plan, RectificationNotice

    today = timezone.localdate()
    plans = dict(Plan.objects.filter(year=year).values_list("kind").annotate(n=Count("id")).order_by())
    draws = Draw.objects.filter(plan__year=year).aggregate(
        total=Count("id"), redraws=Count("id", filter=Q(supersedes__isnull=False))
    )
    inspections = Inspection.objects.filter(plan__year=year).annotate(published_on=TruncDate("published_at"))
    figures = inspections.aggregate(
        total=Count("id"),
        concluded=Count("id", filter=Q(concluded_on__isnull=False)),
        passed=Count("id", filter=Q(result=Inspection.Result.PASS)),
        rectify=Count("id", filter=Q(result=Inspection.Result.RECTIFY)),
        completed=Count("id", filter=Q(rectification=Inspection.Rectification.COMPLETED)),
        overdue=Count(
            "id",
            filter=Q(
                rectification__in=[
                    Inspection.Rectification.PENDING,
                    Inspection.Rectification.AWAITING_NOTICE,
                ],
                rectification_deadline__lt=today,
            ),
        ),
        published=Count("id", filter=Q(published_at__isnull=False)),
        on_time=Count("id", filter=Q(published_on__lte=F("publish_due"))),
        unpublished=Count("id", filter=Q(concluded_on__isnull=False, published_at__isnull=True)),
    )
    notices = RectificationNotice.objects.filter(inspection__plan__year=year).count()
    tables = [
        {
            "title": _("抽查计划和抽取"),
            "headers": [_("项目"), _("数量")],
            "rows": [
                *[[label, plans.get(value, 0)] for value, label in Plan.Kind.choices],
                [_("抽取（含重新抽取）"), draws["total"]],
                [_("其中：重新抽取"), draws["redraws"]],
            ],
        },
        {
            "title": _("检查和整改"),
            "headers": [_("项目"), _("家次")],
            "rows": [
                [_("被抽中检查的律师事务所"), figures["total"]],
                [_("已完成检查"), figures["concluded"]],
                [_("检查合格"), figures["passed"]],
                [_("责令限期整改"), figures["rectify"]],
                [_("下发整改通知书（份）"), notices],
                [_("整改完成"), figures["completed"]],
                [_("整改逾期"), figures["overdue"]],
            ],
        },
        {
            "title": _("结果公开"),
            "headers": [_("项目"), _("家次")],
            "rows": [
                [_("已公开"), figures["published"]],
                [_("其中：按期公开"), figures["on_time"]],
                [_("已办结待公开"), figures["unpublished"]],
            ],
        },
    ]
    charts = [
        bar_chart(
            _("检查结论"),
            [
                (_("合格"), figures["passed"]),
                (_("责令整改"), figures["rectify"]),
                (_("整改完成"), figures["completed"]),
            ],
            unit=_("家次"),
        )
    ]
    facts = {
        "draws_total": draws["total"],
        "inspections_total": figures["total"],
        "rectifications_ordered": figures["rectify"],
        "rectifications_completed": figures["completed"],
        "published_on_time": figures["on_time"],
    }
    return {"key": "inspections", "title": _("监督检查"), "tables": tables, "charts": charts, "facts": facts}


register("casework", casework_section)
register("partybuild", partybuild_section)
register("inspections", inspections_section)
