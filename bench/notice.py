"""Median time to render a rectification notice (责令限期整改通知书) to PDF. Budget: 0.3 s; exits
non-zero when the median misses it.

The notice is built in memory (nothing is written to the database), on a copy of the county dataset
(database portal_bench_notice) like every benchmark.
Run: .venv/bin/python bench/notice.py [runs] [--out notice.pdf]
"""

import datetime
import statistics
import sys
import time

import _django

BUDGET_S = 0.3

FINDINGS = [
    {
        "section": "机构建设",
        "item": "执业许可证书悬挂于办公场所",
        "problem": "执业许可证书正本未在办公场所醒目位置悬挂",
        "rule": "《律师事务所管理办法》第五十条",
        "requirement": "将执业许可证书正本悬挂于接待场所",
    },
    {
        "section": "四统一管理",
        "item": "统一收案、统一收费",
        "problem": "抽查的12件卷宗中有3件未经律所统一登记收案",
        "rule": "《律师事务所管理办法》第五十条",
        "requirement": "建立并执行统一收案登记制度",
    },
    {
        "section": "执业规范",
        "item": "利益冲突审查记录完整",
        "problem": "2件民事案件缺少利益冲突审查记录",
        "rule": "《律师执业行为规范（试行）》第五十一条",
        "requirement": "补全审查记录，完善利益冲突审查流程",
    },
]


def sample_notice():
    from inspections.models import RectificationNotice

    return RectificationNotice(
        kind=RectificationNotice.Kind.INITIAL,
        year=2026,
        serial=3,
        doc_number="示司律整〔2026〕3号",
        firm_name="示范县明德律师事务所",
        findings=FINDINGS,
        requirement="请你所对照上述问题逐项整改，健全相关制度，并将整改情况书面报告我局。",
        report_method="请于整改期限届满前，将书面整改报告及相关佐证材料通过律师行业监管平台上传，"
        "或报送至司法局律师工作管理股。",
        workdays=20,
        issued_on=datetime.date(2026, 9, 29),
        deadline=datetime.date(2026, 11, 3),
        deadline_provisional=False,
    )


def render():
    from bureau.pdf import render_pdf

    context = {"notice": sample_notice(), "bureau_name": "示范县司法局"}
    return render_pdf("inspections/pdf/rectification_notice.html", context)


def main(runs=15, out=None):
    counts = _django.open_db("notice", "county")
    pdf = render()  # warm up: font discovery, template load
    if out:
        with open(out, "wb") as f:
            f.write(pdf)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        pdf = render()
        times.append(time.perf_counter() - start)
    median = statistics.median(times)
    ok = median <= BUDGET_S
    print(f"\nRectification notice to PDF, {runs} runs")
    _django.print_counts(counts, ["firms_firm", "inspections_inspection", "inspections_rectificationnotice"])
    print(
        f"  notice: median {median:.3f} s (budget {BUDGET_S:.3f} s), min {min(times):.3f} s, "
        f"max {max(times):.3f} s, {len(pdf):,} bytes {'OK' if ok else 'OVER'}"
    )
    if not ok:
        print("notice over budget: notice")
        sys.exit(1)


if __name__ == "__main__":
    args = sys.argv[1:]
    out = None
    if "--out" in args:
        out = args[args.index("--out") + 1]
        del args[args.index("--out") : args.index("--out") + 2]
    main(int(args[0]) if args else 15, out)
