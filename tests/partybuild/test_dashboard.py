from django.template.loader import render_to_string

from partybuild import contrib as dashboard

from .helpers import make_member


def test_bureau_items_count_the_checks(staff, branch, firm):
    for i in range(2):
        make_member(branch, f"加{i}", firm=firm)  # 4 full members, but the branch is the firm's own
    items = dashboard.bureau_items(staff)
    assert [i["count"] for i in items] == [0, 0]
    branch.kind = "joint"
    branch.save()
    assert dashboard.bureau_items(staff)[0]["count"] == 1


def test_bureau_items_are_not_for_others(director, inspector):
    assert dashboard.bureau_items(director) == [] and dashboard.bureau_items(inspector) == []


def test_director_sees_their_branch_item(director, director2, branch, other_branch):
    assert "甲所党支部" in dashboard.director_items(director)[0]["label"]
    assert "乙所党支部" in dashboard.director_items(director2)[0]["label"]


def test_firm_section_shows_member_counts_to_bureau_and_own_director_only(
    staff, director, director2, inspector, branch, firm
):
    section = dashboard.firm_section(staff, firm)
    assert section["full"] == 2 and section["branch"] == branch
    html = render_to_string("partybuild/_firm_section.html", {"section": section})
    assert "甲所党支部" in html and "正式党员 2 名" in html
    assert dashboard.firm_section(director, firm)["full"] == 2
    assert dashboard.firm_section(director2, firm) is None
    assert dashboard.firm_section(inspector, firm) is None


def test_bureau_items_take_two_queries(staff, branch, django_assert_num_queries):
    dashboard.bureau_items(staff)  # the settings row is created on first use
    with django_assert_num_queries(2):  # settings row; both counts in one query
        dashboard.bureau_items(staff)
