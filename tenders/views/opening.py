"""The commissioner's side of sealed bids: counts while sealed, the audited opening, bids per
lot, one bid as submitted, gate decisions, the bid pack, the register, late permits and
sending bids to evaluation.

Every page starts from `commissioner_opportunity` (404 for anyone outside the owning
organisation); every read of bid content goes through a selector that refuses (404) until
the bids are opened, so sealing does not depend on what a template shows.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    StreamingHttpResponse,
)
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from core.errors import ApplicationError
from core.viewutils import add_service_error
from tenders import bidpack, selectors
from tenders.constants import Eligibility, Status
from tenders.forms_opening import EligibilityForm, LatePermitForm
from tenders.models import Lot, Opportunity
from tenders.services import bidding, opening
from tenders.views.common import commissioner_opportunity


def _overview(opportunity: Opportunity) -> HttpResponse:
    return redirect("tenders:bids_overview", pk=opportunity.pk)


def _groups(opportunity: Opportunity, submissions: list) -> list[dict]:
    """The opened bids per lot (a bid in several lots is in each); one group without lots."""
    lots = list(opportunity.lots.all())
    if not lots:
        return [{"lot": None, "submissions": submissions}]
    return [
        {
            "lot": lot,
            "submissions": [
                s for s in submissions if any(x.pk == lot.pk for x in s.bid.lots.all())
            ],
        }
        for lot in lots
    ]


@login_required
def bids_overview(request: HttpRequest, pk: int) -> HttpResponse:
    opportunity = commissioner_opportunity(request, pk)
    if opportunity.status == Status.DRAFT:
        raise Http404
    context: dict = {
        "opportunity": opportunity,
        "opened": selectors.bids_are_open(opportunity),
        "counts": selectors.bid_counts(opportunity=opportunity),
    }
    if context["opened"]:
        submissions = list(
            selectors.submissions_for_commissioner(user=request.user, opportunity=opportunity)
        )
        context["groups"] = _groups(opportunity, submissions)
        context["undecided"] = sum(
            1 for s in submissions if s.bid.eligibility == Eligibility.PENDING
        )
    return render(request, "tenders/opening/overview.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def bids_open(request: HttpRequest, pk: int) -> HttpResponse:
    opportunity = commissioner_opportunity(request, pk)
    if opportunity.bids_opened_at is not None or opportunity.status != Status.CLOSED:
        messages.info(
            request,
            "The bids have already been opened."
            if opportunity.bids_opened_at
            else "Bids can only be opened once the opportunity has closed to bids.",
        )
        return _overview(opportunity)
    if request.method == "POST":
        try:
            opening.opportunity_bids_open(actor=request.user, opportunity=opportunity)
        except ApplicationError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, "The bids have been opened. This is in the audit trail.")
        return _overview(opportunity)
    return render(
        request,
        "tenders/opening/open_confirm.html",
        {"opportunity": opportunity, "counts": selectors.bid_counts(opportunity=opportunity)},
    )


def _bid_context(request: HttpRequest, opportunity: Opportunity, bid_pk: int) -> dict:
    bid = selectors.bid_get_for_commissioner(user=request.user, opportunity=opportunity, pk=bid_pk)
    versions = list(bid.submissions.all())
    return {
        "opportunity": opportunity,
        "bid": bid,
        "versions": versions,
        "submitted": bidpack.submitted_bid(versions[0], opportunity),
    }


@login_required
def bid_detail(request: HttpRequest, pk: int, bid_pk: int) -> HttpResponse:
    opportunity = commissioner_opportunity(request, pk)
    return render(
        request, "tenders/opening/bid_detail.html", _bid_context(request, opportunity, bid_pk)
    )


@login_required
@require_http_methods(["GET", "POST"])
def bid_eligibility(request: HttpRequest, pk: int, bid_pk: int) -> HttpResponse:
    opportunity = commissioner_opportunity(request, pk)
    context = _bid_context(request, opportunity, bid_pk)
    bid = context["bid"]
    initial = {"note": bid.eligibility_note}
    if bid.eligibility != Eligibility.PENDING:
        initial["decision"] = bid.eligibility
    form = EligibilityForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            opening.bid_eligibility_set(
                actor=request.user, bid=bid, passed=form.passed, note=form.cleaned_data["note"]
            )
        except ApplicationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(
                request,
                f"{bid.organisation.name}: "
                + ("passes the gates." if form.passed else "fails the gates."),
            )
            return _overview(opportunity)
    return render(request, "tenders/opening/eligibility.html", {**context, "form": form})


@login_required
def attachment_download(request: HttpRequest, pk: int, attachment_pk: int) -> FileResponse:
    opportunity = commissioner_opportunity(request, pk)
    attachment = selectors.attachment_get_for_user(user=request.user, pk=attachment_pk)
    if attachment.bid.opportunity_id != opportunity.pk:
        raise Http404
    response = FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=bidpack.safe_name(attachment.name),
        content_type=attachment.file_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def bid_pack(request: HttpRequest, pk: int, lot_pk: int | None = None) -> StreamingHttpResponse:
    opportunity = commissioner_opportunity(request, pk)
    lot: Lot | None = None
    if lot_pk is not None:
        lot = next((x for x in opportunity.lots.all() if x.pk == lot_pk), None)
        if lot is None:
            raise Http404
    elif opportunity.lots.all():
        raise Http404  # an opportunity with lots has a pack per lot
    submissions = selectors.submissions_for_commissioner(
        user=request.user, opportunity=opportunity, lot=lot
    )
    bids = [bidpack.submitted_bid(s, opportunity) for s in submissions]
    title = f"Lot {lot.number}: {lot.title}" if lot else "All bids"
    filename = bidpack.safe_name(
        f"{opportunity.reference} bid pack" + (f" lot {lot.number}" if lot else ""), limit=120
    )
    response = StreamingHttpResponse(
        bidpack.bid_pack_stream(opportunity=opportunity, bids=bids, title=title),
        content_type="application/zip",
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}.zip"'
    return response


@login_required
def register(request: HttpRequest, pk: int) -> HttpResponse:
    opportunity = commissioner_opportunity(request, pk)
    rows = bidpack.register_rows(
        selectors.register_for_commissioner(user=request.user, opportunity=opportunity)
    )
    return render(
        request, "tenders/opening/register.html", {"opportunity": opportunity, "rows": rows}
    )


@login_required
def register_csv(request: HttpRequest, pk: int) -> HttpResponse:
    opportunity = commissioner_opportunity(request, pk)
    rows = bidpack.register_rows(
        selectors.register_for_commissioner(user=request.user, opportunity=opportunity)
    )
    response = HttpResponse(bidpack.register_csv(rows), content_type="text/csv; charset=utf-8")
    filename = bidpack.safe_name(f"{opportunity.reference} register of bids", limit=120)
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def late_permits(request: HttpRequest, pk: int) -> HttpResponse:
    opportunity = commissioner_opportunity(request, pk)
    if opportunity.status == Status.DRAFT:
        raise Http404
    can_grant = (
        opportunity.status in (Status.PUBLISHED, Status.CLOSED)
        and opportunity.bids_opened_at is None
    )
    form = LatePermitForm(
        request.POST if request.method == "POST" else None,
        organisations=selectors.late_permit_candidates(opportunity=opportunity),
    )
    if request.method == "POST" and can_grant and form.is_valid():
        try:
            permit = bidding.late_permit_grant(
                actor=request.user,
                opportunity=opportunity,
                organisation=form.cleaned_data["organisation"],
                reason=form.cleaned_data["reason"],
                valid_for=form.valid_for,
            )
        except ApplicationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(
                request,
                f"{permit.organisation.name} can submit late until the time shown. "
                "This is in the audit trail.",
            )
            return redirect("tenders:late_permits", pk=opportunity.pk)
    return render(
        request,
        "tenders/opening/late_permits.html",
        {
            "opportunity": opportunity,
            "form": form,
            "can_grant": can_grant,
            "permits": selectors.late_permits_for(opportunity=opportunity),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def send_to_evaluation(request: HttpRequest, pk: int) -> HttpResponse:
    opportunity = commissioner_opportunity(request, pk)
    submissions = list(
        selectors.submissions_for_commissioner(user=request.user, opportunity=opportunity)
    )
    if opportunity.status != Status.CLOSED:
        messages.info(request, "The bids have already been sent to evaluation.")
        return _overview(opportunity)
    problems: list[str] = []
    if request.method == "POST":
        try:
            opening.opportunity_send_to_evaluation(actor=request.user, opportunity=opportunity)
        except ApplicationError as exc:
            problems = exc.extra.get("problems") or [exc.message]
        else:
            messages.success(request, "The bids that passed the gates are now in evaluation.")
            return redirect("tenders:workspace", pk=opportunity.pk)
    tally = dict.fromkeys(Eligibility.values, 0)
    for s in submissions:
        tally[s.bid.eligibility] += 1
    return render(
        request,
        "tenders/opening/send_to_evaluation.html",
        {
            "opportunity": opportunity,
            "passed": tally[Eligibility.PASSED],
            "failed": tally[Eligibility.FAILED],
            "pending": tally[Eligibility.PENDING],
            "problems": problems,
            "cancel_url": reverse("tenders:bids_overview", args=[opportunity.pk]),
        },
    )
