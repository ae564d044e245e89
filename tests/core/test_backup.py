"""The backup and restore commands in docs/operations.md, run for real: a custom-format pg_dump
of the database restored into a fresh one holds the same data."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import psycopg
import pytest
from django.db import connection

from accounts.models import Organisation
from commissioning.models import Programme
from core.models import AuditEntry
from tests.factories import AuditEntryFactory, OrganisationFactory, ProgrammeFactory


def _binary(name: str) -> str:
    """The client tool matching the server best: the bundled PostgreSQL 16 tools (pgserver),
    which can dump and restore any older server, else the machine's."""
    import pgserver  # noqa: PLC0415

    bundled = Path(pgserver.__file__).parent / "pginstall" / "bin" / name
    found = str(bundled) if bundled.exists() else shutil.which(name)
    if not found:
        pytest.fail(f"{name} is not installed; see docs/operations.md")
    return found


def _libpq_args(database: str) -> list[str]:
    settings = connection.settings_dict
    args = ["--dbname", database, "--username", settings["USER"] or "postgres"]
    host = settings["HOST"] or settings["OPTIONS"].get("host", "")
    if host:
        args += ["--host", host]
    if settings["PORT"]:
        args += ["--port", str(settings["PORT"])]
    return args


def _connect(database: str) -> psycopg.Connection:
    settings = connection.settings_dict
    return psycopg.connect(
        dbname=database,
        user=settings["USER"] or "postgres",
        host=settings["HOST"] or settings["OPTIONS"].get("host") or None,
        port=settings["PORT"] or None,
        autocommit=True,
    )


@pytest.mark.django_db(transaction=True)
def test_backup_restored_into_a_fresh_database_has_the_same_data(tmp_path):
    organisation = OrganisationFactory(commissioner=True, name="Kent County Council")
    ProgrammeFactory(organisation=organisation, name="Community mental health and wellbeing")
    AuditEntryFactory(organisation=organisation, action="programme.created")
    source = connection.settings_dict["NAME"]
    restored = f"{source}_restored"
    dump = tmp_path / "platform.dump"

    subprocess.run(
        [
            _binary("pg_dump"),
            "--format=custom",
            "--no-owner",
            "--file",
            str(dump),
            *_libpq_args(source),
        ],
        check=True,
    )
    with _connect("postgres") as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{restored}"')
        admin.execute(f'CREATE DATABASE "{restored}"')
    try:
        subprocess.run(
            [
                _binary("pg_restore"),
                "--no-owner",
                "--exit-on-error",
                *_libpq_args(restored),
                str(dump),
            ],
            check=True,
        )
        with _connect(restored) as copy:
            counts = [
                # Table names come from our own models, not from input.
                copy.execute(f"SELECT count(*) FROM {model._meta.db_table}").fetchone()[0]  # noqa: S608
                for model in (Organisation, Programme, AuditEntry)
            ]
            names = copy.execute(
                "SELECT name FROM commissioning_programme ORDER BY name"
            ).fetchall()
            migrations = copy.execute("SELECT count(*) FROM django_migrations").fetchone()[0]
    finally:
        with _connect("postgres") as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{restored}" WITH (FORCE)')

    assert counts == [
        Organisation.objects.count(),
        Programme.objects.count(),
        AuditEntry.objects.count(),
    ]
    assert names == [(p.name,) for p in Programme.objects.order_by("name")]
    assert migrations > 0
