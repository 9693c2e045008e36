"""Items this app adds to the dashboards: dicts with label, count, url and warn (bool)."""


def bureau_items(user):
    return []


def director_items(user):
    return []


def inspector_items(user):
    return []


def firm_section(user, firm):
    """What the firm page shows of this app for `firm`: a dict for the template
    "<app>/_firm_section.html" (as `section`), or None for nothing. `user` may see `firm`."""
    return None
