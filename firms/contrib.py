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
from .models import Firm, FirmAssessment, Lawyer, LawyerAssessment, ServiceStation, StandardisationRating


def report_section(year):
    f = selectors.year_figures(year)
    statuses = Firm.Status.choices
    by_form = [
        [label]
        + [f["firms_by_form_status"].get((form, status), 0) for status, _l in statuses]
        + [sum(f["firms_by_form_status"].get((form, status), 0) for status, _l in statuses)]
        for form, label in Firm.Form.choices
    ]
    tables = [
        {
            "title": _("律师事务所（按组织形式和状态）：截至12月31日"),
            # The deregistered column holds the firms deregistered during the year.
            "headers": [
                _("组织形式"),
                *[_("本年注销") if v == Firm.Status.DEREGISTERED else str(label) for v, label in statuses],
                _("合计"),
            ],
            "rows": by_form,
        },
        {
            "title": _("律师事务所和律师概况（截至12月31日；“本年”为年度内）"),
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
            "title": _("执业律师（按执业类别，截至12月31日）"),
            "headers": [_("执业类别"), _("人数")],
            "rows": [
                [label, f["lawyers_by_category"].get(value, 0)] for value, label in Lawyer.Category.choices
            ],
        },
        {
            "title": _("规范化律师事务所（截至12月31日有效）"),
            "headers": [_("等级"), _("律所数")],
            "rows": [
                [label, f["ratings_by_level"].get(value, 0)]
                for value, label in StandardisationRating.Level.choices
            ]
            + [[_("合计"), sum(f["ratings_by_level"].values())]],
        },
        {
            "title": _("年度检查考核结果（年度内）"),
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
            "title": _("继续教育（年度内；人数截至12月31日）"),
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
    levels = dict(StandardisationRating.Level.choices)
    if f["ratings_conferred"]:
        tables.append(
            {
                "title": _("本年授予的规范化律师事务所（年度内）"),
                "annex": True,
                "headers": [_("律师事务所"), _("等级"), _("授予机关"), _("授予日期"), _("有效期至")],
                "rows": [
                    [
                        r["firm__name"],
                        str(levels[r["level"]]),
                        r["conferred_by"],
                        r["conferred_on"],
                        r["valid_until"] or "—",
                    ]
                    for r in f["ratings_conferred"]
                ],
            }
        )
    if f["restructurings"]:
        tables.append(
            {
                "title": _("国资所改制进度（截至12月31日）"),
                "annex": True,
                "headers": [
                    _("律师事务所"),
                    _("步骤总数"),
                    _("已完成步骤"),
                    _("已完成的步骤"),
                    _("完成日期"),
                ],
                "rows": [
                    [
                        r["firm"],
                        r["steps"],
                        r["done"],
                        "、".join(r["done_steps"]) or "—",
                        r["completed_on"] or "—",
                    ]
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
        "summary": summary_sentences(
            year,
            facts,
            ratings_conferred=[
                (r["firm__name"], levels[r["level"]], r["conferred_by"]) for r in f["ratings_conferred"]
            ],
            restructurings=f["restructurings"],
        ),
    }


def summary_sentences(year, facts, *, ratings_conferred=(), restructurings=(), facilities=None):
    """This app's sentences of the drafted summary (see bureau.report.summary); every number is one
    of the tables' int cells, and a zero leaves its clause out."""
    overview = sentence(
        clause("{area}共有律师事务所%(n)s家", n=facts["firms_total"]),
        clause("执业律师%(n)s名", n=facts["lawyers_total"]),
        lead=f"截至{year}年底，",
    ) + sentence(
        clause("新设律师事务所%(n)s家", n=facts["firms_new"]),
        clause("新执业律师%(n)s名", n=facts["lawyers_new"]),
        lead="本年",
        sep="、",
    )
    training = sentence(
        clause("全年组织律师继续教育培训%(n)s场", n=facts["training_sessions"]),
        clause("参训%(n)s人次", n=facts["training_attendances"]),
        clause("%(n)s名律师继续教育学时未达到要求", n=facts["training_short"]),
    )
    supervision = [
        sentence(
            clause("年度检查考核律师事务所%(n)s家", n=facts["firms_assessed"]),
            clause("考核合格%(n)s家", n=facts["firms_passed"]),
            clause("年末%(n)s家律师事务所为有效期内的规范化律师事务所", n=facts["rated_firms"]),
        )
    ]
    supervision += [
        f"{firm}被评为{level}规范化律师事务所（{body}授予）。" for firm, level, body in ratings_conferred
    ]
    for r in restructurings:
        if r["done"]:
            supervision.append(
                f"{r['firm']}改制已完成{r['steps']}项中的{r['done']}项：{'、'.join(r['done_steps'])}。"
            )
    sentences = [("overview", overview), ("training", training)]
    sentences += [("supervision", text) for text in supervision if text]
    if facilities is not None:
        sentences.append(("facilities", facilities_sentence(facilities)))
    return sentences


def facilities_sentence(f):
    """The facilities paragraph: the year's investments and the stations in operation at year end."""
    stations = [
        f"{label}{f['stations'][kind]}个"
        for kind, label in ServiceStation.Kind.choices
        if f["stations"].get(kind)
    ]
    return sentence(
        clause("全年律师事务所改善办公设施%(n)s项", n=f["improvements"]),
        clause("投入资金%(n)s元", n=f["amount"]),
        clause("新建改造面积%(n)s平方米", n=f["area"]),
        ("年末共有" + "、".join(stations)) if stations else "",
    )


def facilities_section(year):
    """办公设施和服务站点: rooms and equipment as recorded now, the year's improvements, stations
    at year end."""
    f = selectors.facilities_figures(year)
    rooms = f["rooms"]
    tables = [
        {
            "title": _("律所办公场所与设备（按现登记，年末在册律所）"),
            "headers": [_("项目"), _("数量")],
            "rows": [
                [_("在册律师事务所"), rooms["firms"]],
                [_("有接待室的律所"), rooms["reception"]],
                [_("有会议室的律所"), rooms["meeting"]],
                [_("有档案室的律所"), rooms["archive"]],
                [_("办公室（间）"), rooms["office_rooms"]],
                [_("电脑（台）"), rooms["computers"]],
                [_("打印机（台）"), rooms["printers"]],
                [_("复印机（台）"), rooms["copiers"]],
                [_("投影仪（台）"), rooms["projectors"]],
                [_("扫描仪（台）"), rooms["scanners"]],
                [_("录音录像设备（套）"), rooms["av_recorders"]],
            ],
        },
        {
            "title": _("办公设施改善投入（年度内，按律所）"),
            # A row per firm, then the total (the summary's numbers): the PDF shows the first firms.
            "annex": True,
            "totals": 1,
            "headers": [_("律师事务所"), _("项数"), _("面积（㎡）"), _("投入金额（元）")],
            "rows": [[r["firm__name"], r["n"], r["area"], r["amount"]] for r in f["by_firm"]]
            + [[_("合计"), f["improvements"], f["area"], f["amount"]]],
        },
        {
            "title": _("服务站点（截至12月31日运行中）"),
            "headers": [_("类别"), _("站点数")],
            "rows": [[label, f["stations"].get(kind, 0)] for kind, label in ServiceStation.Kind.choices],
        },
    ]
    return {
        "key": "firms_facilities",
        "title": _("办公设施和服务站点"),
        "tables": tables,
        "charts": [],
        "facts": {
            "improvements": f["improvements"],
            "improvement_amount": f["amount"],
            "improvement_area": f["area"],
            "stations": sum(f["stations"].values()),
        },
        "summary": [("facilities", facilities_sentence(f))],
    }


def _shortfall_url(year):
    return reverse("firms:training_shortfall") + f"?year={year}"


def bureau_items(user, today):
    """Three queries: the firm counts and the county's training shortfall (two)."""
    counts = selectors.firm_counts()
    short = selectors.short_of_training_count(today.year)
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
    short = selectors.short_of_training_count(today.year, selectors.visible_lawyers(user))
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
registry.register_report_section("firms_facilities", facilities_section, order=11)
registry.register_dashboard_cards(bureau_items, dashboards=("bureau",), order=10)
registry.register_dashboard_cards(director_items, dashboards=("director",), order=10)
registry.register_dashboard_charts(bureau_charts, order=10)
registry.register_dashboard_panel(
    director_firms_panel, template="firms/_dashboard_firms.html", dashboards=("director",), order=10
)

from . import deadlines  # noqa: E402, F401  (this app's deadlines: firms/deadlines.py)
