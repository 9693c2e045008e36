"""What the firms app shows in the foundation (see bureau.contrib): its section of the yearly report,
its dashboard cards, charts and the director's firm panel; its deadlines are in deadlines.py.
Built from this app's selectors only."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from bureau.charts import bar_chart
from bureau.contrib import registry
from bureau.permissions import Role, has_role
from bureau.report.summary import clause, sentence

from . import selectors
from .models import Firm, FirmAssessment, Lawyer, LawyerAssessment, StandardisationRating


def report_section(year):
    f = selectors.year_figures(year)
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
            ]
            + [[_("合计"), sum(f["ratings_by_level"].values())]],
        },
        {
            "title": _("年度检查考核结果"),
            "headers": [_("对象"), _("结果"), _("数量")],
            "rows": [
                [_("律师事务所"), label, f["firm_assessments"].get(value, 0)]
                for value, label in FirmAssessment.Result.choices
            ]
            + [[_("律师事务所"), _("合计"), sum(f["firm_assessments"].values())]]
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
        "summary": summary_sentences(year, facts),
    }


def summary_sentences(year, facts):
    """This app's sentences of the drafted summary (see bureau.report.summary); numbers as in the tables."""
    overview = sentence(
        clause("{area}共有律师事务所%(n)s家", n=facts["firms_total"]),
        clause("执业律师%(n)s名", n=facts["lawyers_total"]),
        clause("其中本年新设律师事务所%(n)s家", n=facts["firms_new"]),
        clause("新执业律师%(n)s名", n=facts["lawyers_new"]),
        lead=f"{year}年，",
    )
    training = sentence(
        clause("全年组织律师继续教育培训%(n)s场", n=facts["training_sessions"]),
        clause("参训%(n)s人次", n=facts["training_attendances"]),
        clause("%(n)s名律师继续教育学时未达到要求", n=facts["training_short"]),
    )
    supervision = sentence(
        clause("年度检查考核律师事务所%(n)s家", n=facts["firms_assessed"]),
        clause("考核合格%(n)s家", n=facts["firms_passed"]),
        clause("%(n)s家律师事务所为有效期内的规范化律师事务所", n=facts["rated_firms"]),
    )
    return [("overview", overview), ("training", training), ("supervision", supervision)]


def _shortfall_url(year):
    return reverse("firms:training_shortfall") + f"?year={year}"


def bureau_items(user, today):
    """Two queries: the firm counts and the county's training shortfall."""
    counts = selectors.firm_counts()
    short = selectors.lawyers_short_of_training(today.year).count()
    return [
        {
            # "登记" here is "on the register", not the form's "register a firm".
            "label": pgettext("dashboard", "登记律师事务所"),
            "count": counts["total"],
            "url": reverse("firms:firm_list"),
            "note": _("其中执业 %(n)s 家") % {"n": counts["practising"]},
            "warn": False,
        },
        {
            "label": _("%(year)s年继续教育学时不足的律师") % {"year": today.year},
            "count": short,
            "url": _shortfall_url(today.year),
            "warn": True,
        },
    ]


def director_items(user, today):
    if not has_role(user, Role.FIRM_DIRECTOR):
        return []
    short = selectors.lawyers_short_of_training(today.year, selectors.visible_lawyers(user)).count()
    return [
        {
            "label": _("本所%(year)s年学时不足的律师") % {"year": today.year},
            "count": short,
            "url": _shortfall_url(today.year),
            "warn": True,
        }
    ]


def director_firms_panel(user, today):
    """The firms the director keeps (one query); the template says so when there is none."""
    return {"firms": list(selectors.kept_firms(user))}


def bureau_charts(year):
    """The county as it stands: firms by form and practising lawyers by category (two queries)."""
    forms = selectors.current_firms_by_form()
    categories = selectors.practising_lawyers_by_category()
    return [
        bar_chart(
            _("律师事务所（按组织形式）"),
            [(label, forms.get(v, 0)) for v, label in Firm.Form.choices],
            width=460,
            bar_height=20,
        ),
        bar_chart(
            _("执业律师（按执业类别）"),
            [(label, categories.get(v, 0)) for v, label in Lawyer.Category.choices],
            width=460,
            bar_height=20,
        ),
    ]


registry.register_report_section("firms", report_section, order=10)
registry.register_dashboard_cards(bureau_items, dashboards=("bureau",), order=10)
registry.register_dashboard_cards(director_items, dashboards=("director",), order=10)
registry.register_dashboard_charts(bureau_charts, order=10)
registry.register_dashboard_panel(
    director_firms_panel, template="firms/_dashboard_firms.html", dashboards=("director",), order=10
)

from . import deadlines  # noqa: E402, F401  (this app's deadlines: firms/deadlines.py)
