"""Load the demo data: each app's `demo.seed()` in INSTALLED_APPS order (idempotent)."""

from __future__ import annotations

from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction


class Command(BaseCommand):
    help = "Load the demo organisations, people and programmes. Safe to run more than once."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Only load when the database has no organisations yet (first run).",
        )

    def handle(self, *args, if_empty: bool = False, **options) -> None:
        from accounts.models import Organisation  # noqa: PLC0415

        if if_empty and Organisation.objects.exists():
            self.stdout.write("Demo data already loaded.")
            self._print_sign_ins()
            return
        with transaction.atomic():
            for config, module in _demo_modules():
                summary = module.seed()
                self.stdout.write(f"{config.verbose_name}: {summary}")
        self._print_sign_ins()

    def _print_sign_ins(self) -> None:
        from accounts.demo import DEMO_PASSWORD  # noqa: PLC0415

        if not settings.DEBUG:
            self.stdout.write("Demo accounts have unusable passwords because DEBUG is off.")
            return
        self.stdout.write(f"\nDemo sign-ins (password for all: {DEMO_PASSWORD})")
        for email, description in demo_accounts():
            self.stdout.write(f"  {email:<40} {description}")
        self.stdout.write(
            "Commissioners and the platform admin are asked to set up an authenticator app "
            "(two-factor authentication) on first sign-in.\n"
        )


def _demo_modules():
    """(app config, its demo module) for every app with one, in INSTALLED_APPS order."""
    for config in apps.get_app_configs():
        module_name = f"{config.name}.demo"
        if config.name.startswith(("django.", "allauth")) or not find_spec(module_name):
            continue
        yield config, import_module(module_name)


def demo_accounts() -> list[tuple[str, str]]:
    """Every demo sign-in as (email, who): each app's demo may list the ones it made in
    DEMO_ACCOUNTS."""
    return [
        account for _, module in _demo_modules() for account in getattr(module, "DEMO_ACCOUNTS", ())
    ]
