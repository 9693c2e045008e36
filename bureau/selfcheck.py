"""The system self-check job (系统自检): confirms that the database, Redis, the holiday
calendar and PDF fonts work, and writes the findings to a PDF that the administrator keeps."""

import datetime

import redis
from django.conf import settings
from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .jobs import job_handler
from .models import BureauSettings
from .pdf import render_pdf
from .workdays import _package_knows, deadline_after

KIND = "selfcheck"


@job_handler(KIND, label=gettext_lazy("系统自检"))
def run_selfcheck(job, report):
    rows = []
    report(10, _("检查数据库"))
    with connection.cursor() as cursor:
        cursor.execute("show server_version")
        rows.append((_("数据库"), "PostgreSQL " + cursor.fetchone()[0]))
        cursor.execute("show lc_collate")
        rows.append((_("数据库排序规则"), cursor.fetchone()[0]))

    report(35, _("检查 Redis"))
    client = redis.Redis.from_url(settings.REDIS_URL, socket_timeout=5)
    rows.append(("Redis", client.info("server").get("redis_version", "?")))

    report(60, _("检查节假日日历"))
    today = timezone.localdate()
    for year in (today.year, today.year + 1):
        rows.append(
            (_("%(year)s年节假日") % {"year": year}, _("已知") if _package_knows(year) else _("未公布"))
        )
    deadline = deadline_after(today, 10)
    rows.append(
        (_("今天起10个工作日"), deadline.date.isoformat() + (_("（暂定）") if deadline.provisional else ""))
    )

    report(85, _("生成PDF"))
    pdf = render_pdf(
        "bureau/pdf/selfcheck.html",
        {
            "settings_row": BureauSettings.load(),
            "rows": rows,
            "generated_at": timezone.localtime(),
            "today": datetime.date.today(),
        },
    )
    report(100, _("完成"))
    return "selfcheck.pdf", pdf
