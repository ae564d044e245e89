"""`make bench`: performance measurements on generated data in a database of their own.

`python -m bench` creates (or reuses) the `ccp_bench` database, seeds it once, starts a real
gunicorn server, measures, and merges its figures into `bench/results.json`. See
docs/performance.md for what each figure means.
"""
