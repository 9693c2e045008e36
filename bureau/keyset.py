"""Keyset pagination for the long registers: a page is the rows after a cursor (the key of the last
row of the page before), read with a row comparison that an index on the key serves directly. Page 1
and page 10,000 cost the same, and no page counts the whole list (a COUNT over a million cases costs
more than the page itself). The pager offers the next page and the first.

The key is a tuple of integer columns, newest first (all descending), whose last column is unique.
A cursor that does not parse (a hand-edited URL) gives the first page."""

from dataclasses import dataclass

from django.db.models import BooleanField
from django.db.models.expressions import RawSQL


@dataclass
class KeysetPage:
    object_list: list
    cursor: str  # this page's own cursor ("" for the first page)
    next_cursor: str = ""

    def __iter__(self):
        return iter(self.object_list)

    def __len__(self):
        return len(self.object_list)

    @property
    def has_next(self):
        return bool(self.next_cursor)

    @property
    def is_first(self):
        return not self.cursor

    @property
    def has_other_pages(self):
        return self.has_next or not self.is_first


def parse_cursor(text, width):
    parts = (text or "").split(".")
    if len(parts) != width:
        return None
    try:
        values = [int(part) for part in parts]
    except ValueError:
        return None
    # Out-of-range numbers would fail in PostgreSQL (bigint): such a cursor is not one we made.
    if any(abs(value) > 2**62 for value in values):
        return None
    return values


def keyset_page(queryset, key, cursor_text, size):
    """The `size` rows of `queryset` ordered by `key` (column names, all descending) after the
    cursor (any ordering of `queryset` is replaced; it must not be sliced)."""
    table = queryset.model._meta.db_table
    columns = [queryset.model._meta.get_field(name).column for name in key]
    cursor = parse_cursor(cursor_text, len(key))
    if cursor is not None:
        # One row comparison: PostgreSQL starts the index scan at the cursor.
        row = ", ".join(f'"{table}"."{column}"' for column in columns)
        marks = ", ".join(["%s"] * len(cursor))
        queryset = queryset.filter(RawSQL(f"({row}) < ({marks})", cursor, output_field=BooleanField()))
    rows = list(queryset.order_by(*[f"-{name}" for name in key])[: size + 1])
    next_cursor = ""
    if len(rows) > size:
        rows = rows[:size]
        last = rows[-1]
        next_cursor = ".".join(str(getattr(last, name)) for name in key)
    return KeysetPage(
        object_list=rows, cursor=".".join(map(str, cursor)) if cursor else "", next_cursor=next_cursor
    )
