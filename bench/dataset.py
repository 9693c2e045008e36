"""The one dataset every benchmark measures: a province's law-firm sector over three years.

`sizes(scale, **changes)` names the sizes; `build(sizes)` loads them into the current (freshly
migrated) database with set-based SQL, one INSERT ... SELECT per table; `counts()` reads back the
rows there are. bench/_django.py builds each scale once into a template database and gives every
benchmark a copy of its own.

The rows are synthetic but shaped like a real register: every firm has lawyers with practice
records, ratings, assessments and training hours; cases spread over three years with their
conflict checks, parties (company and person names), lawyers, fee receipts, closings and archives;
service logs of every kind; four quarters of filed figures a year with versions; Party branches with
members and a year of meetings and attendance; inspection plans with draws, inspections,
assignments, rectification notices, responses and verifications. Names and numbers come from a hash
of the row number, so two builds are identical.

The audit triggers are switched off for the load only (session_replication_role = replica): the
rows are synthetic, and the triggers stay in place for the benchmark itself. The secondary indexes
of the large tables are dropped during the load and built again after it, as a bulk load would.
"""

import time

from django.db import connection

YEARS = (2024, 2025, 2026)

SCALES = {
    # A large county: the figures a county bureau sees.
    "county": dict(
        firms=50,
        lawyers=1_000,
        cases=10_000,
        service_logs=1_500,
        quarterly_years=2,
        branches=20,
        members=1_000,
        inspectors=20,
        training_sessions=12,
    ),
    # The province's registry with a county's cases: the baseline of the flatness ratios.
    "small": dict(
        firms=2_000,
        lawyers=40_000,
        cases=10_000,
        service_logs=20_000,
        quarterly_years=1,
        branches=800,
        members=40_000,
        inspectors=200,
        training_sessions=30,
    ),
}
SCALES["province"] = {**SCALES["small"], "cases": 1_000_000}

# Tables whose row counts the benchmarks print.
COUNTED = [
    "firms_firm",
    "firms_lawyer",
    "firms_trainingattendance",
    "casework_case",
    "casework_party",
    "casework_checkedparty",
    "casework_feereceipt",
    "casework_servicelog",
    "casework_quarterlyreport",
    "casework_quarterlyreportversion",
    "partybuild_branch",
    "partybuild_member",
    "partybuild_meeting",
    "partybuild_attendance",
    "inspections_inspector",
    "inspections_plan",
    "inspections_inspection",
    "inspections_rectificationnotice",
    "inspections_response",
]

# Bulk-loaded tables whose secondary indexes are rebuilt after the load.
LARGE = [
    "casework_conflictcheck",
    "casework_checkedparty",
    "casework_case",
    "casework_party",
    "casework_caselawyer",
    "casework_feereceipt",
    "partybuild_attendance",
    "firms_trainingattendance",
]

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
FIRM_WORDS = "明德 正源 信达 公平 大成 金诚 天平 鼎和 德恒 中伦 君合 汇业 正大 立信 合众 诚和".split()
CAUSES = {
    "civil": "合同纠纷 民间借贷纠纷 离婚纠纷 劳动争议 机动车交通事故责任纠纷 房屋买卖合同纠纷 继承纠纷".split(),
    "criminal": "盗窃罪 诈骗罪 故意伤害罪 危险驾驶罪 交通肇事罪".split(),
    "administrative": "行政处罚 行政许可 行政强制".split(),
    "non_litigation": "常年法律顾问 合同审查 尽职调查".split(),
    "arbitration": "劳动争议仲裁 商事仲裁".split(),
    "other": "其他法律事务".split(),
}
SERVICE_KINDS = [
    "legal_help",
    "consultation",
    "petition",
    "adviser",
    "mediation",
    "health_check",
    "military",
    "veterans",
    "duty",
]


def sizes(scale, **changes):
    if scale not in SCALES:
        raise SystemExit(f"unknown scale {scale!r}: one of {', '.join(SCALES)}")
    unknown = set(changes) - set(SCALES[scale])
    if unknown:
        raise SystemExit(f"unknown sizes {sorted(unknown)}")
    return {**SCALES[scale], **changes}


def counts():
    with connection.cursor() as cursor:
        cursor.execute(" union all ".join(f"select '{t}', count(*) from {t}" for t in COUNTED))
        return dict(cursor.fetchall())


def _array(items):
    return "ARRAY[" + ",".join(f"'{x}'" for x in items) + "]"


def _pick(items, seed):
    """One of `items`, chosen by the integer SQL expression `seed` (>= 0)."""
    array = _array(items)
    return f"({array})[1 + (({seed}) % {len(items)})]"


def _h(expr, salt):
    """A non-negative integer hash of a SQL expression: cheap, deterministic, well spread."""
    return f"(hashtext(({expr})::text || '{salt}') & 2147483647)"


class _Loader:
    def __init__(self, cursor, size):
        self.cursor = cursor
        self.size = size

    def run(self, label, sql):
        start = time.perf_counter()
        self.cursor.execute(sql)
        print(f"   {label}: {self.cursor.rowcount:,} rows, {time.perf_counter() - start:.1f} s", flush=True)


def build(size):
    with connection.cursor() as cursor:
        cursor.execute("set session_replication_role = replica")  # no audit triggers for synthetic rows
        cursor.execute("set statement_timeout = 0")  # the portal's limit is for requests, not a bulk load
        cursor.execute("set synchronous_commit = off")
        dropped = _drop_secondary_indexes(cursor)
        load = _Loader(cursor, size)
        _users(load)
        _registry(load)
        _pinyin()
        _cases(load)
        _services(load)
        _quarterly(load)
        _party(load)
        _inspections(load)
        _recreate_indexes(load, dropped)
        cursor.execute("set session_replication_role = origin")
        cursor.execute("create table bench_dataset (sizes jsonb not null, built_at timestamptz not null)")
        cursor.execute(
            "insert into bench_dataset values (%s::jsonb, now())", [__import__("json").dumps(size)]
        )
    with connection.cursor() as cursor:
        start = time.perf_counter()
        cursor.execute("vacuum analyze")
        print(f"   vacuum analyze: {time.perf_counter() - start:.1f} s", flush=True)


def _drop_secondary_indexes(cursor):
    cursor.execute(
        """select i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)
           from pg_index i
           where i.indrelid::regclass::text = any(%s) and not i.indisprimary
             and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid)""",
        [LARGE],
    )
    rows = cursor.fetchall()
    for name, _definition in rows:
        cursor.execute(f'drop index "{name}"')
    return rows


def _recreate_indexes(load, rows):
    start = time.perf_counter()
    for _name, definition in rows:
        load.cursor.execute(definition)
    print(f"   {len(rows)} secondary indexes rebuilt: {time.perf_counter() - start:.1f} s", flush=True)


def _users(load):
    # One clerk records everything; benchmarks add the logins they need through the services.
    load.run(
        "users",
        """insert into bureau_user (password, is_superuser, username, first_name, last_name, email, is_staff,
             is_active, date_joined, full_name, phone, must_change_password, otp_failures, calendar_key,
             email_reminders)
           values ('!', false, 'dataset', '', '', '', false, false, now(), '数据录入', '', false, 0, '', 'off')""",
    )
    load.run(
        "inspector users",
        f"""insert into bureau_user (password, is_superuser, username, first_name, last_name, email, is_staff,
             is_active, date_joined, full_name, phone, must_change_password, otp_failures, calendar_key,
             email_reminders)
           select '!', false, 'inspector' || g, '', '', '', false, true, now(),
             {_pick(SURNAMES, _h("g", "is"))} || {_pick(GIVEN, _h("g", "ig"))}, '', false, 0, 'k' || g, 'off'
           from generate_series(1, {load.size["inspectors"]}) g""",
    )
    load.run(
        "inspectors",
        """insert into inspections_inspector (certificate_no, is_active, user_id)
           select 'JC' || lpad(substr(username, 10), 6, '0'), true, id from bureau_user where username like 'inspector%'""",
    )


def _registry(load):
    s = load.size
    firm_name = f"{_pick(PLACES, _h('g', 'fp'))} || {_pick(FIRM_WORDS, _h('g', 'fw'))} || g || '律师事务所'"
    load.run(
        "firms",
        f"""insert into firms_firm (version, name, short_name, credit_code, licence_no, organisation_form, founded_on,
              address, phone, email, status, deregistered_on, office_area, has_reception, reception_area,
              office_rooms, has_meeting_room, meeting_room_area, has_archive_room, archive_room_area, computers,
              printers, copiers, projectors, scanners, av_recorders, created_at, name_pinyin)
            select 1, {firm_name}, '', '31620000' || lpad(g::text, 10, '0'), '2' || lpad(g::text, 16, '0'),
              {_pick(["partnership", "partnership", "partnership", "special_partnership", "sole", "sole", "state"], _h("g", "ff"))},
              date '1995-01-01' + ({_h("g", "fd")} % 10000), '示范省某县人民路' || g || '号', '0931-' || lpad(g::text, 7, '0'),
              '', case when g % 50 = 0 then 'suspended' when g % 97 = 0 then 'restructuring' else 'practising' end,
              null, 120 + g % 400, true, 20, 3 + g % 12, true, 30, true, 15, 5 + g % 30, 2, 1, 1, 1, 1, now(), ''
            from generate_series(1, {s["firms"]}) g""",
    )
    load.run(
        "firm status history",
        """insert into firms_firmstatuschange (status, changed_on, note, recorded_at, firm_id)
           select 'practising', founded_on, '', now(), id from firms_firm""",
    )
    person = f"{_pick(SURNAMES, _h('g', 'ls'))} || {_pick(GIVEN, _h('g', 'lg'))} || case when g % 3 = 0 then '' else {_pick(GIVEN, _h('g', 'lh'))} end"
    load.run(
        "lawyers",
        f"""insert into firms_lawyer (version, name, gender, id_number, licence_no, licence_date, category, is_partner,
              status, phone, education, political_status, firm_id, name_pinyin)
            select 1, {person}, case when g % 2 = 0 then 'M' else 'F' end,
              '62' || lpad(g::text, 16, '0'), '1' || lpad(g::text, 16, '0'),
              date '2000-01-01' + ({_h("g", "ll")} % 8500),
              {_pick(["full_time"] * 7 + ["part_time", "public", "corporate", "legal_aid"], _h("g", "lc"))},
              g % 6 = 0, case when g % 40 = 0 then 'suspended' else 'practising' end, '138' || lpad(g::text, 8, '0'),
              {_pick(["bachelor"] * 5 + ["master", "master", "college", "doctorate"], _h("g", "le"))},
              {_pick(["party_member"] * 4 + ["masses"] * 4 + ["democratic", "league"], _h("g", "lp"))},
              (select min(id) from firms_firm) + (g - 1) % {s["firms"]}, ''
            from generate_series(1, {s["lawyers"]}) g""",
    )
    load.run(
        "practice records",
        """insert into firms_practicerecord (started_on, ended_on, note, firm_id, lawyer_id, category, is_partner)
           select licence_date, null, '', firm_id, id, category, is_partner from firms_lawyer""",
    )
    load.run(
        "ratings",
        f"""insert into firms_standardisationrating (level, conferred_by, conferred_on, valid_until, firm_id)
            select {_pick(["county", "county", "city", "province"], _h("id", "rl"))}, '示范市司法局',
              date '2023-03-01' + ({_h("id", "rd")} % 700), date '2026-03-01' + ({_h("id", "rd")} % 700), id
            from firms_firm where id % 3 = 0""",
    )
    for year in YEARS[:-1]:
        load.run(
            f"firm assessments {year}",
            f"""insert into firms_firmassessment (year, result, remarks, firm_id)
                select {year}, case when id % 25 = 0 then 'fail' else 'pass' end, '', id from firms_firm""",
        )
        load.run(
            f"lawyer assessments {year}",
            f"""insert into firms_lawyerassessment (year, result, remarks, lawyer_id)
                select {year}, case when id % 50 = 0 then 'basic' else 'competent' end, '', id from firms_lawyer""",
        )
    load.run(
        "training sessions",
        f"""insert into firms_trainingsession (title, held_on, organiser, kind, hours)
            select y || '年第' || g || '期律师业务培训', make_date(y, 1 + (g - 1) % 11, 10 + g % 15), '示范市律师协会',
              {_pick(["practice", "ethics", "discipline", "new_law", "other"], "g")}, 4 + (g % 3) * 2
            from unnest(array{list(YEARS)}) y cross join generate_series(1, {s["training_sessions"]}) g""",
    )
    # Each lawyer attends about a tenth of the sessions of each year.
    load.run(
        "training attendance",
        """insert into firms_trainingattendance (hours, lawyer_id, session_id)
           select s.hours, l.id, s.id from firms_lawyer l join firms_trainingsession s
             on (l.id + s.id) % 10 = 0""",
    )
    load.run(
        "training hours by year",  # what the attendance triggers keep, which the load switches off
        """insert into firms_trainingyearhours (lawyer_id, year, hours)
           select a.lawyer_id, extract(year from s.held_on)::int, sum(a.hours)
           from firms_trainingattendance a join firms_trainingsession s on s.id = a.session_id group by 1, 2""",
    )
    load.run(
        "improvements",
        """insert into firms_firmimprovement (made_on, description, area, amount, firm_id)
           select make_date(y, (3 + id % 8)::int, (1 + id % 27)::int), '办公场所改造', 20 + id % 80, 10000 + (id % 50) * 1000, id
           from firms_firm cross join unnest(array[2024, 2025, 2026]) y where id % 7 = 0""",
    )
    load.run(
        "service stations",
        """insert into firms_servicestation (kind, name, since, until, firm_id)
           select case when id % 2 = 0 then 'veterans' else 'legal_aid' end, '第' || id || '号服务站',
             date '2023-06-01' + (id % 400)::int, null, id
           from firms_firm where id % 9 = 0""",
    )


def _pinyin():
    """Rows loaded by SQL bypass Firm.save() and Lawyer.save(), which store the names' pinyin for the
    registry search (firms.search): computed here once per distinct name, written with COPY."""
    from firms.search import pinyin_key

    start = time.perf_counter()
    with connection.cursor() as cursor:
        for table in ("firms_firm", "firms_lawyer"):
            cursor.execute(f"select distinct name from {table}")
            names = [name for (name,) in cursor.fetchall()]
            cursor.execute("create temp table name_pinyin (name text primary key, pinyin text)")
            with cursor.cursor.copy("copy name_pinyin (name, pinyin) from stdin") as copy:
                for name in names:
                    copy.write_row((name, pinyin_key(name)))
            cursor.execute(
                f"update {table} t set name_pinyin = p.pinyin from name_pinyin p where p.name = t.name"
            )
            cursor.execute("drop table name_pinyin")
    print(f"   pinyin of firm and lawyer names: {time.perf_counter() - start:.1f} s", flush=True)


def _cases(load):
    s = load.size
    firms = s["firms"]
    # A case's firm and its lawyers: slot tables let one set-based join pick them.
    load.cursor.execute(
        """create temp table firm_slot as
           select id as firm_id, row_number() over (order by id) - 1 as slot from firms_firm;
           create temp table lawyer_slot as
           select firm_id, id as lawyer_id, row_number() over (partition by firm_id order by id) - 1 as slot,
             count(*) over (partition by firm_id) as n
           from firms_lawyer;
           create index on lawyer_slot (firm_id, slot)"""
    )
    # Firms are uneven: the largest firm takes 2 % of the cases, a quarter of the firms half of them.
    firm_of = (
        f"case when {_h('g', 'cf')} % 100 < 2 then 0"
        f" when {_h('g', 'cf')} % 2 = 0 then ({_h('g', 'cg')} % greatest({firms} / 4, 1))"
        f" else {_h('g', 'ch')} % {firms} end"
    )
    year_of = f"(array{list(YEARS)})[1 + g % {len(YEARS)}]"
    load.run(
        "case plan",
        f"""create temp table case_plan as
            select g, f.firm_id, {year_of} as year,
              {_pick(["civil"] * 6 + ["criminal"] * 2 + ["non_litigation", "administrative", "arbitration", "other"], _h("g", "ct"))} as case_type,
              {_h("g", "cd")} % 330 as day_no
            from generate_series(1, {s["cases"]}) g join firm_slot f on f.slot = {firm_of}""",
    )
    load.run(
        "conflict checks",
        """insert into casework_conflictcheck (id, matter, hits, decision, remarks, checked_at, checked_by_id, firm_id, kind)
           select g, '收案审查', '[]', 'no_conflict', '', make_date(year, 1, 1) + day_no + time '09:00' at time zone 'Asia/Shanghai',
             (select id from bureau_user where username = 'dataset'), firm_id, 'intake'
           from case_plan""",
    )
    load.cursor.execute(
        "select setval(pg_get_serial_sequence('casework_conflictcheck', 'id'), (select max(id) from casework_conflictcheck))"
    )
    # Status follows the age of the case: most older cases are closed and archived.
    causes = {k: _array(v) for k, v in CAUSES.items()}
    cause = (
        "case case_type "
        + " ".join(
            f"when '{k}' then ({a})[1 + {_h('g', 'cc')} % {len(CAUSES[k])}]" for k, a in causes.items()
        )
        + " end"
    )
    load.run(
        "cases",
        f"""insert into casework_case (id, version, year, serial, intake_no, case_type, cause, intake_date, authority,
              is_legal_aid, aid_body, aid_notice_no, contract_no, contract_date, agreed_fee, status, closed_on, result,
              archive_no, archived_on, is_sensitive, sensitive_due_on, registered_at, firm_id, registered_by_id,
              conflict_check_id, is_pro_bono, has_receipt, sensitive_filed)
            select g, 1, year, serial, '(' || year || ')律' || left(case_type, 3) || '字第' || serial || '号', case_type, {cause},
              intake, '示范县人民法院', legal_aid, case when legal_aid then '示范县法律援助中心' else '' end,
              case when legal_aid then '援' || g else '' end, case when legal_aid then '' else 'HT' || g end,
              case when legal_aid then null else intake end, case when legal_aid then 0 else 3000 + (g % 40) * 500 end,
              status, closed, case when closed is null then '' else '调解结案' end,
              case when status = 'archived' then 'GD' || g else '' end,
              case when status = 'archived' then closed + 20 else null end,
              sensitive, case when sensitive then intake + 3 else null end,
              intake + time '10:00' at time zone 'Asia/Shanghai', firm_id, (select id from bureau_user where username = 'dataset'),
              g, g % 53 = 0 and not legal_aid,
              -- the cases the fee receipts below are written for (the triggers that keep it are off)
              not legal_aid and g % 53 <> 0 and (status <> 'received' or g % 2 = 0),
              sensitive  -- every sensitive case is filed below
            from (
              select *, case when status in ('closed', 'archived') then least(intake + 30 + {_h("g", "cl")} % 120, date '2026-11-30') end as closed
              from (
                select g, firm_id, year, case_type, make_date(year, 1, 1) + day_no as intake,
                  row_number() over (partition by firm_id, year order by day_no, g) as serial,
                  g % 10 = 0 as legal_aid, g % 97 = 0 as sensitive,
                  case
                    when year < 2026 and {_h("g", "cs")} % 100 < case when year = 2024 then 85 else 55 end then 'archived'
                    when year < 2026 and {_h("g", "cs")} % 100 < 95 then 'closed'
                    when year < 2026 then 'in_progress'
                    when day_no < 200 and {_h("g", "cs")} % 100 < 40 then 'closed'
                    when day_no < 100 and {_h("g", "cs")} % 100 < 60 then 'archived'
                    when {_h("g", "cs")} % 100 < 70 then 'in_progress'
                    else 'received' end as status
                from case_plan
              ) a
            ) b""",
    )
    load.cursor.execute(
        "select setval(pg_get_serial_sequence('casework_case', 'id'), (select max(id) from casework_case))"
    )
    load.run(
        "intake counters",
        """insert into casework_intakecounter (firm_id, year, last_serial)
           select firm_id, year, max(serial) from casework_case group by firm_id, year""",
    )
    # Three parties a case: the client, the opposing party and a third; half companies, half people.
    company = (
        f"{_pick(PLACES, _h('c.id::text || r', 'p'))} || case when {_h('c.id::text || r', 's')} % 3 = 0 then '市' else '' end"
        f" || {_pick(CORE, _h('c.id::text || r', 'a'))} || {_pick(CORE, _h('c.id::text || r', 'b'))}"
        f" || {_pick(TRADES, _h('c.id::text || r', 't'))} || {_pick(SUFFIXES, _h('c.id::text || r', 'x'))}"
    )
    person = (
        f"{_pick(SURNAMES, _h('c.id::text || r', 'f'))} || {_pick(GIVEN, _h('c.id::text || r', 'g'))}"
        f" || case when {_h('c.id::text || r', 'l')} % 2 = 0 then {_pick(GIVEN, _h('c.id::text || r', 'm'))} else '' end"
    )
    load.cursor.execute(
        f"""create temp table party_plan as
            select c.firm_id, c.id as case_id, c.conflict_check_id, (array['client','opposing','other'])[r] as role,
              case when {_h("c.id::text || r", "k")} % 2 = 0 then 'organisation' else 'person' end as kind,
              case when {_h("c.id::text || r", "k")} % 2 = 0 then {company} else {person} end as name,
              case when {_h("c.id::text || r", "i")} % 4 = 0 then ''
                when {_h("c.id::text || r", "k")} % 2 = 0 then '91620' || lpad(({_h("c.id::text || r", "i")} % 1000000000)::text, 13, '0')
                else '62' || lpad(({_h("c.id::text || r", "i")} % 1000000000)::text, 16, '0') end as id_code
            from casework_case c cross join generate_series(1, 3) r"""
    )
    load.run(
        "parties",
        """insert into casework_party (firm_id, case_id, role, kind, name, name_key, id_code)
           select firm_id, case_id, role, kind, name,
             regexp_replace(name, '(股份有限公司|有限责任公司|有限公司|集团|公司)$', ''), id_code
           from party_plan""",
    )
    load.run(
        "checked parties",
        """insert into casework_checkedparty (role, kind, name, id_code, conflict_check_id)
           select role, kind, name, id_code, conflict_check_id from party_plan""",
    )
    load.cursor.execute("drop table party_plan")
    load.run(
        "case lawyers",
        """insert into casework_caselawyer (case_id, lawyer_id)
           select distinct c.id, l.lawyer_id
           from casework_case c cross join generate_series(0, 1) r
           join lawyer_slot l on l.firm_id = c.firm_id
             and l.slot = (c.id + r * 7) % l.n
           where r = 0 or c.id % 3 = 0""",
    )
    load.run(
        "fee receipts",
        """insert into casework_feereceipt (receipt_no, amount, received_on, case_id)
           select 'SF' || id, agreed_fee, intake_date + 2, id from casework_case
           where not is_legal_aid and not is_pro_bono and (status <> 'received' or id % 2 = 0)""",
    )
    load.cursor.execute(
        "select count(*) from casework_case c"
        " where has_receipt <> exists (select 1 from casework_feereceipt r where r.case_id = c.id)"
    )
    assert load.cursor.fetchone()[0] == 0, "has_receipt disagrees with the receipts"
    load.run(
        "sensitive filings",
        """insert into casework_sensitivefiling (case_id, client, authority, facts, legal_issues, lawyer_opinion, filed_on,
             status, bureau_comment, reviewed_at, filed_by_id, reviewed_by_id)
           select id, '委托人' || id, authority, '案情摘要', '法律问题', '依法稳妥办理', intake_date + 2,
             'acknowledged', '', registered_at + interval '3 days', registered_by_id, registered_by_id
           from casework_case where is_sensitive""",
    )


def _services(load):
    s = load.size
    kinds = _array(SERVICE_KINDS)
    load.run(
        "service logs",
        f"""insert into casework_servicelog (kind, date, counterpart, org_kind, term_start, term_end, contract_no,
              duty_place, dispute_category, person_times, disputes_taken, disputes_settled, publicity_sessions,
              consultations, opinion_letters, risk_points, matters_handled, contracts_reviewed, problems_found,
              remarks, created_at, created_by_id, firm_id, import_key)
            select kind, d, case when kind in ('adviser', 'health_check', 'military') then '示范县第' || g || '单位' else '' end,
              case when kind = 'adviser' then {_pick(["party_government", "institution", "enterprise", "town", "village"], "g")} else '' end,
              case when kind in ('adviser', 'military') then d end, case when kind in ('adviser', 'military') then d + 364 end,
              case when kind in ('adviser', 'military') then 'FW' || g else '' end,
              case when kind = 'duty' then case when g % 2 = 0 then 'service_centre' else 'aid_station' end else '' end,
              case when kind = 'mediation' and g % 3 = 0 then '道路交通事故纠纷' else '' end,
              case when kind in ('legal_help', 'consultation', 'petition', 'veterans', 'duty') then 1 + g % 9 else 0 end,
              case when kind = 'mediation' then 1 + g % 4 else 0 end, case when kind = 'mediation' then g % 3 else 0 end,
              case when kind = 'health_check' then 1 else 0 end, case when kind = 'adviser' then g % 6 else 0 end,
              case when kind = 'health_check' then 1 + g % 2 else 0 end, case when kind = 'health_check' then g % 5 else 0 end,
              case when kind = 'adviser' then g % 4 else 0 end, case when kind = 'adviser' then g % 5 else 0 end,
              case when kind = 'health_check' then g % 3 else 0 end, '', d + time '16:00' at time zone 'Asia/Shanghai',
              (select id from bureau_user where username = 'dataset'),
              f.firm_id, ''
            from (
              select g, ({kinds})[1 + g % {len(SERVICE_KINDS)}] as kind,
                make_date((array{list(YEARS)})[1 + g % {len(YEARS)}], 1, 1) + {_h("g", "sd")} % 330 as d
              from generate_series(1, {s["service_logs"]}) g
            ) a
            join firm_slot f on f.slot = {_h("g", "sf")} % {s["firms"]}""",
    )
    load.run(
        "service log lawyers",
        """insert into casework_serviceloglawyer (log_id, lawyer_id)
           select s.id, l.lawyer_id from casework_servicelog s join lawyer_slot l on l.firm_id = s.firm_id and l.slot = s.id % l.n""",
    )


def _quarterly(load):
    """Four quarters a year for `quarterly_years` years before the current one, accepted, each with
    its submitted versions (one in ten returned once before acceptance)."""
    from casework.statistics import FIGURES

    s = load.size
    keys = [key for key, _label in FIGURES]
    entries = ", ".join(
        f"'{key}', jsonb_build_object('prefilled', {i} + f.slot % 7, 'value', {i} + f.slot % 7, 'reason', '')"
        for i, key in enumerate(keys)
    )
    years = list(YEARS[-1 - s["quarterly_years"] : -1])
    load.run(
        "quarterly reports",
        f"""insert into casework_quarterlyreport (version, year, quarter, status, figures, due_on, due_provisional,
              first_submitted_on, created_at, created_by_id, firm_id)
            select 2, y, q, 'accepted', jsonb_build_object({entries}),
              (make_date(y, q * 3, 1) + interval '1 month' + interval '9 days')::date, false,
              (make_date(y, q * 3, 1) + interval '1 month' + interval '5 days')::date,
              make_date(y, q * 3, 20), (select id from bureau_user where username = 'dataset'), f.firm_id
            from firm_slot f cross join unnest(array{years}) y cross join generate_series(1, 4) q""",
    )
    load.run(
        "quarterly versions",
        """insert into casework_quarterlyreportversion (number, figures, submitted_at, decision, comment, reviewed_at,
              report_id, reviewed_by_id, submitted_by_id)
           select n, figures, first_submitted_on + (n - 1) * 2 + time '10:00',
             case when n < v then 'returned' else 'accepted' end, case when n < v then '数字有误，请更正' else '' end,
             first_submitted_on + (n - 1) * 2 + 1 + time '10:00', id, created_by_id, created_by_id
           from (select *, case when id % 10 = 0 then 2 else 1 end as v from casework_quarterlyreport) r
             cross join generate_series(1, 2) n
           where n <= v""",
    )


def _party(load):
    s = load.size
    branches, firms = s["branches"], s["firms"]
    own = max(branches // 2, 1)
    per_joint = max((firms - own) // max(branches - own, 1), 1)
    # Half the branches are a large firm's own; the rest join the remaining firms evenly.
    load.run(
        "branches",
        f"""insert into partybuild_branch (version, name, kind, founded_on, status, committee_elected_on,
              has_party_groups, standard_status, standard_criteria, standard_recognised_on)
            select 1, '示范律师行业第' || g || '党支部', case when g <= {own} then 'own' else 'joint' end,
              date '2015-01-01' + g, 'active', date '2024-03-01', g % 4 = 0,
              case when g % 5 = 0 then 'recognised' when g % 5 = 1 then 'in_progress' else 'none' end,
              case when g % 5 = 0 then array['organisation','team','meetings','members','venue','records']::varchar[]
                else array[]::varchar[] end,
              case when g % 5 = 0 then date '2025-06-01' end
            from generate_series(1, {branches}) g""",
    )
    load.cursor.execute(
        "create temp table branch_slot as select id as branch_id, row_number() over (order by id) - 1 as slot from partybuild_branch"
    )
    load.run(
        "branch firms",
        f"""insert into partybuild_branchfirm (branch_id, firm_id)
            select b.branch_id, f.firm_id from firm_slot f join branch_slot b
              on b.slot = case when f.slot < {own} then f.slot else least({own} + (f.slot - {own}) / {per_joint}, {branches - 1}) end""",
    )
    load.run(
        "members",
        f"""insert into partybuild_member (version, name, status, stage, applied_on, activist_on, target_on, probationary_on,
              full_on, archive_docs, imported, created_at, branch_id, firm_id, lawyer_id)
            select 1, coalesce(l.name, '党员' || g), 'active', stage,
              base, base + 180, base + 580, case when stage >= 4 then base + 700 end,
              case when stage = 5 then base + 1070 end,
              -- The archive documents each stage requires (partybuild.models.DOC_REQUIRED_FROM), but
              -- one member in fifty misses the last one: the rule check finds those.
              (array['application', 'autobiography', 'activist_record', 'political_review', 'public_notice',
                     'volunteer_form', 'conversion_application'])[1:(case stage when 5 then 7 when 4 then 6
                     when 3 then 4 when 2 then 2 else 1 end) - case when g % 50 = 0 then 1 else 0 end]::varchar[],
              true, now(), bf.branch_id, f.firm_id, l.id
            from (select g, stage,
                    -- Full members joined over the years; the others are in this year's cohort, so
                    -- conversions fall due through the coming year (a few are overdue).
                    case when stage = 5 then date '2005-01-01' + g % 6000 else date '2024-01-01' + g % 330 end as base
                  from (select g, case when g % 20 = 0 then 4 when g % 41 = 0 then 2 else 5 end as stage
                        from generate_series(1, {s["members"]}) g) g) m
            join firm_slot f on f.slot = g % {firms}
            join partybuild_branchfirm bf on bf.firm_id = f.firm_id
            left join lateral (select id, name from firms_lawyer where firm_id = f.firm_id
                               order by id offset (g / {firms}) limit 1) l on g % 5 <> 0""",
    )
    load.run(
        "committee seats",
        """insert into partybuild_committeeseat (position, branch_id, member_id)
           select 'secretary', branch_id, min(id) from partybuild_member group by branch_id""",
    )
    load.cursor.execute(
        """update partybuild_branch b set secretary_id = c.member_id
           from partybuild_committeeseat c where c.branch_id = b.id and c.position = 'secretary'"""
    )
    year = YEARS[-2]
    load.run(
        "meetings",
        f"""insert into partybuild_meeting (kind, held_on, topic, host, minutes, created_at, branch_id, recorded_by_id)
            select kind, make_date({year}, m, (10 + b.slot % 15)::int), kind_name || '（' || m || '月）', '支部书记', '会议记录',
              make_date({year}, m, 28), b.branch_id, null
            from branch_slot b cross join generate_series(1, 12) m
            cross join (values ('committee', '支部委员会'), ('theme_day', '主题党日'), ('members', '支部党员大会'),
                               ('lecture', '党课')) k(kind, kind_name)
            where kind in ('committee', 'theme_day') or m % 3 = 0""",
    )
    load.run(
        "meeting attendance",
        """insert into partybuild_attendance (present, absence_reason, meeting_id, member_id)
           select (m.id + p.id) % 12 <> 0, case when (m.id + p.id) % 12 = 0 then '出差' else '' end, m.id, p.id
           from partybuild_meeting m join partybuild_member p on p.branch_id = m.branch_id
           where m.kind <> 'committee' or p.id in (select member_id from partybuild_committeeseat)""",
    )


def _inspections(load):
    """A dual-random round a year over the two earlier years, drawn, inspected, noticed, answered and
    verified; the current year's round drawn and under way."""
    load.run(
        "checklist",
        """insert into inspections_checklisttemplate (name, is_active) values ('数据集检查表', true)""",
    )
    load.run(
        "checklist items",
        """insert into inspections_checklistitem (section, position, text, rule, requirement, template_id)
           select (array['organisation','team','practice','party','four_unified'])[1 + g % 5], g, '检查事项' || g, '《律师事务所管理办法》', '符合规定',
             (select id from inspections_checklisttemplate where name = '数据集检查表')
           from generate_series(1, 12) g""",
    )
    load.run(
        "plans",
        f"""insert into inspections_plan (year, batch, kind, title, sampling, ratio_percent, target_count,
              inspectors_per_target, starts_on, ends_on, created_at, checklist_id, created_by_id, restructuring_eligible)
           select y, 1, 'random', y || '年度律师事务所双随机抽查', 'ratio', 5, null, 2, make_date(y, 4, 1), make_date(y, 10, 31),
             make_date(y, 3, 1), (select id from inspections_checklisttemplate where name = '数据集检查表'),
             (select id from bureau_user where username = 'dataset'), false
           from unnest(array{list(YEARS)}) y""",
    )
    load.run(
        "draws",
        """insert into inspections_draw (algorithm, seed, targets_listing, targets_hash, inspectors_listing, inspectors_hash,
              avoidance_listing, avoidance_hash, target_count, inspectors_per_target, result, reason, frozen_at, drawn_at,
              drawn_by_id, supersedes_id, plan_id)
           select 'sha256-rank-v1', md5(p.id::text), '', md5('t' || p.id), '', md5('i' || p.id), '', md5('a' || p.id),
             (select count(*) / 20 from firms_firm), 2, '{"targets": []}', '', make_date(p.year, 4, 2), make_date(p.year, 4, 2),
             p.created_by_id, null, p.id
           from inspections_plan p""",
    )
    load.run(
        "inspections",
        """insert into inspections_inspection (scheduled_on, notice_number, status, result, summary, concluded_on, rectification,
              rectification_deadline, publish_due, published_at, draw_id, firm_id, published_by_id, plan_id, notice_issued_on,
              published_on)
           select make_date(p.year, 5, 10), '', st, case when st = 'scheduled' then '' when f.firm_id % 3 = 0 then 'rectify' else 'pass' end,
             case when st = 'scheduled' then '' else '检查情况良好' end,
             case when st = 'scheduled' then null else make_date(p.year, 5, 20) end,
             case when st = 'scheduled' or f.firm_id % 3 <> 0 then 'none' when p.year < 2026 then 'completed' else 'pending' end,
             case when st <> 'scheduled' and f.firm_id % 3 = 0 then make_date(p.year, 6, 20) end,
             case when st <> 'scheduled' then make_date(p.year, 6, 1) end,
             case when p.year < 2026 then make_date(p.year, 5, 30) + time '10:00' end,
             d.id, f.firm_id, case when p.year < 2026 then p.created_by_id end, p.id, make_date(p.year, 5, 5),
             case when p.year < 2026 then make_date(p.year, 5, 30) end
           from inspections_plan p join inspections_draw d on d.plan_id = p.id
           cross join lateral (select case when p.year < 2026 then 'closed' else 'rectifying' end as st) s
           join firm_slot f on (f.slot + p.year) % 20 = 0""",
    )
    load.run(
        "assignments",
        """insert into inspections_assignment (signed_at, inspection_id, inspector_id)
           select i.concluded_on + time '12:00', i.id, ins.id
           from inspections_inspection i
           join (select id, row_number() over (order by id) - 1 as slot, count(*) over () as n from inspections_inspector) ins
             on ins.slot in (i.id % ins.n, (i.id + 1) % ins.n)""",
    )
    load.run(
        "rectification notices",
        """insert into inspections_rectificationnotice (kind, year, serial, doc_number, firm_name, findings, requirement,
              report_method, workdays, issued_on, deadline, deadline_provisional, issued_at, inspection_id, issued_by_id, refers_to_id)
           select 'initial', p.year, row_number() over (partition by p.year order by i.id),
             '示司律整字〔' || p.year || '〕' || row_number() over (partition by p.year order by i.id) || '号', f.name,
             '[{"item": "检查事项1", "note": "档案不全"}]', '限期整改', '书面报送', 20, i.concluded_on + 1,
             i.rectification_deadline, false, i.concluded_on + 1 + time '10:00', i.id, p.created_by_id, null
           from inspections_inspection i join inspections_plan p on p.id = i.plan_id join firms_firm f on f.id = i.firm_id
           where i.result = 'rectify'""",
    )
    load.run(
        "responses",
        """insert into inspections_response (file, note, uploaded_at, notice_id, uploaded_by_id, responded_on)
           select 'responses/' || n.id || '.pdf', '已整改', n.issued_on + 10 + time '10:00', n.id, n.issued_by_id, n.issued_on + 10
           from inspections_rectificationnotice n where n.year < 2026 or n.id % 2 = 0""",
    )
    load.run(
        "verifications",
        """insert into inspections_verification (outcome, note, verified_at, notice_id, verified_by_id, verified_on)
           select 'completed', '整改到位', n.issued_on + 15 + time '10:00', n.id, n.issued_by_id, n.issued_on + 15
           from inspections_rectificationnotice n where n.year < 2026""",
    )
