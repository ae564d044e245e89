"""What every measurement module is given."""

from __future__ import annotations

from dataclasses import dataclass

from bench.server import Server


@dataclass
class Context:
    database_url: str  # django-environ form, as the app reads it
    conninfo: str  # libpq form, for psycopg
    server: Server | None
    requests_1c: int = 200
    requests_10c: int = 1000
    sql_repetitions: int = 200
    warmup: int = 100
    explain: bool = False
