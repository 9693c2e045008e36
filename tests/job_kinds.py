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


if os.environ.get("PORTAL_TEST_SLOW_REPORT"):
    # A report section that takes a while, so that a test can kill the worker mid-report.
    from bureau.report.sections import register

    def _slow_section(year):
        time.sleep(4)
        return {"key": "slow", "title": "测试", "tables": [], "charts": [], "facts": {}}

    register("slow", _slow_section)
