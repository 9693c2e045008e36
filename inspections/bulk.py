"""One INSERT for thousands of rows that differ in a column or two: a draw's inspections (all
alike but the firm) and their assignments. ``bulk_create`` builds a model instance and prepares
every field of every row in Python, which at province scale (2,000 inspections, 4,000
assignments) costs more than the database's own work; here each column is prepared once, and the
varying ones travel as arrays that PostgreSQL unnests."""

from django.db import connections
from django.db.models.fields import AutoFieldMixin


def insert_rows(model, *, fixed, varying, returning=("pk",), using="default"):
    """Insert one row of `model` per position of the equal-length lists in `varying` ({field name:
    [values]}), every other column taken from `fixed` ({field name: value}) or the field's
    default. Returns a tuple of the `returning` fields (names; "pk" is the primary key) for each
    new row.

    As ``bulk_create``: no full_clean() and no signals; the database's constraints and triggers
    (the audit trail) apply to each row as to any insert."""
    connection = connections[using]
    template = model(**fixed)
    lengths = {len(values) for values in varying.values()}
    if len(lengths) != 1:
        raise ValueError("varying columns must have the same length")
    if not lengths.pop():
        return []
    columns, selected, params, arrays = [], [], [], []
    for field in model._meta.concrete_fields:
        if field.primary_key and isinstance(field, AutoFieldMixin):
            continue
        db_type = field.db_type(connection)
        columns.append(connection.ops.quote_name(field.column))
        if field.name in varying:
            values = [field.get_db_prep_save(value, connection) for value in varying[field.name]]
            arrays.append((values, db_type))  # passed after the constants, as they come in the SQL
            selected.append(f"v.c{len(arrays)}")
        else:
            selected.append(f"%s::{db_type}")
            params.append(field.get_db_prep_save(field.pre_save(template, add=True), connection))
    names = ", ".join(f"c{n}" for n in range(1, len(arrays) + 1))
    unnest = ", ".join(f"%s::{db_type}[]" for _values, db_type in arrays)
    returned = ", ".join(
        connection.ops.quote_name((model._meta.pk if name == "pk" else model._meta.get_field(name)).column)
        for name in returning
    )
    sql = (
        f"INSERT INTO {connection.ops.quote_name(model._meta.db_table)} ({', '.join(columns)}) "
        f"SELECT {', '.join(selected)} FROM unnest({unnest}) WITH ORDINALITY AS v({names}, n) "
        f"ORDER BY v.n RETURNING {returned}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, *(values for values, _db_type in arrays)])
        return [tuple(row) for row in cursor.fetchall()]
