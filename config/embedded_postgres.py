"""The embedded PostgreSQL used when no DATABASE_URL is configured.

`pgserver` ships a PostgreSQL 16 build on PyPI, so a newcomer needs nothing but Python to run the
platform. The server keeps running between commands (a second `make run` starts in seconds); the
launcher stops it when `make run` ends. It has no contrib extensions: use core features only.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import warnings
from pathlib import Path

# Unix socket paths are limited to ~107 bytes and the socket lives in the data folder.
_MAX_SOCKET_DIR = 80


def data_dir(base_dir: Path) -> Path:
    preferred = base_dir / ".data" / "pg"
    if len(str(preferred)) <= _MAX_SOCKET_DIR:
        return preferred
    digest = hashlib.sha256(str(preferred).encode()).hexdigest()[:12]
    return Path(tempfile.gettempdir()) / f"ccp-pg-{digest}"


def database_url(base_dir: Path) -> str:
    """Start (or reuse) the embedded server and return a URL django-environ understands."""
    with warnings.catch_warnings():
        # platformdirs warns when XDG_RUNTIME_DIR is unset (as in containers) and falls back to
        # /tmp, which is what we want.
        warnings.simplefilter("ignore")
        import pgserver  # noqa: PLC0415 - only imported when the embedded server is wanted

    pgdata = data_dir(base_dir)
    pgdata.mkdir(parents=True, exist_ok=True)
    server = pgserver.get_server(pgdata, cleanup_mode=None)
    return server.get_uri()


def stop(base_dir: Path) -> None:
    stop_server(data_dir(base_dir))


def stop_server(pgdata: Path) -> None:
    """Stop the server whose data folder is `pgdata`, if it is running (fast shutdown)."""
    import pgserver  # noqa: PLC0415

    if not (pgdata / "postmaster.pid").exists():
        return
    user = "pgserver" if os.geteuid() == 0 else None
    pgserver.pg_ctl(["-w", "stop", "-m", "fast"], pgdata=pgdata, user=user)
