"""The permission matrix: for every URL that takes an id or a token, who must be refused.

Each app declares its own entries in `tests/security/matrix/<app>.py` as two lists:

    ENTRIES = [Entry("tenders:workspace", lambda w: {"pk": w.draft.pk}, allowed="commissioner")]
    PUBLIC = [Public("tenders:opportunity_detail", "A published opportunity is for anyone.")]

`Entry.kwargs` builds the URL's arguments from the world (tests/security/world.py); `refused`
names the roles that must get 404/403 (or, anonymous on an HTML page, the sign-in page);
`allowed` names one role that gets in, which proves the ids point at a real object so the
refusals mean something. Adding a module here is enough: it is found by name.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from tests.security.world import OUTSIDERS, World

# Refused to everyone outside, but a fellow panel member with a conflict on *another* bid is
# still on the panel: panel-wide pages use this.
OUTSIDE_THE_PANEL = tuple(r for r in OUTSIDERS if r != "conflicted_panel_member")


@dataclass(frozen=True)
class Entry:
    name: str
    kwargs: Callable[[World], dict[str, Any]]
    refused: tuple[str, ...] = OUTSIDERS
    allowed: str | None = None
    # "get" requests the page (falling back to an empty POST when GET is not allowed); "post",
    # "put", "patch" and "delete" send that request with an empty body.
    method: str = "get"
    # Statuses besides 401/403/404 that are a refusal here, each with a comment saying why.
    refused_with: tuple[int, ...] = ()


@dataclass(frozen=True)
class Public:
    name: str
    reason: str


def _modules():
    for info in pkgutil.iter_modules(__path__):
        yield importlib.import_module(f"{__name__}.{info.name}")


def all_entries() -> list[Entry]:
    return [entry for module in _modules() for entry in getattr(module, "ENTRIES", [])]


def all_public() -> list[Public]:
    return [item for module in _modules() for item in getattr(module, "PUBLIC", [])]
