"""`python -m bench.report_build --programme ID`: build the programme pilot report once, as the
reports worker does, and print one JSON line of timings and this process's peak memory.

Run in a fresh process by bench/reports.py. It warms WeasyPrint up first, as the reports
worker does before it forks; then it asks for the report, builds it (timing each
stage), and renders the same final HTML again with bare WeasyPrint for comparison.
"""

from __future__ import annotations

import argparse
import json
import sys
import time


def _peak_rss_mb() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.report_build")
    parser.add_argument("--programme", type=int, required=True)
    parser.add_argument(
        "--html", metavar="PATH", help="also write the report's final HTML here (for profiling)"
    )
    args = parser.parse_args(argv)

    import django  # noqa: PLC0415

    django.setup()
    import weasyprint  # noqa: PLC0415

    from bench.reports import USER  # noqa: PLC0415
    from reports import services  # noqa: PLC0415
    from reports.constants import BASE_URL  # noqa: PLC0415
    from reports.models import ReportJob  # noqa: PLC0415
    from reports.pdf import PDF_OPTIONS, ReportURLFetcher  # noqa: PLC0415

    # What the reports worker does once before it forks (reports.tasks).
    services.report_worker_warm_up()
    from accounts.models import User  # noqa: PLC0415
    from commissioning.models import Programme  # noqa: PLC0415

    user = User.objects.get(email=USER)
    programme = Programme.objects.get(pk=args.programme)
    # Twice, each time a fresh build (an identical earlier file would otherwise be reused),
    # then bare WeasyPrint on its final HTML; the second pair is what a worker that has built
    # reports before does (the first also warms WeasyPrint's caches on a document this size).
    for _ in range(2):
        ReportJob.objects.filter(requested_by=user).delete()
        job, _ = services.report_request(
            actor=user,
            organisation=programme.organisation,
            kind="programme",
            target_id=programme.pk,
            parameters={
                "period_start": programme.start_date.isoformat(),
                "period_end": programme.end_date.isoformat(),
            },
        )
        # This process is the worker: the queued message is purged by bench/reports.py.
        stages: dict[str, float] = {}
        started = time.perf_counter()
        services.report_build(job_id=job.pk, attempt=job.attempt, timings=stages)
        seconds = time.perf_counter() - started
        job.refresh_from_db()
        if job.status != "done":
            sys.stderr.write(f"The report did not finish: {job.status} {job.error}\n")
            return 1
        html = stages.pop("html")
        if args.html:
            with open(args.html, "w", encoding="utf-8") as out:
                out.write(html)
        bare_started = time.perf_counter()
        weasyprint.HTML(string=html, base_url=BASE_URL, url_fetcher=ReportURLFetcher()).write_pdf(
            **PDF_OPTIONS
        )
        bare = time.perf_counter() - bare_started
    sys.stdout.write(
        json.dumps(
            {
                "seconds": seconds,
                "pages": job.page_count,
                "weasyprint_seconds": bare,
                "gather_seconds": stages.get("gather", 0.0),
                "charts_seconds": stages.get("charts", 0.0),
                "peak_rss_mb": _peak_rss_mb(),
            }
        )
        + "\n"
    )
    ReportJob.objects.filter(requested_by=user).delete()
    return 0


if __name__ == "__main__":
    sys.exit(main())
