"""Job kinds for the worker tests. The test worker loads this module with `celery -I`."""

import os
import time

from bureau.jobs import job_handler


@job_handler("test_slow")
def slow(job, report):
    steps = int(job.params.get("steps", 10))
    for i in range(steps):
        time.sleep(float(job.params.get("pause", 0.4)))
        report((i + 1) * 100 // steps, f"第{i + 1}步")
    return "result.txt", f"done after {job.attempts} attempt(s)".encode()


@job_handler("test_fail")
def fail(job, report):
    report(30, "开始")
    raise RuntimeError("数据源不可用")


# The step the slow section writes on its job when it starts, so a test can poll for it.
SLOW_SECTION_STEP = "测试：慢速统计进行中"

if os.environ.get("PORTAL_TEST_SLOW_REPORT"):
    # A report section that takes a while, so that a test can kill the worker mid-report.
    from bureau.contrib import register_report_section

    def _slow_section(year):
        from bureau.models import Job

        Job.objects.filter(kind="yearly_report", status=Job.Status.RUNNING).update(step=SLOW_SECTION_STEP)
        time.sleep(4)
        return {"key": "slow", "title": "测试", "tables": [], "charts": [], "facts": {}}

    register_report_section("slow", _slow_section, order=1000)
