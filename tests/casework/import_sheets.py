"""Spreadsheets for the import tests, written row by row as a clerk would fill the template."""

import io

from openpyxl import Workbook

from casework.imports.cases import case_columns
from casework.imports.service_logs import log_columns


def sheet_bytes(headers, rows):
    book = Workbook()
    sheet = book.active
    sheet.append(headers)
    for row in rows:
        sheet.append([row.get(header, "") for header in headers])
    out = io.BytesIO()
    book.save(out)
    out.seek(0)
    out.name = "sheet.xlsx"
    return out


# Names as varied as a real register's: four characters picked by the case number.
NAME_CHARACTERS = "宏达鸣沙建工商贸金城祁连丝路陇原华信泰和永昌天成博远恒通瑞丰嘉禾"


def party_name(n, salt=0):
    chars = NAME_CHARACTERS
    picked = [chars[(n * p + salt * 7 + i) % len(chars)] for i, p in enumerate((7, 13, 17, 19))]
    return "".join(picked) + str(n)


def case_row(n, licence, **overrides):
    """Case n of 2024: a civil case with one client and one opponent, a receipt, closed."""
    row = {
        "收案编号": f"〔2024〕律民字第{n}号",
        "案件类型": "民事",
        "案由": "买卖合同纠纷",
        "收案日期": "2024-03-05",
        "受理法院或机关": "示范县人民法院",
        "当事人": f"{party_name(n)}有限公司|委托人|单位|；{party_name(n, 1)}|对方当事人|自然人|",
        "承办律师执业证号": licence,
        "委托合同编号": f"HT-{n}",
        "合同签订日期": "2024-03-05",
        "约定律师费（元）": "5000",
        "收费票据": f"PJ{n:05d}|5000|2024-03-06",
        "法律援助": "否",
        "结案日期": "2024-09-30",
        "结案结果": "调解结案",
    }
    row.update(overrides)
    return row


def case_sheet(rows):
    return sheet_bytes([c.header for c in case_columns()], rows)


def log_row(n, licence, **overrides):
    row = {
        "记录编号": f"FW-{n}",
        "服务类型": "法律帮助",
        "日期": "2024-05-10",
        "参与律师执业证号": licence,
        "服务对象": "城关镇",
        "人次": "3",
    }
    row.update(overrides)
    return row


def log_sheet(rows):
    return sheet_bytes([c.header for c in log_columns()], rows)
