"""Median time to render a one-page Chinese notice to PDF. Budget: 0.3 s on a 2-core machine; exits
non-zero when the median misses it. Runs on a copy of the county dataset (database
portal_bench_pdf_notice) like every benchmark, though it reads no rows.

Run: .venv/bin/python bench/pdf_notice.py [runs]
"""

import statistics
import sys
import time

import _django

BUDGET_S = 0.3
CONTEXT = {"bureau_name": "示范县司法局", "firm_name": "示范县明德律师事务所", "deadline": "2026年10月15日"}


def main(runs=15):
    counts = _django.open_db("pdf_notice", "county")
    from bureau.pdf import render_pdf

    render_pdf("pdf/official_document_sample.html", CONTEXT)  # warm up: font discovery, template load
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        pdf = render_pdf("pdf/official_document_sample.html", CONTEXT)
        times.append(time.perf_counter() - start)
    median = statistics.median(times)
    ok = median <= BUDGET_S
    print(f"\nOne-page notice to PDF, {runs} runs")
    _django.print_counts(counts, ["firms_firm"])
    print(
        f"  pdf_notice: median {median:.3f} s (budget {BUDGET_S:.3f} s), min {min(times):.3f} s, "
        f"max {max(times):.3f} s, {len(pdf):,} bytes {'OK' if ok else 'OVER'}"
    )
    if not ok:
        print("pdf_notice over budget: pdf_notice")
        sys.exit(1)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 15)
