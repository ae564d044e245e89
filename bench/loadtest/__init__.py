"""`make load`: the platform under 50 simulated people for five minutes (issue 10).

`python -m bench.loadtest` builds a load database (the demo world, the bench's 100,000
generated providers and the people the scenario plays), starts a real deployment on this
machine — gunicorn, a Celery worker for both queues, PostgreSQL and Redis — and runs the locust
scenario in `journeys.py` headless against it. Figures go into `bench/results.json`; a missed
target exits 1.
"""
