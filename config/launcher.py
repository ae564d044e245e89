"""`make run`: prepare the database, then run the web server, a Celery worker and beat.

With no DATABASE_URL the embedded PostgreSQL under .data/ is started here, shared with the three
processes, and stopped when they end (Ctrl+C or SIGTERM).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent


def main() -> int:
    sys.path.insert(0, str(BASE_DIR))
    from config import embedded_postgres  # noqa: PLC0415

    env = dict(os.environ)
    env.setdefault("DEBUG", "1")
    env.setdefault("WEB_PORT", "8000")
    env.setdefault("PYTHONUNBUFFERED", "1")
    embedded = not env.get("DATABASE_URL")
    if embedded:
        print("Starting the embedded PostgreSQL in .data/pg …", flush=True)
        env["DATABASE_URL"] = embedded_postgres.database_url(BASE_DIR)
    (BASE_DIR / ".data" / "celery" / "queue").mkdir(parents=True, exist_ok=True)
    (BASE_DIR / ".data" / "celery" / "processed").mkdir(parents=True, exist_ok=True)

    python = sys.executable
    bin_dir = str(Path(python).parent)
    env["PATH"] = bin_dir + os.pathsep + env.get("PATH", "")
    manage = [python, str(BASE_DIR / "manage.py")]
    stop_requested: list[int] = []
    code = 0
    try:
        subprocess.run([*manage, "migrate", "--noinput"], env=env, check=True, cwd=BASE_DIR)
        subprocess.run([*manage, "seed_demo", "--if-empty"], env=env, check=True, cwd=BASE_DIR)
        print(f"\nThe platform is starting at http://localhost:{env['WEB_PORT']}/\n", flush=True)
        honcho = subprocess.Popen(
            [python, "-m", "honcho", "-f", str(BASE_DIR / "Procfile.dev"), "start"],
            env=env,
            cwd=BASE_DIR,
        )

        def forward(signum: int, _frame: object) -> None:
            stop_requested.append(signum)
            honcho.send_signal(signum)

        signal.signal(signal.SIGTERM, forward)
        signal.signal(signal.SIGINT, forward)
        code = honcho.wait()
    finally:
        if embedded:
            print("Stopping the embedded PostgreSQL …", flush=True)
            embedded_postgres.stop(BASE_DIR)
    # honcho reports the signal its processes died of; a stop we were asked for is a clean exit.
    return 0 if stop_requested else code


if __name__ == "__main__":
    raise SystemExit(main())
