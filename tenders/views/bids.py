"""The providers' bid pages: start a bid, answer each question (autosaved, never silently
overwritten), budget, attachments, pass/fail requirements, declarations, partners, the
checklist, submit with a receipt, resubmit and withdraw.

Every page finds its bid through `selectors.bid_get_for_bidder`: anyone but the bidding
organisation and its confirmed partners gets 404. After the closing time every page is
read-only and says so; the services refuse any change regardless.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from core.errors import ApplicationError
from core.viewutils import add_service_error, paginate
from tenders import selectors
from tenders.constants import BidStatus
from tenders.forms_bids import (
    AnswerForm,
    AttachmentForm,
    BidStartForm,
    BudgetFormSet,
    DeclarationsForm,
    GatesForm,
    PartnerInviteForm,
)
from tenders.models import Answer, Bid, Criterion, Submission
from tenders.services import bidding
from tenders.services.bidding import BidConflictError, word_count
from tenders.views.common import bidding_organisation

# Shared ---------------------------------------------------------------------------------


def _bid(request: HttpRequest, pk: int) -> Bid:
    return selectors.bid_get_for_bidder(user=request.user, pk=pk)


def _editable(bid: Bid) -> bool:
    return bid.status != BidStatus.WITHDRAWN and bid.opportunity.is_open


def _context(request: HttpRequest, bid: Bid, **extra: Any) -> dict[str, Any]:
    return {
        "bid": bid,
        "opportunity": bid.opportunity,
        "editable": _editable(bid),
        "is_lead": selectors.bid_is_lead(user=request.user, bid=bid),
        **extra,
    }


def _workspace(bid: Bid) -> HttpResponse:
    return redirect("bids:workspace", pk=bid.pk)


def _read_only(request: HttpRequest, bid: Bid) -> HttpResponse | None:
    """A change asked for after close (or on a withdrawn bid): say why, change nothing."""
    if _editable(bid):
        return None
    if bid.status == BidStatus.WITHDRAWN:
        messages.error(request, "This bid has been withdrawn, so it can no longer be changed.")
    else:
        messages.error(request, "This opportunity has closed. Bids can no longer be changed.")
    return _workspace(bid)


def _answers(bid: Bid) -> list[dict[str, Any]]:
    saved = {answer.criterion_id: answer for answer in bid.answers.all()}
    rows = []
    for criterion in selectors.bid_questions(bid):
        text = saved[criterion.pk].text if criterion.pk in saved else ""
        words = word_count(text)
        rows.append(
            {
                "criterion": criterion,
                "words": words,
                "answered": bool(text.strip()),
                "over": bool(criterion.word_limit and words > criterion.word_limit),
            }
        )
    return rows


# Lists ----------------------------------------------------------------------------------


@login_required
def bid_list(request: HttpRequest) -> HttpResponse:
    organisation = bidding_organisation(request, "tenders.register_interest")
    page = paginate(request, selectors.bid_list_for_organisation(organisation=organisation))
    return render(
        request,
        "tenders/bids/bid_list.html",
        {
            "page_obj": page,
            "organisation": organisation,
            "invitations": selectors.bid_invitations_for_organisation(organisation=organisation),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def bid_start(request: HttpRequest, opportunity_pk: int) -> HttpResponse:
    opportunity = selectors.opportunity_get_for_user(user=request.user, pk=opportunity_pk)
    organisation = bidding_organisation(request, "tenders.register_interest")
    if not opportunity.is_open:
        messages.error(request, "This opportunity is not open for bids.")
        return redirect(opportunity)
    consortia = selectors.consortia_led_by(organisation=organisation)
    form = BidStartForm(
        request.POST if request.method == "POST" else None,
        opportunity=opportunity,
        consortia=consortia,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            bid = bidding.bid_start(
                actor=request.user,
                opportunity=opportunity,
                organisation=organisation,
                title=data.get("title", ""),
                lots=data.get("lots") or [],
                consortium=data.get("consortium"),
            )
        except ApplicationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, "Your bid has been started. It is saved as a draft.")
            return _workspace(bid)
    return render(
        request,
        "tenders/bids/bid_start.html",
        {
            "form": form,
            "opportunity": opportunity,
            "organisation": organisation,
            "existing": selectors.bids_on_opportunity_for_organisation(
                organisation=organisation, opportunity=opportunity
            ),
        },
    )


# The workspace --------------------------------------------------------------------------


@login_required
def workspace(request: HttpRequest, pk: int) -> HttpResponse:
    bid = _bid(request, pk)
    lines = list(bid.budget_lines.all())
    gate_answers = {g.gate_id: g.meets for g in bid.gate_answers.all()}
    gates = list(bid.opportunity.gates.all())
    return render(
        request,
        "tenders/bids/workspace.html",
        _context(
            request,
            bid,
            profile=getattr(bid.organisation, "profile", None),
            answers=_answers(bid),
            budget_total=sum((line.amount for line in lines), Decimal(0)),
            budget_lines=lines,
            gates_done=bool(gates) and all(gate_answers.get(g.pk) is not None for g in gates),
            gates=gates,
            declarations_done=bid.declare_eligible
            and bid.declare_accurate
            and (bid.declare_no_conflicts or bool(bid.conflicts_note.strip())),
            checklist=bidding.bid_checklist(bid),
            partners=list(bid.partners.all()),
            submissions=list(bid.submissions.all()),
        ),
    )


# Answers --------------------------------------------------------------------------------


def _criterion(bid: Bid, criterion_pk: int) -> Criterion:
    for criterion in selectors.bid_questions(bid):
        if criterion.pk == criterion_pk:
            return criterion
    raise Http404


def _saved_answer(bid: Bid, criterion: Criterion) -> Answer | None:
    return next((a for a in bid.answers.all() if a.criterion_id == criterion.pk), None)


def _answer_page(
    request: HttpRequest,
    bid: Bid,
    criterion: Criterion,
    form: AnswerForm,
    *,
    conflict: Answer | None = None,
    status: int = 200,
) -> HttpResponse:
    questions = selectors.bid_questions(bid)
    index = questions.index(criterion)
    text = form["text"].value() or ""
    return render(
        request,
        "tenders/bids/answer.html",
        _context(
            request,
            bid,
            form=form,
            criterion=criterion,
            saved=_saved_answer(bid, criterion),
            conflict=conflict,
            words=word_count(text),
            previous_question=questions[index - 1] if index > 0 else None,
            next_question=questions[index + 1] if index + 1 < len(questions) else None,
            number=index + 1,
            total=len(questions),
            autosave=conflict is None,
        ),
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def answer_edit(request: HttpRequest, pk: int, criterion_pk: int) -> HttpResponse:
    bid = _bid(request, pk)
    criterion = _criterion(bid, criterion_pk)
    saved = _saved_answer(bid, criterion)
    if request.method == "GET":
        form = AnswerForm(
            initial={
                "text": saved.text if saved else "",
                "revision": saved.revision if saved else 0,
            },
            criterion=criterion,
        )
        return _answer_page(request, bid, criterion, form)
    if not _editable(bid):
        if request.htmx:
            return render(
                request,
                "tenders/bids/partials/answer_status.html",
                {"error": "Not saved: this opportunity has closed. Bids can no longer be changed."},
            )
        return _read_only(request, bid)
    form = AnswerForm(request.POST, criterion=criterion)
    if not form.is_valid():
        if request.htmx:
            return render(
                request,
                "tenders/bids/partials/answer_status.html",
                {"error": "Your answer could not be saved. Choose Save to try again."},
            )
        return _answer_page(request, bid, criterion, form)
    return _answer_save(request, bid, criterion, form)


def _answer_save(
    request: HttpRequest, bid: Bid, criterion: Criterion, form: AnswerForm
) -> HttpResponse:
    """Save a valid answer; on a conflict show both versions, never overwrite."""
    text = form.cleaned_data["text"]
    try:
        answer = bidding.answer_save(
            actor=request.user,
            bid=bid,
            criterion=criterion,
            text=text,
            revision=form.cleaned_data["revision"],
        )
    except BidConflictError as exc:
        latest = exc.current
        if latest.text == text:
            answer = latest
        elif request.htmx:
            return render(
                request,
                "tenders/bids/partials/answer_conflict_oob.html",
                _context(request, bid, conflict=latest, criterion=criterion),
            )
        else:
            form = AnswerForm(
                initial={"text": text, "revision": latest.revision}, criterion=criterion
            )
            return _answer_page(request, bid, criterion, form, conflict=latest, status=409)
    except ApplicationError as exc:
        if request.htmx:
            return render(
                request, "tenders/bids/partials/answer_status.html", {"error": exc.message}
            )
        add_service_error(form, exc)
        return _answer_page(request, bid, criterion, form)
    if request.htmx:
        return render(
            request,
            "tenders/bids/partials/answer_status.html",
            {"answer": answer, "criterion": criterion, "words": word_count(answer.text)},
        )
    messages.success(request, f"Your answer to '{criterion.title}' has been saved.")
    if "next" in request.POST:
        following = _answer_page_next(bid, criterion)
        if following is not None:
            return redirect("bids:answer", pk=bid.pk, criterion_pk=following.pk)
        return _workspace(bid)
    return redirect("bids:answer", pk=bid.pk, criterion_pk=criterion.pk)


def _answer_page_next(bid: Bid, criterion: Criterion) -> Criterion | None:
    questions = selectors.bid_questions(bid)
    index = questions.index(criterion)
    return questions[index + 1] if index + 1 < len(questions) else None


# Budget ---------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def budget(request: HttpRequest, pk: int) -> HttpResponse:
    bid = _bid(request, pk)
    lines = list(bid.budget_lines.all())
    error = ""
    if request.method == "POST":
        if response := _read_only(request, bid):
            return response
        formset = BudgetFormSet(request.POST, prefix="lines")
        revision = _revision(request)
        if formset.is_valid() and revision is not None:
            rows = [
                {
                    "description": form.cleaned_data["description"],
                    "cost_type": form.cleaned_data["cost_type"],
                    "amount": form.cleaned_data["amount"],
                }
                for form in formset.forms
                if not form.is_blank
            ]
            try:
                bidding.bid_update(
                    actor=request.user, bid=bid, revision=revision, budget_lines=rows
                )
            except ApplicationError as exc:
                error = exc.message
            else:
                messages.success(request, "Your budget has been saved.")
                return _workspace(bid)
    else:
        formset = BudgetFormSet(
            prefix="lines",
            initial=[
                {"description": li.description, "cost_type": li.cost_type, "amount": li.amount}
                for li in lines
            ],
        )
    return render(
        request,
        "tenders/bids/budget.html",
        _context(
            request,
            bid,
            formset=formset,
            summary_errors=_budget_errors(formset, error),
            lines=lines,
            total=sum((line.amount for line in lines), Decimal(0)),
        ),
        status=400 if error else 200,
    )


def _budget_errors(formset: Any, service_error: str) -> list[dict[str, str]]:
    """The error summary for the budget's rows: the service's refusal, then each field's."""
    errors = [{"message": service_error, "href": ""}] if service_error else []
    if formset.is_bound:
        for form in formset.forms:
            for name, messages_ in form.errors.items():
                href = f"#{form[name].id_for_label}" if name in form.fields else ""
                errors.extend({"message": message, "href": href} for message in messages_)
    return errors


def _revision(request: HttpRequest) -> int | None:
    value = request.POST.get("revision", "")
    return int(value) if value.isdigit() else None


# Requirements and declarations ----------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def requirements(request: HttpRequest, pk: int) -> HttpResponse:
    bid = _bid(request, pk)
    gates = list(bid.opportunity.gates.all())
    if not gates:
        raise Http404
    saved = {g.gate_id: g for g in bid.gate_answers.all()}
    if request.method == "POST":
        if response := _read_only(request, bid):
            return response
        form = GatesForm(request.POST, gates=gates)
        if form.is_valid():
            try:
                bidding.bid_update(
                    actor=request.user,
                    bid=bid,
                    revision=form.cleaned_data["revision"],
                    gate_answers=form.answers(),
                )
            except ApplicationError as exc:
                add_service_error(form, exc)
            else:
                messages.success(request, "Your answers to the requirements have been saved.")
                return _workspace(bid)
    else:
        initial: dict[str, Any] = {"revision": bid.revision}
        for gate_id, answer in saved.items():
            initial[f"gate_{gate_id}"] = {True: "yes", False: "no"}.get(answer.meets, "")
            initial[f"note_{gate_id}"] = answer.note
        form = GatesForm(initial=initial, gates=gates)
    return render(request, "tenders/bids/requirements.html", _context(request, bid, form=form))


@login_required
@require_http_methods(["GET", "POST"])
def declarations(request: HttpRequest, pk: int) -> HttpResponse:
    bid = _bid(request, pk)
    if request.method == "POST":
        if response := _read_only(request, bid):
            return response
        form = DeclarationsForm(request.POST)
        if form.is_valid():
            data = dict(form.cleaned_data)
            revision = data.pop("revision")
            try:
                bidding.bid_update(
                    actor=request.user, bid=bid, revision=revision, declarations=data
                )
            except ApplicationError as exc:
                add_service_error(form, exc)
            else:
                messages.success(request, "Your declarations have been saved.")
                return _workspace(bid)
    else:
        form = DeclarationsForm(
            initial={
                "revision": bid.revision,
                "declare_eligible": bid.declare_eligible,
                "declare_no_conflicts": bid.declare_no_conflicts,
                "conflicts_note": bid.conflicts_note,
                "declare_accurate": bid.declare_accurate,
            }
        )
    return render(request, "tenders/bids/declarations.html", _context(request, bid, form=form))


# Attachments ----------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def attachments(request: HttpRequest, pk: int) -> HttpResponse:
    bid = _bid(request, pk)
    form = AttachmentForm()
    status = 200
    if request.method == "POST":
        if response := _read_only(request, bid):
            return response
        form = AttachmentForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                attachment = bidding.attachment_add(
                    actor=request.user, bid=bid, file=form.cleaned_data["file"]
                )
            except ApplicationError as exc:
                add_service_error(form, exc)
                form.errors["file"] = form.error_class([exc.message])
                status = 400
            else:
                messages.success(request, f"{attachment.name} has been attached.")
                return redirect("bids:attachments", pk=bid.pk)
        else:
            status = 400
    return render(
        request,
        "tenders/bids/attachments.html",
        _context(request, bid, form=form, attachments=list(bid.attachments.all())),
        status=status,
    )


def _attachment(request: HttpRequest, bid: Bid, attachment_pk: int):
    attachment = selectors.attachment_get_for_user(user=request.user, pk=attachment_pk)
    if attachment.bid_id != bid.pk:
        raise Http404
    return attachment


@login_required
def attachment_download(request: HttpRequest, pk: int, attachment_pk: int) -> FileResponse:
    attachment = _attachment(request, _bid(request, pk), attachment_pk)
    return FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.name,
        content_type=attachment.file_type,
    )


@login_required
@require_http_methods(["GET", "POST"])
def attachment_remove(request: HttpRequest, pk: int, attachment_pk: int) -> HttpResponse:
    bid = _bid(request, pk)
    attachment = _attachment(request, bid, attachment_pk)
    if response := _read_only(request, bid):
        return response
    if request.method == "POST":
        try:
            bidding.attachment_remove(actor=request.user, attachment=attachment)
        except ApplicationError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, f"{attachment.name} has been removed.")
        return redirect("bids:attachments", pk=bid.pk)
    return render(
        request,
        "confirm.html",
        {
            "confirm_title": f"Remove {attachment.name}?",
            "confirm_body": "It will no longer be part of your bid. Versions you have already "
            "submitted keep their record of it.",
            "confirm_button": "Remove file",
            "cancel_url": reverse("bids:attachments", args=[bid.pk]),
            "danger": True,
        },
    )


# Partners -------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def partners(request: HttpRequest, pk: int) -> HttpResponse:
    bid = _bid(request, pk)
    is_lead = selectors.bid_is_lead(user=request.user, bid=bid)
    candidates = selectors.bid_partner_candidates(bid=bid)
    form = PartnerInviteForm(
        request.POST if request.method == "POST" else None, organisations=candidates
    )
    if request.method == "POST":
        if response := _read_only(request, bid):
            return response
        if not is_lead:
            raise Http404
        if form.is_valid():
            organisation = form.cleaned_data["organisation"]
            try:
                bidding.bid_partner_invite(actor=request.user, bid=bid, organisation=organisation)
            except ApplicationError as exc:
                add_service_error(form, exc)
            else:
                messages.success(
                    request,
                    f"{organisation.name} has been invited to take part. Their administrators "
                    "have been emailed.",
                )
                return redirect("bids:partners", pk=bid.pk)
    return render(
        request,
        "tenders/bids/partners.html",
        _context(request, bid, form=form, partners=list(bid.partners.all())),
    )


@login_required
@require_http_methods(["GET", "POST"])
def invitation_respond(request: HttpRequest, partner_pk: int) -> HttpResponse:
    partner = selectors.bid_partner_get_for_invitee(user=request.user, pk=partner_pk)
    if request.method == "POST":
        accept = request.POST.get("answer") == "accept"
        try:
            bidding.bid_partner_respond(actor=request.user, partner=partner, accept=accept)
        except ApplicationError as exc:
            messages.error(request, exc.message)
            return redirect("bids:list")
        if accept:
            messages.success(
                request,
                f"You are taking part in {partner.bid.organisation.name}'s bid. You can now "
                "read it and contribute.",
            )
            return redirect("bids:workspace", pk=partner.bid_id)
        messages.success(request, "You have declined the invitation.")
        return redirect("bids:list")
    return render(
        request,
        "tenders/bids/invitation.html",
        {"partner": partner, "bid": partner.bid, "opportunity": partner.bid.opportunity},
    )


# Submit, receipts, withdraw -------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def submit(request: HttpRequest, pk: int) -> HttpResponse:
    bid = _bid(request, pk)
    is_lead = selectors.bid_is_lead(user=request.user, bid=bid)
    refusal = ""
    problems: list[str] = []
    if request.method == "POST":
        if not is_lead:
            raise Http404
        try:
            submission = bidding.bid_submit(actor=request.user, bid=bid)
        except ApplicationError as exc:
            problems = list(exc.extra.get("problems", []))
            refusal = "Your bid has not been submitted." if problems else exc.message
        else:
            return redirect("bids:receipt", pk=bid.pk, number=submission.number)
    else:
        problems = bidding.bid_checklist(bid)
    return render(
        request,
        "tenders/bids/submit.html",
        _context(
            request,
            bid,
            problems=problems,
            refusal=refusal,
            answers=_answers(bid),
            now=timezone.now(),
        ),
        status=400 if refusal else 200,
    )


@login_required
def receipt(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    bid = _bid(request, pk)
    submission: Submission | None = next(
        (s for s in bid.submissions.all() if s.number == number), None
    )
    if submission is None:
        raise Http404
    return render(
        request,
        "tenders/bids/receipt.html",
        _context(request, bid, submission=submission, submissions=list(bid.submissions.all())),
    )


@login_required
@require_http_methods(["GET", "POST"])
def withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    bid = _bid(request, pk)
    if not selectors.bid_is_lead(user=request.user, bid=bid):
        raise Http404
    if response := _read_only(request, bid):
        return response
    if request.method == "POST":
        try:
            bidding.bid_withdraw(actor=request.user, bid=bid)
        except ApplicationError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(
                request,
                "Your bid has been withdrawn. The versions you submitted are kept for the record.",
            )
        return _workspace(bid)
    return render(
        request,
        "confirm.html",
        {
            "confirm_title": "Withdraw this bid?",
            "confirm_body": "The commissioner will not consider it. You cannot undo this; the "
            "versions you submitted are kept for the record.",
            "confirm_button": "Withdraw bid",
            "cancel_url": reverse("bids:workspace", args=[bid.pk]),
            "danger": True,
        },
    )
