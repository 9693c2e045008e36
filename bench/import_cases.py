"""Bulk case import: time to check and import a 1,000-row case sheet. Budget: 30 s for the first
import; exits non-zero when it misses it.

Each run takes a fresh copy of the county dataset (bench/dataset.py, database
portal_bench_import_cases), adds a firm with two lawyers, builds the sheet in memory as a clerk would fill the template (varied
party names, a receipt each, most cases closed), and times casework.imports.run_import twice: the
first import (every row written, conflict search included) and the re-import (every row found,
nothing written).
    .venv/bin/python bench/import_cases.py [rows]
"""

import io
import sys
import time
import uuid

import _django
from openpyxl import Workbook

CHARS = "宏达鸣沙建工商贸金城祁连丝路陇原华信泰和永昌天成博远恒通瑞丰嘉禾春秋山水云海松柏"
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
TYPES = ["民事", "民事", "民事", "刑事", "行政", "非诉讼"]


def name(n, salt):
    return "".join(CHARS[(n * p + salt) % len(CHARS)] for p in (3, 7, 11, 13))


BUDGET_S = 30


def sheet(rows, licences):
    from casework.imports.cases import case_columns

    book = Workbook()
    page = book.active
    headers = [c.header for c in case_columns()]
    page.append(headers)
    for n in range(1, rows + 1):
        month = 1 + n % 12
        row = {
            "收案编号": f"〔2024〕律字第{n}号",
            "案件类型": TYPES[n % len(TYPES)],
            "案由": "买卖合同纠纷",
            "收案日期": f"2024-{month:02d}-05",
            "当事人": f"{name(n, 1)}有限公司|委托人|单位|；{SURNAMES[n % 20]}{name(n, 5)[:2]}|对方当事人|自然人|",
            "承办律师执业证号": licences[n % 2],
            "约定律师费（元）": "3000",
            "收费票据": f"B{n:06d}|3000|2024-{month:02d}-06",
            "结案日期": "" if n % 5 == 0 else f"2024-{month:02d}-25",
            "结案结果": "" if n % 5 == 0 else "判决",
        }
        page.append([row.get(h, "") for h in headers])
    out = io.BytesIO()
    book.save(out)
    out.seek(0)
    out.name = "bench.xlsx"
    return out


def main():
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    counts = _django.open_db("import_cases", "county")
    from bureau.models import User
    from casework.imports import run_import
    from firms.models import Firm, Lawyer

    tag = uuid.uuid4().hex[:8]
    user, _created = User.objects.get_or_create(username="bench-import", defaults={"full_name": "基准"})
    firm = Firm.objects.create(
        name=f"基准导入{tag}律师事务所",
        credit_code=f"BI{tag.upper()}{'0' * 8}",
        organisation_form="partnership",
    )
    licences = []
    for i in range(2):
        number = f"9{int(tag, 16) % 10**10:010d}{i:06d}"
        Lawyer.objects.create(
            firm=firm,
            name=f"基准律师{i}",
            gender="M",
            id_number=f"BENCH{tag}{i}"[:18],
            licence_no=number,
            licence_date="2010-07-01",
        )
        licences.append(number)
    upload = sheet(rows, licences)
    start = time.perf_counter()
    result = run_import("cases", upload, firm=firm, user=user, on_behalf=True)
    first = time.perf_counter() - start
    if not result.ok:
        print("errors:", result.errors[:5])
        sys.exit(1)
    upload.seek(0)
    start = time.perf_counter()
    again = run_import("cases", upload, firm=firm, user=user, on_behalf=True)
    second = time.perf_counter() - start
    ok = first <= BUDGET_S
    print(f"\nCase import of a {rows}-row sheet into one firm")
    _django.print_counts(counts, ["firms_firm", "firms_lawyer", "casework_case", "casework_party"])
    print(f"  import: {first:.1f} s (budget {BUDGET_S} s), {result.created} created {'OK' if ok else 'OVER'}")
    print(f"  re-import of the same sheet: {second:.1f} s, {again.created} created, {again.existing} found")
    if not ok:
        print("import_cases over budget: import")
        sys.exit(1)


if __name__ == "__main__":
    main()
