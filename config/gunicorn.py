"""gunicorn's settings for every deployment of the platform: the Dockerfile, docker-compose.yml,
docs/operations.md, and the benchmarks and load test (bench/server.py), which measure what is
deployed. `gunicorn -c config/gunicorn.py config.wsgi:application`; the environment or the
command line can override each (`WEB_CONCURRENCY`, `GUNICORN_THREADS`, `--workers`, ...).

Processes rather than threads: a Django request holds Python's GIL for most of its CPU time,
so the threads of one worker share one core while the others queue behind them. Twice the
cores plus one workers keep every core busy while requests wait for PostgreSQL; two threads
each let a worker go on while one request waits on a slow client or a long query. On the
2-core load test this halved the p95 of 2 workers x 4 threads (docs/performance.md).
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "2"))
worker_class = "gthread"
# Browsers and the proxy reuse connections; a worker thread is not held by an idle one.
keepalive = 30
# A worker that stops answering (a runaway request) is replaced instead of hanging.
timeout = 60
graceful_timeout = 30
