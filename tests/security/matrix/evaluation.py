"""Grant assessment panels: managers' pages, members' pages, bid pages a conflicted member
must not reach, letters, and the panels API."""

from tests.security.matrix import OUTSIDE_THE_PANEL, Entry
from tests.security.world import OUTSIDERS

MANAGER_ONLY = (*OUTSIDERS, "provider", "panel_member")
CHAIR_OR_MANAGER = (*OUTSIDERS, "provider", "panel_member")
MEMBERS = (*OUTSIDE_THE_PANEL, "provider")
# Bid pages: a member with a conflict on this bid is refused like any outsider.
SCORERS = (*OUTSIDERS, "provider")


def _panel(w):
    return {"pk": w.panel.pk}


def _bid(w):
    return {"pk": w.panel.pk, "bid_pk": w.bid.pk}


def _manage(name, kwargs=_panel, method="get", allowed="commissioner"):
    return Entry(name, kwargs, MANAGER_ONLY, allowed, method)


ENTRIES = [
    Entry("evaluation:member_accept", lambda w: {"token": "never-issued-token"}),
    Entry("evaluation:panel_detail", _panel, MEMBERS, "panel_member"),
    _manage("evaluation:panel_plan"),
    _manage("evaluation:member_invite"),
    _manage(
        "evaluation:member_remove", lambda w: {"pk": w.panel.pk, "member_pk": w.panel_member.pk}
    ),
    _manage("evaluation:panel_open", allowed=None),
    Entry("evaluation:training", _panel, MEMBERS, "panel_member"),
    Entry("evaluation:declaration", _bid, MEMBERS, "panel_member"),
    Entry("evaluation:score", _bid, SCORERS, "panel_member"),
    _manage("evaluation:moderation_start", allowed=None),
    Entry("evaluation:moderation", _panel, CHAIR_OR_MANAGER, "panel_chair"),
    Entry("evaluation:moderation_bid", _bid, CHAIR_OR_MANAGER, "panel_chair"),
    Entry("evaluation:rulings", _panel, CHAIR_OR_MANAGER, "panel_chair"),
    Entry(
        "evaluation:ruling",
        lambda w: {"pk": w.panel.pk, "declaration_pk": w.declaration.pk},
        CHAIR_OR_MANAGER,
        "panel_chair",
    ),
    _manage("evaluation:funding_line", allowed=None),
    _manage("evaluation:decisions_apply", allowed=None),
    _manage("evaluation:decision", _bid, allowed=None),
    _manage("evaluation:letters_send", allowed=None),
    _manage("evaluation:awards", allowed=None),
    _manage("evaluation:award_confirm", _bid, allowed=None),
    _manage("evaluation:representation_new", allowed=None),
    _manage("evaluation:report", allowed=None),
    Entry(
        "evaluation:letter_detail",
        lambda w: {"pk": w.letter.pk},
        (*OUTSIDERS, "panel_member"),
        "provider",
    ),
    Entry("api_panel", _panel, MEMBERS, "panel_member"),
    _manage("api_panel_members"),
    Entry("api_panel_declarations", _panel, MEMBERS, "panel_member"),
    _manage("api_panel_open", method="post", allowed=None),
    _manage("api_panel_moderation_start", method="post", allowed=None),
    Entry(
        "api_panel_ruling",
        lambda w: {"pk": w.panel.pk, "declaration_pk": w.declaration.pk},
        CHAIR_OR_MANAGER,
        method="post",
    ),
    _manage("api_panel_award_confirm", _bid, method="post", allowed=None),
    Entry("api_panel_assignments", _panel, MEMBERS, "panel_member"),
    Entry("api_panel_bid", _bid, SCORERS, "panel_member"),
    Entry("api_panel_scores", _bid, SCORERS, "panel_member"),
    Entry("api_panel_consensus", _bid, CHAIR_OR_MANAGER, method="post"),
    Entry("api_panel_moderation", _panel, CHAIR_OR_MANAGER, "panel_chair"),
    _manage("api_panel_funding_line", allowed=None),
    _manage("api_panel_decisions", allowed=None),
    _manage("api_panel_letters", method="post", allowed=None),
    Entry("api_letter", lambda w: {"pk": w.letter.pk}, (*OUTSIDERS, "panel_member"), "provider"),
]
