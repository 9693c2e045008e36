"""What Party building shows in the foundation (see bureau.contrib): its section of the yearly
report, its dashboard cards and its section of the firm page; its deadlines are in deadlines.py.
Built from this app's selectors and rule checks only."""

from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bureau.charts import bar_chart
from bureau.contrib import registry
from bureau.permissions import is_bureau
from bureau.report.summary import clause, sentence

from . import checks, selectors
from .models import Branch, Meeting, Member, PartySettings
from .year_end import YEAR_END_CHECKS

FINDING_LABELS = {
    "firms_without_branch": gettext_lazy("党员3名以上未单独建支部的律所"),
    "branches_too_many_firms": gettext_lazy("联合党支部覆盖律所超过规定"),
    "branches_too_many_members": gettext_lazy("党员人数超过50人的支部"),
    "branches_without_committee": gettext_lazy("正式党员7人以上未设支委会"),
    "development_too_early": gettext_lazy("积极分子培养不满1年即列为发展对象"),
    "conversions_due": gettext_lazy("30日内应办理转正"),
    "conversions_overdue": gettext_lazy("逾期未办理转正"),
    "meeting_gaps": gettext_lazy("“三会一课”未按期召开"),
    "incomplete_archives": gettext_lazy("党员档案材料不全"),
}


def report_section(year):
    f = selectors.year_figures(year)
    branches = [[label, f["branches_by_kind"].get(value, 0)] for value, label in Branch.Kind.choices]
    stages = [[label, f["members_by_stage"].get(value, 0)] for value, label in Member.Stage.choices]
    meetings = [[label, f["meetings_by_kind"].get(value, 0)] for value, label in Meeting.Kind.choices]
    findings = [[str(FINDING_LABELS[k]), f["open_findings"][k]] for k in YEAR_END_CHECKS]
    tables = [
        {
            "title": _("党组织（年末，按类型）"),
            "headers": [_("类型"), _("个数")],
            "rows": branches + [[_("合计"), f["branches_by_kind"].get("total", 0)]],
        },
        {
            "title": _("党员和入党积极分子（年末，按发展阶段）"),
            "headers": [_("阶段"), _("人数")],
            "rows": stages
            + [
                [_("党员合计（预备党员和正式党员）"), f["party_members"]],
                [_("本年发展预备党员"), f["new_probationary"]],
            ],
        },
        {
            "title": _("“三会一课”召开情况（本年）"),
            "headers": [_("类型"), _("次数")],
            "rows": meetings + [[_("合计"), f["meetings_by_kind"].get("total", 0)]],
        },
        {
            "title": _("党建规则检查问题（截至年末）"),
            "headers": [_("检查项目"), _("数量")],
            "rows": findings + [[_("合计"), f["open_findings"].get("total", 0)]],
        },
    ]
    if f["liaison_trainings"]:
        tables.append(
            {
                "title": _("党建联络员培训（本年）"),
                "headers": [_("项目"), _("数量")],
                "rows": [
                    [_("培训（期）"), f["liaison_trainings"]],
                    [_("参训（人次）"), f["liaison_trainees"]],
                ],
            }
        )
    charts = [bar_chart(_("“三会一课”召开次数"), meetings, unit=_("次"))]
    facts = {
        "branches_total": f["branches_by_kind"].get("total", 0),
        "members_full": f["members_by_stage"].get(Member.Stage.FULL, 0),
        "party_members": f["party_members"],
        "new_probationary": f["new_probationary"],
        "meetings_total": f["meetings_by_kind"].get("total", 0),
        **{f"meetings_{kind}": f["meetings_by_kind"].get(kind, 0) for kind in Meeting.Kind.values},
        "open_findings": f["open_findings"].get("total", 0),
        "liaison_trainings": f["liaison_trainings"],
        "liaison_trainees": f["liaison_trainees"],
    }
    return {
        "key": "partybuild",
        "title": _("党建工作"),
        "tables": tables,
        "charts": charts,
        "facts": facts,
        "summary": summary_sentences(facts),
    }


# How the summary names each kind of meeting.
MEETING_WORDS = [
    ("members", "支部党员大会%(n)s次"),
    ("committee", "支部委员会%(n)s次"),
    ("group", "党小组会%(n)s次"),
    ("lecture", "党课%(n)s次"),
    ("theme_day", "主题党日%(n)s次"),
]


def summary_sentences(facts):
    """This app's sentences of the drafted summary (see bureau.report.summary): every number is one
    the section's tables show, and a zero leaves its clause out."""
    kinds = [clause(words, n=facts[f"meetings_{kind}"]) for kind, words in MEETING_WORDS]
    kinds = [k for k in kinds if k]
    meetings = clause("召开“三会一课”等组织生活%(n)s次", n=facts["meetings_total"])
    if meetings and kinds:
        meetings += f"（其中{'、'.join(kinds)}）"
    party = sentence(
        clause("全行业共有党支部%(n)s个", n=facts["branches_total"]),
        clause("党员%(n)s名", n=facts["party_members"]),
        clause("其中正式党员%(n)s名", n=facts["members_full"]),
        clause("本年发展预备党员%(n)s名", n=facts["new_probationary"]),
        meetings,
        clause("组织党建联络员培训%(n)s期", n=facts["liaison_trainings"]),
        clause("参训%(n)s人次", n=facts["liaison_trainees"]) if facts["liaison_trainings"] else "",
        clause("截至年末尚有%(n)s项党建规则检查问题待整改", n=facts["open_findings"]),
        lead="坚持“管行业必须管党建”，",
    )
    return [("party", party)]


def bureau_items(user, today=None):
    """Two checks counted in one query (plus the settings row)."""
    if not is_bureau(user):
        return []
    counts = checks.dashboard_counts(today)
    # Each card opens the check's own list, whose count is the card's.
    section = "partybuild:check_section"
    return [
        {
            "label": _("应单独建立党支部的律所"),
            "count": counts["firms"],
            "url": reverse(section, args=["firms"]),
            "warn": True,
        },
        {
            "label": _("预备党员30日内待转正或逾期"),
            "count": counts["due"],
            "url": reverse(section, args=["conversion"]),
            "warn": True,
        },
    ]


def director_items(user, today=None):
    """The director's firm's branch, if any (one query)."""
    branch = selectors.visible_branches(user).filter(status=Branch.Status.ACTIVE).order_by("name").first()
    if branch is None:
        return []
    year = (today or timezone.localdate()).year
    return [
        {
            "label": _("本所所在党支部：%(name)s") % {"name": branch.name},
            "count": branch.meetings.filter(held_on__year=year).count(),
            "note": _("本年三会一课记录"),
            # The branch's meetings of the year: the list the count is taken from.
            "url": reverse("partybuild:meeting_list") + f"?branch={branch.pk}&year={year}",
            "warn": False,
        }
    ]


def firm_section(user, firm):
    """The firm page's Party card. Member data is for bureau staff and the firm's director only."""
    coverage = (
        selectors.visible_branches(user)
        .filter(coverage__firm=firm)
        .select_related("secretary", "liaison")
        .first()
    )
    if coverage is None and not is_bureau(user):
        return None
    counts = {int(s): 0 for s in Member.Stage.values}
    rows = (
        selectors.visible_members(user)
        .filter(firm=firm, status=Member.Status.ACTIVE)
        .values_list("stage")
        .order_by()
        .annotate(n=Count("id"))
    )
    for stage, n in rows:
        counts[stage] = n
    return {
        "branch": coverage,
        "full": counts[Member.Stage.FULL],
        "probationary": counts[Member.Stage.PROBATIONARY],
        "pipeline": sum(
            counts[s] for s in (Member.Stage.APPLICANT, Member.Stage.ACTIVIST, Member.Stage.TARGET)
        ),
        "needs_own_branch": counts[Member.Stage.FULL] >= PartySettings.load().own_branch_threshold
        and (coverage is None or coverage.kind != Branch.Kind.OWN),
    }


registry.register_report_section("partybuild", report_section, order=30)
registry.register_dashboard_cards(bureau_items, dashboards=("bureau",), order=30)
registry.register_dashboard_cards(director_items, dashboards=("director",), order=30)
registry.register_firm_section(firm_section, template="partybuild/_firm_section.html", order=30)

from . import deadlines  # noqa: E402, F401  (this app's deadlines: partybuild/deadlines.py)
