"""Builders for Party-building test data."""

import datetime

from partybuild.models import Branch, BranchFirm, Member

D = datetime.date
FULL_DOCS = list(Member.Doc.values)
FOUNDED = D(2020, 1, 1)


def make_branch(name, *firms, kind=Branch.Kind.JOINT, founded_on=FOUNDED, **fields):
    branch = Branch.objects.create(name=name, kind=kind, founded_on=founded_on, **fields)
    BranchFirm.objects.bulk_create([BranchFirm(branch=branch, firm=f) for f in firms])
    return branch


def make_member(branch, name, stage=Member.Stage.FULL, *, firm=None, lawyer=None, docs=None, **dates):
    """A member whose step dates default to a plausible history ending at `stage`."""
    defaults = {
        "applied_on": D(2015, 1, 1),
        "activist_on": D(2015, 6, 1),
        "target_on": D(2016, 7, 1),
        "probationary_on": D(2016, 12, 1),
        "full_on": D(2017, 12, 1),
    }
    for st, field in Member.STEP_DATE_FIELDS.items():
        if st <= stage:
            dates.setdefault(field, defaults[field])
    if lawyer is not None:
        firm = lawyer.firm
        name = lawyer.name
    return Member.objects.create(
        branch=branch,
        name=name,
        stage=stage,
        firm=firm,
        lawyer=lawyer,
        archive_docs=FULL_DOCS if docs is None else docs,
        **dates,
    )
