"""The panel report: who sat on the panel, the conflicts they declared and how each was
handled, the scores and moderation of every bid, the funding line and the decisions. For the
panel's chair and the commissioners who own its opportunity (evaluation's own rule)."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from accounts.models import User
from evaluation import selectors as evaluation_selectors
from evaluation.constants import Outcome, PanelRole
from evaluation.models import Panel
from reports.charts import AnyChart, Chart, Series
from reports.kinds import ReportKind, register


def _applicant(panel: Panel, bid) -> str:
    return f"{bid.organisation.name}: {evaluation_selectors.bid_label(panel, bid)}"


@register
class PanelReport(ReportKind):
    slug = "panel"
    name = "Panel report"
    description = (
        "The panel's membership by role, the conflicts declared and how each was handled, the "
        "scores and moderation of every bid, the funding line and the decisions."
    )
    template = "reports/pdf/panel.html"

    def target_for_user(self, *, user: User, pk: int) -> Panel:
        """Members and the opportunity's commissioners see the panel; anyone else gets 404."""
        return evaluation_selectors.panel_get_for_user(user=user, pk=pk).panel

    def can_request(self, *, user: User, target: Panel) -> bool:
        return user.has_perm("reports.request_panel_report", target)

    def title(self, *, target: Panel, parameters: dict[str, Any]) -> str:
        return f"Panel report: {target.name}"

    def back_link(self, *, target: Panel) -> str:
        from django.urls import reverse  # noqa: PLC0415

        return reverse("evaluation:panel_detail", kwargs={"pk": target.pk})

    def gather(self, *, target: Panel, parameters: dict[str, Any]) -> dict[str, Any]:
        panel = target
        record = evaluation_selectors.panel_report(panel=panel)
        view = evaluation_selectors.funding_line_for(panel=panel)
        by_role: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for member in record["members"]:
            by_role[member.role].append({"name": member.full_name, "active": member.is_active})
        roles = [
            {"role": label, "members": by_role[value]}
            for value, label in PanelRole.choices
            if by_role.get(value)
        ]
        line = view.line
        bids = []
        for moderated in view.bids.values():
            totals = [t.value for t in moderated.member_totals.values() if t.value is not None]
            bid_id = moderated.bid.pk
            bids.append(
                {
                    "applicant": _applicant(panel, moderated.bid),
                    "lot": f"{moderated.lot.number}. {moderated.lot.title}"
                    if moderated.lot
                    else "",
                    "amount": moderated.amount,
                    "scorers": moderated.submitted,
                    "assigned": moderated.assigned,
                    "lowest": min(totals) if totals else None,
                    "highest": max(totals) if totals else None,
                    "consensus": moderated.consensus_total.value,
                    "flags": moderated.flag_count,
                    "proposed": Outcome(view.proposed_outcome(bid_id)).label
                    if moderated.consensus_complete
                    else "Not yet moderated",
                    "criteria": [
                        {
                            "title": row.criterion.title,
                            "weight": row.criterion.weight,
                            "count": row.spread.count,
                            "mean": row.spread.mean,
                            "low": row.spread.low,
                            "high": row.spread.high,
                            "flagged": row.flagged,
                            "consensus": row.consensus.value if row.consensus else None,
                            "not_applicable": bool(row.consensus and row.consensus.not_applicable),
                            "rationale": row.consensus.rationale if row.consensus else "",
                        }
                        for row in moderated.rows
                    ],
                }
            )
        return {
            "panel": {
                "name": panel.name,
                "organisation": panel.opportunity.organisation.name,
                "opportunity": panel.opportunity.title,
                "reference": panel.opportunity.reference,
                "status": panel.get_status_display(),
                "budget": panel.budget,
                "blind_review": panel.blind_review,
                "assignment": panel.get_assignment_mode_display(),
                "min_scorers": panel.min_scorers_per_bid,
                "variance_threshold": panel.variance_threshold,
                "letters_sent_at": panel.letters_sent_at,
                "standstill_ends_on": panel.standstill_ends_on,
            },
            "roles": roles,
            "members": len(record["members"]),
            "declarations": [
                {
                    "member": d.member.full_name,
                    "role": d.member.get_role_display(),
                    "applicant": _applicant(panel, d.bid),
                    "level": d.get_level_display(),
                    "note": d.note,
                    "ruling": d.get_ruling_display() if d.ruling else "",
                    "ruling_note": d.ruling_note,
                    "declared_on": d.created_at.date(),
                }
                for d in record["declarations"]
            ],
            "set_aside": [
                {
                    "member": a.member.full_name,
                    "applicant": _applicant(panel, a.bid),
                    "reason": a.set_aside_reason,
                    "on": a.set_aside_at.date(),
                }
                for a in record["set_aside"]
            ],
            "bids": bids,
            "funding_line": {
                "budget": line.budget,
                "spent": line.spent,
                "left": line.left,
                "funded": len(line.funded),
                "unmoderated": len(view.unmoderated),
            },
            "decisions": [
                {
                    "applicant": _applicant(panel, d.bid),
                    "outcome": d.get_outcome_display(),
                    "proposed": d.get_proposed_outcome_display() if d.proposed_outcome else "",
                    "requested": d.amount_requested,
                    "awarded": d.amount_awarded,
                    "reasons": d.reasons,
                    "override_reason": d.override_reason,
                }
                for d in record["decisions"]
            ],
            "representations": [
                {
                    "from": r.received_from,
                    "on": r.received_on,
                    "summary": r.summary,
                    "response": r.response,
                }
                for r in record["representations"]
            ],
        }

    def charts(self, *, data: dict[str, Any]) -> list[AnyChart]:
        moderated = [b for b in data["bids"] if b["consensus"] is not None]
        if not moderated:
            return []
        return [
            Chart(
                key="consensus",
                title="Consensus scores by bid",
                caption="Each moderated bid's consensus score, as a percentage of the top of "
                "the scale, weighted by the criteria.",
                categories=[b["applicant"][:48] for b in moderated],
                series=[Series("Consensus score (%)", [float(b["consensus"]) for b in moderated])],
                value_label="Per cent",
            )
        ]
