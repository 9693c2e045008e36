"""Conflict-of-interest search on a large party table. Budget: 50 ms p95 per search.

Loads PARTIES parties (default 3,000,000) across PARTIES/3 cases in FIRMS firms (default 50, a
large county) with single INSERT ... SELECT generate_series statements, then times the portal's
own search (casework.conflict_search.search_conflicts: exact identity code + pg_trgm `%` inside one
firm) against a plain `icontains` scan of the same firm's parties.

It runs in the benchmarks' own database (bench/_django.py creates and migrates it), never one with
real data:
    .venv/bin/python bench/conflicts.py [parties] [firms] [runs] [threshold]
The load is skipped when the bench rows are already there. Bench rows skip the audit triggers
(session_replication_role = replica): they are synthetic.
"""

import random
import statistics
import sys
import time

import _django  # noqa: F401
from django.db import connection, transaction

from casework.conflict_search import search_conflicts
from casework.models import CaseworkSettings, Party
from firms.models import Firm

PLACES = "敦煌 酒泉 张掖 武威 金昌 嘉峪关 兰州 天水 定西 陇南 平凉 庆阳 白银 临夏 甘南 玉门 瓜州 肃州 民勤 古浪".split()
CORE = list(
    "鸣沙宏达绿源祥和金川丰收恒信天宇华美博远盛通汇丰德隆鑫泰瑞祥嘉禾永安昌盛新世纪东方明珠长城黄河"
    "万家兴旺福寿康宁富民远航创新卓越腾飞启明星辰浩然正气春秋山水云海松柏"
)
TRADES = (
    "建筑 商贸 农业发展 物业管理 运输 农资 房地产开发 餐饮 文化传媒 科技 机械 能源 旅游 矿业 医药".split()
)
SUFFIXES = ["有限公司", "有限责任公司", "股份有限公司"]
SURNAMES = list(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢"
)
GIVEN = list("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国志文海燕春梅晓东卫兵")


def _sql_array(items):
    return "ARRAY[" + ",".join(f"'{x}'" for x in items) + "]"


def _pick(array, seed_expr):
    # 1-based, deterministic per row: a cheap hash of the row number and a salt.
    return f"({array})[1 + (({seed_expr}) % array_length({array}, 1))]"


def load(parties, firms):
    cases = parties // 3
    start = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cur:
        cur.execute("SET LOCAL session_replication_role = replica")  # no audit triggers for bench rows
        cur.execute("SELECT id FROM bureau_user ORDER BY id LIMIT 1")
        row = cur.fetchone()
        if row is None:
            cur.execute(
                "INSERT INTO bureau_user (password, is_superuser, username, first_name, last_name, email, is_staff,"
                " is_active, date_joined, full_name, phone) VALUES ('!', false, 'bench', '', '', '', false, false,"
                " now(), '', '') RETURNING id"
            )
            row = cur.fetchone()
        user_id = row[0]
        cur.execute(
            """INSERT INTO firms_firm (version, name, short_name, credit_code, organisation_form, address, phone,
                 email, status, has_reception, office_rooms, has_meeting_room, has_archive_room, computers,
                 printers, copiers, projectors, scanners, av_recorders, created_at)
               SELECT 1, '基准测试第' || g || '律师事务所', '', 'BENCH' || lpad(g::text, 13, '0'), 'partnership',
                 '', '', '', 'practising', false, 0, false, false, 0, 0, 0, 0, 0, 0, now()
               FROM generate_series(1, %s) g""",
            [firms],
        )
        cur.execute("SELECT min(id) FROM firms_firm WHERE credit_code LIKE 'BENCH%%'")
        first_firm = cur.fetchone()[0]
        cur.execute(
            """INSERT INTO casework_conflictcheck (firm_id, matter, hits, decision, remarks, checked_by_id, checked_at)
               SELECT %s + (g %% %s), 'bench', '[]', 'no_conflict', '', %s, now()
               FROM generate_series(1, %s) g""",
            [first_firm, firms, user_id, cases],
        )
        cur.execute(
            """INSERT INTO casework_case (version, firm_id, year, serial, intake_no, case_type, cause, intake_date,
                 authority, conflict_check_id, is_legal_aid, aid_body, aid_notice_no, contract_no, agreed_fee,
                 status, result, archive_no, is_sensitive, registered_by_id, registered_at)
               SELECT 1, k.firm_id, 2025, row_number() OVER (PARTITION BY k.firm_id ORDER BY k.id),
                 'BENCH-' || k.id, 'civil', '合同纠纷', DATE '2025-01-01' + (k.id %% 360)::int, '', k.id, false, '',
                 '', '', 0, 'received', '', '', false, %s, now()
               FROM casework_conflictcheck k WHERE k.matter = 'bench'""",
            [user_id],
        )
        places, core, trades, suffixes = map(_sql_array, (PLACES, CORE, TRADES, SUFFIXES))
        surnames, given = _sql_array(SURNAMES), _sql_array(GIVEN)
        h = "(hashtext(c.id::text || '-' || r::text || '-{salt}') & 2147483647)"
        company = (
            f"{_pick(places, h.format(salt='p'))} || CASE WHEN {h.format(salt='s')} % 3 = 0 THEN '市' ELSE '' END"
            f" || {_pick(core, h.format(salt='a'))} || {_pick(core, h.format(salt='b'))}"
            f" || {_pick(trades, h.format(salt='t'))} || {_pick(suffixes, h.format(salt='x'))}"
        )
        person = (
            f"{_pick(surnames, h.format(salt='f'))} || {_pick(given, h.format(salt='g'))}"
            f" || CASE WHEN {h.format(salt='l')} % 2 = 0 THEN {_pick(given, h.format(salt='m'))} ELSE '' END"
        )
        cur.execute(
            f"""INSERT INTO casework_party (firm_id, case_id, role, kind, name, name_key, id_code)
                SELECT firm_id, case_id, role, kind, name,
                  regexp_replace(name, '(股份有限公司|有限责任公司|有限公司|集团|公司)$', ''), id_code
                FROM (
                  SELECT c.firm_id, c.id AS case_id, (ARRAY['client','opposing','other'])[r] AS role,
                    CASE WHEN {h.format(salt="k")} % 2 = 0 THEN 'organisation' ELSE 'person' END AS kind,
                    CASE WHEN {h.format(salt="k")} % 2 = 0 THEN {company} ELSE {person} END AS name,
                    CASE WHEN {h.format(salt="i")} % 4 = 0 THEN '' ELSE
                      lpad(({h.format(salt="i")} % 1000000000)::text, 18, '9') END AS id_code
                  FROM casework_case c CROSS JOIN generate_series(1, 3) r
                  WHERE c.intake_no LIKE 'BENCH-%%'
                ) s"""
        )
        # The issue's example, in the busiest firm.
        cur.execute(
            "UPDATE casework_party SET name = '敦煌市鸣沙建筑有限公司', name_key = '敦煌市鸣沙建筑' WHERE id = ("
            "SELECT min(id) FROM casework_party WHERE firm_id = %s)",
            [first_firm],
        )
    with connection.cursor() as cur:
        cur.execute("ANALYZE casework_party")
        cur.execute("ANALYZE casework_case")
    return time.perf_counter() - start


def percentile(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def main(parties=3_000_000, firms=50, runs=200, threshold=None):
    bench_firms = Firm.objects.filter(credit_code__startswith="BENCH")
    if not bench_firms.exists():
        print(f"loading {parties:,} parties in {parties // 3:,} cases across {firms} firms ...", flush=True)
        print(f"load: {load(parties, firms):.1f}s", flush=True)
    firm = bench_firms.order_by("id").first()
    settings = CaseworkSettings.load()
    if threshold is not None:  # the bench database's own settings row
        settings.conflict_similarity = threshold
        settings.save(update_fields=["conflict_similarity"])
    total = Party.objects.filter(firm__credit_code__startswith="BENCH").count()
    in_firm = Party.objects.filter(firm=firm).count()
    rng = random.Random(1)
    ids = sorted(Party.objects.filter(firm=firm).values_list("id", flat=True))
    chosen = rng.sample(ids, min(runs, len(ids)))  # the same sample on every run
    rows = Party.objects.filter(id__in=chosen).values_list("id", "name", "id_code", "kind")
    by_id = {pid: (name, code, kind) for pid, name, code, kind in rows}
    samples = [by_id[pid] for pid in chosen]

    def variant(name):
        # Real-world near misses: a dropped 市, a dropped character, or the name as entered.
        if "市" in name:
            return name.replace("市", "", 1)
        if len(name) > 4 and rng.random() < 0.5:
            i = rng.randrange(1, len(name) - 1)
            return name[:i] + name[i + 1 :]
        return name

    queries = [
        [
            {
                "role": "client",
                "kind": kind,
                "name": variant(name),
                "id_code": code if rng.random() < 0.5 else "",
            },
        ]
        for name, code, kind in samples
    ]
    search_conflicts(firm=firm, parties=queries[0])  # settings row, connection
    passes = []
    for _pass in ("first", "second"):
        trigram_times, hit_counts = [], []
        for q in queries:
            t = time.perf_counter()
            hits = search_conflicts(firm=firm, parties=q)
            trigram_times.append(time.perf_counter() - t)
            hit_counts.append(len(hits))
        passes.append(trigram_times)
    slowest = max(zip(trigram_times, (q[0]["name"] for q in queries), strict=True))
    trigram_recall = sum(
        any(h["name"] == name for h in search_conflicts(firm=firm, parties=q))
        for q, (name, _code, _kind) in zip(queries, samples, strict=True)
    )
    scan_times, scan_recall = [], 0
    scan_runs = max(20, runs // 5)
    for q, (name, _code, _kind) in zip(queries[:scan_runs], samples[:scan_runs], strict=True):
        t = time.perf_counter()
        names = list(
            Party.objects.filter(firm=firm, name__icontains=q[0]["name"]).values_list("name", flat=True)[:30]
        )
        scan_times.append(time.perf_counter() - t)
        scan_recall += name in names
    example = search_conflicts(
        firm=firm, parties=[{"role": "client", "kind": "organisation", "name": "敦煌鸣沙建筑有限公司"}]
    )
    found = any(h["name"] == "敦煌市鸣沙建筑有限公司" for h in example)

    ms = 1000
    print(
        f"conflicts: parties={total:,} firms={bench_firms.count()} parties_in_searched_firm={in_firm:,} runs={runs}"
    )
    cold = passes[0]
    print(
        f"  trigram search, first pass (pages may come from disk): median={statistics.median(cold) * ms:.1f}ms "
        f"p95={percentile(cold, 95) * ms:.1f}ms max={max(cold) * ms:.1f}ms"
    )
    print(
        f"  trigram search (search_conflicts): median={statistics.median(trigram_times) * ms:.1f}ms "
        f"p95={percentile(trigram_times, 95) * ms:.1f}ms max={max(trigram_times) * ms:.1f}ms "
        f"mean_hits={statistics.mean(hit_counts):.1f} found_original={trigram_recall}/{len(queries)} "
        "(budget p95 50ms)"
    )
    print(
        f"  icontains scan of the same firm:   median={statistics.median(scan_times) * ms:.1f}ms "
        f"p95={percentile(scan_times, 95) * ms:.1f}ms found_original={scan_recall}/{len(scan_times)}"
    )
    print(f"  slowest query: {slowest[1]} ({slowest[0] * ms:.1f}ms)")
    print(f"  '敦煌鸣沙建筑有限公司' finds '敦煌市鸣沙建筑有限公司': {found}")


if __name__ == "__main__":
    args = [int(a) for a in sys.argv[1:4]] + [float(a) for a in sys.argv[4:5]]
    main(*args)
