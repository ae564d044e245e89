"""The tender pack: an opportunity's published specification, lots, criteria and the answers
to clarification questions published to everyone, as one document to read or share."""

from __future__ import annotations

from typing import Any

from django.conf import settings

from accounts.models import User
from reports.kinds import ReportKind, register
from tenders import selectors as tender_selectors
from tenders.constants import SectionKey
from tenders.models import Opportunity
from tenders.routes import rule_for
from tenders.sanitise import clean_html


def _scope(criterion) -> str:
    return f"Lot {criterion.lot.number}: {criterion.lot.title}" if criterion.lot_id else ""


@register
class TenderPack(ReportKind):
    slug = "tender_pack"
    name = "Tender pack"
    description = (
        "The opportunity's specification as published, with its lots, how bids are scored and "
        "the answers to clarification questions published to everyone."
    )
    template = "reports/pdf/tender_pack.html"

    def target_for_user(self, *, user: User, pk: int) -> Opportunity:
        return tender_selectors.opportunity_get_for_user(user=user, pk=pk)

    def can_request(self, *, user: User, target: Opportunity) -> bool:
        return user.has_perm("reports.request_tender_pack", target)

    def title(self, *, target: Opportunity, parameters: dict[str, Any]) -> str:
        return f"Tender pack: {target.title}"

    def gather(self, *, target: Opportunity, parameters: dict[str, Any]) -> dict[str, Any]:
        opportunity = target
        by_key = {section.key: section for section in opportunity.sections.all()}
        outcomes = [
            {"statement": o.statement, "area": o.outcome_area.name}
            for o in opportunity.outcomes_sought.all()
        ]
        kpis = [{"name": k.kpi.name, "target": k.target} for k in opportunity.kpis.all()]
        sections = []
        for key in SectionKey.values:
            section = by_key.get(key)
            body = clean_html(section.body) if section else ""
            if (
                body
                or (key == SectionKey.OUTCOMES and outcomes)
                or (key == SectionKey.KPIS and kpis)
            ):
                sections.append({"key": key, "title": SectionKey(key).label, "body": body})
        scopes: dict[str, list[dict[str, Any]]] = {}
        for criterion in opportunity.criteria.all():
            scopes.setdefault(_scope(criterion), []).append(
                {
                    "title": criterion.title,
                    "kind": criterion.get_kind_display(),
                    "guidance": criterion.guidance,
                    "weight": criterion.weight,
                    "word_limit": criterion.word_limit,
                }
            )
        rule = rule_for(opportunity.route)
        return {
            "opportunity": {
                "reference": opportunity.reference,
                "title": opportunity.title,
                "summary": opportunity.summary,
                "status": opportunity.status,
                "status_label": opportunity.get_status_display(),
                "organisation": opportunity.organisation.name,
                "programme": opportunity.programme.name,
                "route": opportunity.get_route_display(),
                "standstill_days": rule.standstill_working_days,
                "total_budget": opportunity.total_budget,
                "min_bid": opportunity.min_bid,
                "max_bid": opportunity.max_bid,
                "closes_at": opportunity.closes_at,
                "clarification_deadline": opportunity.clarification_deadline,
                "contract_start": opportunity.contract_start,
                "contract_end": opportunity.contract_end,
                "engagement_date": opportunity.engagement_date,
                "multiple_lots_allowed": opportunity.multiple_lots_allowed,
                "consortium_bids_welcome": opportunity.consortium_bids_welcome,
                "areas": [area.name for area in opportunity.areas.all()],
                "art_forms": [art_form.name for art_form in opportunity.art_forms.all()],
                "version": opportunity.version,
                "published_at": opportunity.published_at,
                "url": settings.SITE_URL.rstrip("/") + opportunity.get_absolute_url(),
            },
            "programme": opportunity.programme.name,
            "lots": [
                {
                    "number": lot.number,
                    "title": lot.title,
                    "description": lot.description,
                    "budget": lot.budget,
                    "outcome_areas": [area.name for area in lot.outcome_areas.all()],
                }
                for lot in opportunity.lots.all()
            ],
            "sections": sections,
            "outcomes": outcomes,
            "kpis": kpis,
            "criteria_by_scope": [
                {
                    "scope": scope,
                    "criteria": criteria,
                    "total": sum(c["weight"] for c in criteria),
                }
                for scope, criteria in sorted(scopes.items())
            ],
            "scale": list(opportunity.scoring_scale),
            "gates": [
                {"title": gate.title, "guidance": gate.guidance} for gate in opportunity.gates.all()
            ],
            "answers": [
                {
                    "question": question.published_question,
                    "answer": question.answer,
                    "answered_at": question.answered_at,
                }
                for question in tender_selectors.published_questions(opportunity=opportunity)
            ],
        }
