"""Who may do what with panels. Predicates take (user, panel), except `add_panel`, which takes
the organisation the person is acting for."""

from __future__ import annotations

import rules

from accounts.rules import is_commissioner


@rules.predicate
def is_panel_manager(user, panel) -> bool:
    """A commissioner of the organisation that owns the panel's opportunity."""
    return panel is not None and bool(is_commissioner(user, panel.opportunity.organisation))


@rules.predicate
def is_panel_member(user, panel) -> bool:
    if panel is None or not user.is_authenticated:
        return False
    return panel.members.filter(user=user, accepted_at__isnull=False).exists()


@rules.predicate
def is_panel_chair(user, panel) -> bool:
    if panel is None or not user.is_authenticated:
        return False
    return panel.members.filter(user=user, accepted_at__isnull=False, role="chair").exists()


rules.add_perm("evaluation.add_panel", is_commissioner)
rules.add_perm("evaluation.manage_panel", is_panel_manager)
rules.add_perm("evaluation.score_panel", is_panel_member)
rules.add_perm("evaluation.chair_panel", is_panel_chair)
rules.add_perm("evaluation.view_moderation", is_panel_chair | is_panel_manager)
