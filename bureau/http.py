"""Reading small values from a request's query string or form data without ever raising: a bad,
missing or out-of-range value gives the default, so a hand-edited URL shows the default page
instead of a 500."""

from django.utils import timezone

EARLIEST_YEAR = 2000


def int_param(data, name, *, default, minimum=None, maximum=None, choices=None):
    """``data[name]`` as an int (``data`` is ``request.GET``, ``request.POST`` or a dict), or
    ``default`` when it is missing, not a whole number, outside ``minimum..maximum`` or not one of
    ``choices``."""
    raw = data.get(name, "")
    if not isinstance(raw, str | int) or isinstance(raw, bool):
        return default
    try:
        value = int(raw.strip()) if isinstance(raw, str) else raw
    except ValueError:  # also NUL bytes, words, and numbers too long to convert
        return default
    if minimum is not None and value < minimum:
        return default
    if maximum is not None and value > maximum:
        return default
    if choices is not None and value not in choices:
        return default
    return value


def year_param(request, name="year", *, default=None, earliest=EARLIEST_YEAR, latest=None, data=None):
    """The year a page was asked for in ``?year=`` (or ``data``, e.g. ``request.POST``).

    ``default`` is this year (local time) unless given; ``latest`` is next year unless given, since a
    plan or a schedule may look one year ahead. Anything else gives ``default``; never raises.
    """
    this_year = timezone.localdate().year
    if default is None:
        default = this_year
    if latest is None:
        latest = this_year + 1
    source = request.GET if data is None else data
    return int_param(source, name, default=default, minimum=earliest, maximum=latest)


def quarter_param(request, name="quarter", *, default, data=None):
    """A quarter 1-4 from ``?quarter=``, or ``default``."""
    source = request.GET if data is None else data
    return int_param(source, name, default=default, choices=(1, 2, 3, 4))
