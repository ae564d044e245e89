"""Data protection: a subject-access export of everything held about a person, and erasure of an
account that anonymises personal data but keeps the records others rely on.

Both work across every app without per-app code, by looking at the models themselves:

- a row *links to* a person when one of its foreign keys (or many-to-many fields) points at
  their `User`;
- a row *names* a person when one of its email fields holds their address (a guest's event
  registration, an invitation, a profile's named contact), and that row's name and phone fields
  are then theirs too.

An app whose data needs more than that (a profile paragraph a person wrote, say) adds a
`<app>/privacy.py` with `erase(*, user, address)`; erasure calls each one.

Erasure keeps linked rows (bids, submissions, awards, audit entries) because the platform must
be able to show what was decided and by whom; the `User` they point at is anonymised, so they no
longer identify anyone. Rows that merely *name* the person have those fields blanked.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from importlib import import_module
from importlib.util import find_spec
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.utils import timezone

from accounts.constants import MembershipRole
from accounts.models import Membership, User
from core.audit import audit_record
from core.emails import email_send
from core.errors import ApplicationError

# Fields never exported: they protect the account rather than describe the person.
_SECRET_PARTS = ("password", "secret", "token", "digest", "session_key", "data")
_PERSONAL_SIBLINGS = ("name", "phone", "telephone")
ERASED_DOMAIN = "erased.invalid"


def _project_models() -> Iterator[type[models.Model]]:
    """Models of this project's own apps (and allauth's account, session and MFA records)."""
    base = Path(settings.BASE_DIR).resolve()
    for model in apps.get_models():
        config = model._meta.app_config
        if Path(config.path).resolve().is_relative_to(base) or config.label in {
            "account",
            "usersessions",
            "mfa",
            "authtoken",
        }:
            yield model


def _user_fields(model: type[models.Model]) -> list[models.Field]:
    return [
        field
        for field in model._meta.get_fields()
        if getattr(field, "concrete", False)
        and (field.many_to_one or field.one_to_one or field.many_to_many)
        and field.related_model is User
    ]


def _email_fields(model: type[models.Model]) -> list[models.EmailField]:
    return [f for f in model._meta.concrete_fields if isinstance(f, models.EmailField)]


def _is_secret(name: str) -> bool:
    return any(part in name for part in _SECRET_PARTS)


def _row(obj: models.Model) -> dict[str, Any]:
    data = {
        field.attname: getattr(obj, field.attname)
        for field in obj._meta.concrete_fields
        if not _is_secret(field.name)
    }
    return json.loads(json.dumps(data, cls=DjangoJSONEncoder))


def _label(model: type[models.Model]) -> str:
    return f"{model._meta.app_label}.{model._meta.model_name}"


def _rows_naming(address: str, model: type[models.Model]) -> models.QuerySet:
    query = models.Q()
    for field in _email_fields(model):
        query |= models.Q(**{f"{field.name}__iexact": address})
    return model._default_manager.filter(query) if query else model._default_manager.none()


def personal_data_export(*, user: User) -> dict[str, Any]:
    """Everything the platform holds about `user`, as JSON-ready data grouped by record type."""
    records: dict[str, list[dict[str, Any]]] = {}
    for model in _project_models():
        if model is User:
            continue
        rows: dict[Any, models.Model] = {}
        for field in _user_fields(model):
            for obj in model._default_manager.filter(**{field.name: user}):
                rows[obj.pk] = obj
        if _email_fields(model):
            for obj in _rows_naming(user.email, model):
                rows[obj.pk] = obj
        if rows:
            records[_label(model)] = [_row(obj) for obj in rows.values()]
    return {
        "exported_at": timezone.now().isoformat(),
        "account": _row(user),
        "records": records,
    }


def _last_admin_of(user: User) -> list[str]:
    """Organisations with other members where `user` is the only admin."""
    names = []
    for membership in Membership.objects.filter(
        user=user, role=MembershipRole.ADMIN
    ).select_related("organisation"):
        others = Membership.objects.filter(organisation=membership.organisation).exclude(user=user)
        if others.exists() and not others.filter(role=MembershipRole.ADMIN).exists():
            names.append(membership.organisation.name)
    return names


ERASED_NAME = "Erased person"


def _app_erasers() -> Iterator[Any]:
    for config in apps.get_app_configs():
        module_name = f"{config.name}.privacy"
        if config.name == "accounts" or not find_spec(module_name):
            continue
        eraser = getattr(import_module(module_name), "erase", None)
        if eraser is not None:
            yield eraser


def _blank_named_rows(user: User, address: str) -> int:
    changed = 0
    erased = user.email
    for model in _project_models():
        if model is User:
            continue
        emails = _email_fields(model)
        if not emails:
            continue
        siblings = [
            f
            for f in model._meta.concrete_fields
            if isinstance(f, models.CharField)
            and not isinstance(f, models.EmailField)
            and not f.choices
            and any(part in f.name for part in _PERSONAL_SIBLINGS)
            and not f.name.startswith(("organisation", "title"))
        ]
        for obj in _rows_naming(address, model):
            for field in emails:
                if (getattr(obj, field.attname) or "").lower() == address.lower():
                    setattr(obj, field.attname, "" if field.blank else erased)
            for field in siblings:
                setattr(obj, field.attname, "" if field.blank else ERASED_NAME)
            obj.save(update_fields=[f.attname for f in [*emails, *siblings]])
            changed += 1
    return changed


@transaction.atomic
def account_erase(*, user: User) -> User:
    """Erase the person's account at their own request.

    Refused while they are the only admin of an organisation that has other members (someone
    must be able to run it). Side effects: personal fields blanked wherever their email address
    appears; memberships, email addresses, authenticators, API tokens and sessions deleted; the
    user anonymised and deactivated; an `account.erased` audit entry (which records no personal
    data); a confirmation email to the address they had.
    """
    user = User.objects.select_for_update().get(pk=user.pk)
    blocked = _last_admin_of(user)
    if blocked:
        raise ApplicationError(
            "You are the only admin of "
            + ", ".join(blocked)
            + ". Make someone else an admin first, so the organisation can still be run."
        )
    address = user.email
    from allauth.account.models import EmailAddress  # noqa: PLC0415
    from allauth.mfa.models import Authenticator  # noqa: PLC0415
    from allauth.usersessions.models import UserSession  # noqa: PLC0415
    from rest_framework.authtoken.models import Token  # noqa: PLC0415

    # Anonymise first, so nothing written below (audit entries included) names the person.
    user.email = f"erased-{user.pk}@{ERASED_DOMAIN}"
    user.full_name = ""
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    user.set_unusable_password()
    user.save()
    for erase in _app_erasers():
        erase(user=user, address=address)
    _blank_named_rows(user, address)

    session_keys = list(UserSession.objects.filter(user=user).values_list("session_key", flat=True))
    Session.objects.filter(session_key__in=session_keys).delete()
    UserSession.objects.filter(user=user).delete()
    EmailAddress.objects.filter(user=user).delete()
    Authenticator.objects.filter(user=user).delete()
    Token.objects.filter(user=user).delete()
    for membership in Membership.objects.filter(user=user).select_related("organisation"):
        audit_record(
            actor=user,
            action="membership.erased",
            obj=membership,
            organisation=membership.organisation,
            before={"role": membership.role},
        )
        membership.delete()
    for model in _project_models():
        for field in _user_fields(model):
            if field.many_to_many:
                through = field.remote_field.through
                through._default_manager.filter(**{field.m2m_reverse_field_name(): user}).delete()
    audit_record(actor=user, action="account.erased", obj=user)
    email_send(to=[address], template="accounts/email/account_erased", context={})
    return user
