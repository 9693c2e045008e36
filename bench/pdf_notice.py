"""Median time to render a one-page Chinese notice to PDF. Budget: 0.3 s on a 2-core machine.

Run: .venv/bin/python bench/pdf_notice.py [runs]
"""

import statistics
import sys
import time

import _django  # noqa: F401

from bureau.pdf import render_pdf

CONTEXT = {"bureau_name": "示范县司法局", "firm_name": "示范县明德律师事务所", "deadline": "2026年10月15日"}


def main(runs=15):
    render_pdf("pdf/official_document_sample.html", CONTEXT)  # warm up: font discovery, template load
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        pdf = render_pdf("pdf/official_document_sample.html", CONTEXT)
        times.append(time.perf_counter() - start)
    print(
        f"pdf_notice: runs={runs} size={len(pdf)} bytes median={statistics.median(times):.3f}s "
        f"min={min(times):.3f}s max={max(times):.3f}s (budget 0.300s)"
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 15)
