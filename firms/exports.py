"""Spreadsheet export of the firm and lawyer lists, through the one formula-safe writer."""

from bureau.spreadsheets import table_bytes


def xlsx_bytes(title, headers, rows):
    return table_bytes(title, headers, rows)
