"""The public draw check for citizens: the verdict first in plain Chinese, firms by name, the method
folded away with a stand-alone script that recomputes a real draw from its published inputs."""

import json
import subprocess
import sys

from inspections import services
from inspections.models import Draw


def _real_draw(plan, staff, firm, other_firm, inspector_entry, inspector3_entry):
    return services.draw_plan(plan=plan, user=staff, choose_seed=lambda inputs: "ab" * 32)


def test_downloaded_script_recomputes_a_real_draw(
    client, tmp_path, plan, staff, firm, other_firm, inspector_entry, inspector3_entry
):
    draw = _real_draw(plan, staff, firm, other_firm, inspector_entry, inspector3_entry)
    script = client.get("/public/draws/verify_draw.py")
    inputs = client.get(f"/public/draws/{draw.pk}/inputs.json")
    assert script.status_code == 200 and "attachment" in script["Content-Disposition"]
    assert inputs.status_code == 200 and "attachment" in inputs["Content-Disposition"]
    (tmp_path / "verify_draw.py").write_bytes(script.content)
    (tmp_path / "draw.json").write_bytes(inputs.content)
    # Run by a bare interpreter in an empty folder: nothing of the project is importable.
    run = [sys.executable, "-I", "verify_draw.py", "draw.json"]
    selection = subprocess.run([*run, "--json"], cwd=tmp_path, capture_output=True, text=True, check=True)
    assert json.loads(selection.stdout) == Draw.objects.get(pk=draw.pk).result
    report = subprocess.run(run, cwd=tmp_path, capture_output=True, text=True, check=False)
    assert report.returncode == 0
    assert report.stdout.strip().splitlines()[-1] == "复核结论：一致"
    drawn = draw.result["targets"][0]["id"]
    assert {firm.pk: firm.name, other_firm.pk: other_firm.name}[drawn] in report.stdout


def test_script_says_so_when_the_published_result_was_altered(
    client, tmp_path, plan, staff, firm, other_firm, inspector_entry, inspector3_entry
):
    draw = _real_draw(plan, staff, firm, other_firm, inspector_entry, inspector3_entry)
    data = json.loads(client.get(f"/public/draws/{draw.pk}/inputs.json").content)
    other = ({firm.pk, other_firm.pk} - {data["result"]["targets"][0]["id"]}).pop()
    data["result"]["targets"][0]["id"] = other
    (tmp_path / "draw.json").write_text(json.dumps(data), encoding="utf-8")
    (tmp_path / "verify_draw.py").write_bytes(client.get("/public/draws/verify_draw.py").content)
    report = subprocess.run(
        [sys.executable, "-I", "verify_draw.py", "draw.json"], cwd=tmp_path, capture_output=True, text=True
    )
    assert report.returncode == 1
    assert report.stdout.strip().splitlines()[-1] == "复核结论：不一致"


def test_page_gives_the_verdict_first_in_plain_chinese(
    client, plan, staff, firm, other_firm, inspector_entry, inspector3_entry
):
    draw = _real_draw(plan, staff, firm, other_firm, inspector_entry, inspector3_entry)
    html = client.get(f"/public/draws/{draw.pk}/verify/").content.decode()
    main = html[html.index("<main") :]
    assert main.index("复核结论：一致") < main.index("抽中的律师事务所")
    # Both firms of the listing appear by name; the method is folded, with both downloads.
    assert firm.name in main and other_firm.name in main
    assert '<details class="card mb-3" id="method">' in main and "自行复核方法" in main
    assert f"/public/draws/{draw.pk}/inputs.json" in main and "/public/draws/verify_draw.py" in main
    assert 'class="code-wrap">' + draw.targets_hash in main
    # No developer text: no algorithm name, Python call or file path; no person's name.
    for text in ["sha256-rank-v1", "secrets.token_hex", "test_draw.py", "tests/", "陈检查员", "甘执A001"]:
        assert text not in main


def test_downloads_of_an_unknown_draw_are_404(client, db):
    assert client.get("/public/draws/999999/inputs.json").status_code == 404
    assert client.get("/public/draws/999999/verify/").status_code == 404


def test_public_pages_run_fixed_queries(
    client, plan, staff, firm, other_firm, inspector_entry, inspector3_entry, django_assert_max_num_queries
):
    draw = _real_draw(plan, staff, firm, other_firm, inspector_entry, inspector3_entry)
    # The page: the draw with its plan, the draw superseding it, the firms' names (3), and the
    # session and site settings of the base template; the inputs: the draw and the names (2).
    with django_assert_max_num_queries(8):
        assert client.get(f"/public/draws/{draw.pk}/verify/").status_code == 200
    with django_assert_max_num_queries(2):
        assert client.get(f"/public/draws/{draw.pk}/inputs.json").status_code == 200
