"""Opportunities: the public pages (refused while a draft), the drafting workspace, the API.

Published opportunities are public by design; the entries use the world's draft, whose pages
must be hidden from everyone outside the commissioning organisation.
"""

from tests.security.matrix import Entry, Public
from tests.security.world import OUTSIDERS

COMMISSIONER_ONLY = (*OUTSIDERS, "provider")


def _draft(w):
    return {"pk": w.draft.pk}


def _draft_and(name: str, attribute: str):
    return lambda w: {"pk": w.draft.pk, name: getattr(w, attribute).pk}


def _page(name: str, kwargs=_draft, method: str = "get", allowed: str | None = "commissioner"):
    return Entry(name, kwargs, COMMISSIONER_ONLY, allowed, method)


ENTRIES = [
    _page("tenders:opportunity_detail"),
    _page("tenders:specification_print"),
    _page("tenders:interest_register", allowed=None),
    _page("tenders:interest_withdraw", allowed=None),
    _page("tenders:question_ask", allowed=None),
    _page("tenders:workspace"),
    _page("tenders:details"),
    _page("tenders:lot_list"),
    _page("tenders:lot_create"),
    _page("tenders:lot_update", _draft_and("lot_pk", "lot")),
    _page("tenders:lot_delete", _draft_and("lot_pk", "lot")),
    _page("tenders:outcome_list"),
    _page("tenders:outcome_remove", _draft_and("outcome_pk", "outcome"), allowed=None),
    _page("tenders:section_edit", lambda w: {"pk": w.draft.pk, "key": w.section_key}),
    _page("tenders:section_preview", lambda w: {"pk": w.draft.pk, "key": w.section_key}),
    _page(
        "tenders:clause_insert",
        lambda w: {"pk": w.draft.pk, "key": w.section_key, "slug": "delivery-network-arts"},
        allowed=None,
    ),
    _page("tenders:kpi_list"),
    _page("tenders:kpi_remove", _draft_and("item_pk", "opportunity_kpi"), allowed=None),
    _page("tenders:criterion_list"),
    _page("tenders:criterion_create"),
    _page("tenders:criterion_update", _draft_and("criterion_pk", "criterion")),
    _page("tenders:criterion_delete", _draft_and("criterion_pk", "criterion")),
    _page("tenders:psr_criterion_add", lambda w: {"pk": w.draft.pk, "index": 0}, allowed=None),
    _page("tenders:gate_create"),
    _page("tenders:gate_update", _draft_and("gate_pk", "gate")),
    _page("tenders:gate_delete", _draft_and("gate_pk", "gate")),
    _page("tenders:inclusion_check"),
    _page("tenders:publish"),
    _page("tenders:amend", allowed=None),
    _page("tenders:transition", lambda w: {"pk": w.draft.pk, "action": "cancel"}, allowed=None),
    _page("tenders:version_list"),
    _page("tenders:question_list", lambda w: {"pk": w.published.pk}),
    _page(
        "tenders:question_answer",
        lambda w: {"pk": w.published.pk, "question_pk": w.question.pk},
    ),
    _page("tenders:invitation_list"),
    _page("api_opportunity_published"),
    _page("api_opportunity_answers"),
    _page("api_opportunity_interest", method="post", allowed=None),
    _page("api_opportunity"),
    _page("api_opportunity_lots"),
    _page("api_opportunity_lot", _draft_and("item_pk", "lot")),
    _page("api_opportunity_outcomes"),
    _page("api_opportunity_outcome", _draft_and("item_pk", "outcome"), "delete", None),
    _page("api_opportunity_sections"),
    _page("api_opportunity_section", lambda w: {"pk": w.draft.pk, "key": w.section_key}),
    _page("api_opportunity_criteria"),
    _page("api_opportunity_criterion", _draft_and("item_pk", "criterion")),
    _page("api_opportunity_gates"),
    _page("api_opportunity_gate", _draft_and("item_pk", "gate")),
    _page("api_opportunity_kpis"),
    _page("api_opportunity_kpi", _draft_and("item_pk", "opportunity_kpi"), "delete", None),
    _page("api_opportunity_inclusion_check"),
    _page("api_opportunity_publish", method="post", allowed=None),
    _page("api_opportunity_amend", method="post", allowed=None),
    _page("api_opportunity_close", method="post", allowed=None),
    _page("api_opportunity_evaluation", method="post", allowed=None),
    _page("api_opportunity_decide", method="post", allowed=None),
    _page("api_opportunity_cancel", method="post", allowed=None),
    _page("api_opportunity_withdraw", method="post", allowed=None),
    _page("api_opportunity_questions", lambda w: {"pk": w.published.pk}),
    _page(
        "api_opportunity_question_answer",
        lambda w: {"pk": w.published.pk, "item_pk": w.question.pk},
        method="post",
        allowed=None,
    ),
    _page("api_opportunity_matching_providers"),
    _page("api_opportunity_invitations"),
]

OCDS = "Open data (OCDS 1.1): releases exist only for published opportunities; unknown ids 404."
PUBLIC = [Public("ocds_release", OCDS), Public("ocds_record", OCDS)]
