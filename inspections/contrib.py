"""What inspections show in the foundation (see bureau.contrib): the supervision section of the
yearly report, the dashboard cards and the firm page's inspections; the deadlines are in
deadlines.py. Built from this app's selectors only."""

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from bureau.charts import bar_chart
from bureau.contrib import registry
from bureau.report.summary import clause, sentence

from . import selectors
from .models import Inspection, Plan

ACCEPTANCE = (Plan.Kind.ACCEPTANCE_MID, Plan.Kind.ACCEPTANCE_END)


def _kind_row(label, figures):
    return [
        label,
        figures["rounds"],
        figures["total"],
        figures["passed"],
        figures["rectify"],
        figures["completed"],
        figures["published"],
    ]


def report_section(year):
    f = selectors.year_figures(year)
    plans, draws, figures, by_kind = f["plans_by_kind"], f["draws"], f["inspections"], f["by_kind"]
    acceptance = {key: sum(by_kind[kind][key] for kind in ACCEPTANCE) for key in figures}
    random, special = by_kind[Plan.Kind.RANDOM], by_kind[Plan.Kind.SPECIAL]
    tables = [
        {
            "title": _("监督检查分类统计（年度内开展的检查，结论、整改和公开截至12月31日）"),
            "headers": [
                _("类型"),
                _("批次"),
                _("检查家次"),
                _("合格"),
                _("责令整改"),
                _("整改完成"),
                _("已公开"),
            ],
            "rows": [
                _kind_row(Plan.Kind.RANDOM.label, random),
                _kind_row(Plan.Kind.ACCEPTANCE_MID.label, by_kind[Plan.Kind.ACCEPTANCE_MID]),
                _kind_row(Plan.Kind.ACCEPTANCE_END.label, by_kind[Plan.Kind.ACCEPTANCE_END]),
                _kind_row(_("规范化建设验收小计"), acceptance),
                _kind_row(Plan.Kind.SPECIAL.label, special),
                _kind_row(_("合计"), figures),
            ],
        },
        {
            "title": _("抽查计划和抽取"),
            "headers": [_("项目"), _("年度内数量")],
            "rows": [
                *[[label, plans.get(value, 0)] for value, label in Plan.Kind.choices],
                [_("抽取（含重新抽取）"), draws["total"]],
                [_("其中：重新抽取"), draws["redraws"]],
            ],
        },
        {
            "title": _("检查和整改"),
            "headers": [_("项目"), _("家次（截至12月31日）")],
            "rows": [
                [_("被抽中检查的律师事务所"), figures["total"]],
                [_("已完成检查"), figures["concluded"]],
                [_("检查合格"), figures["passed"]],
                [_("责令限期整改"), figures["rectify"]],
                [_("下发整改通知书（份）"), figures["notices"]],
                [_("整改完成"), figures["completed"]],
                [_("整改逾期"), figures["overdue"]],
            ],
        },
        {
            "title": _("结果公开"),
            "headers": [_("项目"), _("家次（截至12月31日）")],
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
        # The headline "双随机检查" (bureau.report.build.key_figures): dual-random inspections only.
        "inspections_total": random["total"],
        "random_rounds": random["rounds"],
        "acceptance_checks": acceptance["rounds"],
        "acceptance_inspections": acceptance["total"],
        "acceptance_passed": acceptance["passed"],
        "special_checks": special["rounds"],
        "special_inspections": special["total"],
        "inspections_all": figures["total"],
        "rectifications_ordered": figures["rectify"],
        "notices_issued": figures["notices"],
        "rectifications_completed": figures["completed"],
        "published": figures["published"],
        "published_on_time": figures["on_time"],
    }
    return {
        "key": "inspections",
        "title": _("监督检查"),
        "tables": tables,
        "charts": charts,
        "facts": facts,
        "summary": summary_sentences(facts),
    }


def summary_sentences(facts):
    """This app's sentences of the drafted summary (see bureau.report.summary), one per kind of
    supervision that happened; every number is a cell of the tables above."""
    acceptance = sentence(
        clause("开展律师事务所规范化建设验收%(n)s次", n=facts["acceptance_checks"]),
        clause("验收律师事务所%(n)s家次", n=facts["acceptance_inspections"]),
        clause("其中合格%(n)s家次", n=facts["acceptance_passed"]),
    )
    random = sentence(
        clause("开展“双随机、一公开”抽查%(n)s批次", n=facts["random_rounds"]),
        clause("检查律师事务所%(n)s家次", n=facts["inspections_total"]),
    )
    special = sentence(
        clause("开展专项检查%(n)s次", n=facts["special_checks"]),
        clause("检查律师事务所%(n)s家次", n=facts["special_inspections"]),
    )
    rectification = sentence(
        clause("对检查发现问题的%(n)s家次责令限期整改", n=facts["rectifications_ordered"]),
        clause("下发整改通知书%(n)s份", n=facts["notices_issued"]),
        clause("已完成整改%(n)s家次", n=facts["rectifications_completed"]),
    )
    published = sentence(
        clause("检查结果向社会公开%(n)s家次", n=facts["published"]),
        clause("其中按期公开%(n)s家次", n=facts["published_on_time"]),
    )
    return [("supervision", text) for text in (acceptance, random, special, rectification, published) if text]


# Each card builder runs one aggregate query.


def _counts(inspections, today, **extra):
    return inspections.aggregate(
        overdue=Count("id", filter=Q(rectification="pending", rectification_deadline__lt=today)),
        **extra,
    )


def bureau_items(user, today=None):
    today = today or timezone.localdate()
    unpublished = Q(concluded_on__isnull=False, published_at__isnull=True)
    counts = _counts(
        Inspection.objects.all(),
        today,
        n_publish_due=Count("id", filter=unpublished & Q(publish_due__gte=today)),
        n_publish_overdue=Count("id", filter=unpublished & Q(publish_due__lt=today)),
    )
    queue = reverse("inspections:publication_queue")
    return [
        {
            "label": _("待公开的检查结果"),
            "count": counts["n_publish_due"],
            "url": queue + "?due=open",
            "warn": False,
        },
        {
            "label": _("逾期未公开的检查结果"),
            "count": counts["n_publish_overdue"],
            "url": queue + "?due=overdue",
            "warn": True,
        },
        {
            "label": _("逾期未整改"),
            "count": counts["overdue"],
            "url": reverse("inspections:inspection_list") + "?task=overdue",
            "warn": True,
        },
    ]


def inspector_items(user, today=None):
    counts = _counts(
        selectors.visible_inspections(user),
        today or timezone.localdate(),
        open=Count("id", filter=Q(status__in=["scheduled", "signing"])),
        to_verify=Count("id", filter=Q(rectification="responded")),
    )
    # Each link carries the filter that lists exactly the inspections counted (filters.TASKS).
    url = reverse("inspections:inspection_list") + "?task="
    return [
        {"label": _("待完成的检查"), "count": counts["open"], "url": url + "open", "warn": False},
        {
            "label": _("待核查的整改报告"),
            "count": counts["to_verify"],
            "url": url + "to_verify",
            "warn": False,
        },
        {"label": _("逾期未整改"), "count": counts["overdue"], "url": url + "overdue", "warn": True},
    ]


def director_items(user, today=None):
    counts = _counts(
        selectors.visible_inspections(user),
        today or timezone.localdate(),
        pending=Count("id", filter=Q(rectification="pending")),
    )
    url = reverse("inspections:inspection_list") + "?task="
    return [
        {"label": _("待报送的整改"), "count": counts["pending"], "url": url + "pending", "warn": False},
        {"label": _("逾期未整改"), "count": counts["overdue"], "url": url + "overdue", "warn": True},
    ]


def firm_section(user, firm):
    """The firm's ten latest inspections the user may see (one query)."""
    inspections = (
        selectors.visible_inspections(user)
        .filter(firm=firm)
        .select_related("plan")
        .order_by("-scheduled_on", "-id")[:10]
    )
    return {"inspections": list(inspections)}


registry.register_report_section("inspections", report_section, order=40)
registry.register_dashboard_cards(bureau_items, dashboards=("bureau",), order=40)
registry.register_dashboard_cards(director_items, dashboards=("director",), order=40)
registry.register_dashboard_cards(inspector_items, dashboards=("inspector",), order=40)
registry.register_firm_section(firm_section, template="inspections/_firm_section.html", order=40)

from . import deadlines  # noqa: E402, F401  (this app's deadlines: inspections/deadlines.py)
