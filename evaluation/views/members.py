"""What a panel member does: accept the invitation, read the briefing, declare conflicts for
each bid, then score the bids they are assigned (on a phone as easily as on a computer)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from core.errors import ApplicationError
from core.viewutils import add_service_error
from evaluation import selectors
from evaluation.forms import DeclarationForm, ScoreSheetForm
from evaluation.services import conflicts, panels
from evaluation.services.scoring import MarkInput, scoresheet_save
from evaluation.views.common import member_panel, panel_access


def member_accept(request: HttpRequest, token: str) -> HttpResponse:
    """The page a panel invitation email links to."""
    member = selectors.member_get_by_token(token=token)
    if not request.user.is_authenticated:
        return render(request, "evaluation/member_signin.html", {"member": member})
    error = None
    if request.method == "POST":
        try:
            panels.member_accept(user=request.user, member=member)
        except ApplicationError as exc:
            error = exc.message
        else:
            messages.success(request, f"You have joined {member.panel.name}.")
            return redirect("evaluation:training", pk=member.panel_id)
    return render(
        request,
        "evaluation/member_accept.html",
        {"member": member, "error": error},
        status=400 if error else 200,
    )


@login_required
def training(request: HttpRequest, pk: int) -> HttpResponse:
    access = panel_access(request, pk)
    panel = access.panel
    return render(
        request,
        "evaluation/training.html",
        {
            "access": access,
            "panel": panel,
            "scale": selectors.scale_of(panel.opportunity),
            "criteria": selectors.criteria_for(opportunity=panel.opportunity),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def declaration(request: HttpRequest, pk: int, bid_pk: int) -> HttpResponse:
    access = member_panel(request, pk)
    panel = access.panel
    submission = selectors.panel_bid_get(panel=panel, bid_id=bid_pk)
    if not selectors.member_covers(access.member, submission.bid):
        raise Http404
    existing = selectors.declaration_for(member=access.member, bid=submission.bid)
    initial = {"level": existing.level, "note": existing.note} if existing else {}
    form = DeclarationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            conflicts.declaration_make(
                actor=request.user,
                member=access.member,
                bid=submission.bid,
                level=form.cleaned_data["level"],
                note=form.cleaned_data["note"],
            )
        except ApplicationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(
                request, f"Your declaration for {submission.bid.organisation.name} has been saved."
            )
            return redirect(panel)
    return render(
        request,
        "evaluation/declaration_form.html",
        {
            "form": form,
            "panel": panel,
            "submission": submission,
            "applicant": submission.bid.organisation,
            "partners": submission.content.get("partners", []),
            "existing": existing,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def score(request: HttpRequest, pk: int, bid_pk: int) -> HttpResponse:
    """The bid's answers beside the scale. Only a member who has declared, is cleared and is
    assigned reaches the content; anyone else gets 404 from the selector."""
    access = member_panel(request, pk)
    panel = access.panel
    submission, assignment = selectors.submission_for_member(access=access, bid_id=bid_pk)
    criteria = selectors.criteria_for_bid(
        selectors.criteria_for(opportunity=panel.opportunity), submission.bid
    )
    scores = selectors.scores_for(member=access.member, bid=submission.bid)
    locked = panel.status != "scoring"
    form = ScoreSheetForm(
        request.POST if request.method == "POST" else None,
        criteria=criteria,
        scale=selectors.scale_of(panel.opportunity),
        scores=scores,
        disabled=locked,
    )
    if request.method == "POST" and form.is_valid():
        submit = "submit" in request.POST
        try:
            scoresheet_save(
                actor=request.user,
                assignment=assignment,
                marks={cid: MarkInput(**mark) for cid, mark in form.marks().items()},
                submit=submit,
            )
        except ApplicationError as exc:
            add_service_error(form, exc)
        else:
            if submit or assignment.submitted_at:
                messages.success(
                    request,
                    "Your scores have been submitted. You can now see other members' scores.",
                )
            else:
                messages.success(request, "Your draft scores have been saved.")
            return redirect("evaluation:score", pk=panel.pk, bid_pk=submission.bid_id)
    answers = submission.content.get("answers", {})
    assignment.refresh_from_db()
    return render(
        request,
        "evaluation/score.html",
        {
            "form": form,
            "panel": panel,
            "submission": submission,
            "label": selectors.bid_label(panel, submission.bid),
            "show_applicant": not panel.blind_review,
            "sections": [
                {**section, "answer": answers.get(str(section["criterion"].pk), "")}
                for section in form.sections()
            ],
            "assignment": assignment,
            "others": selectors.others_scores(access=access, assignment=assignment),
            "criteria": criteria,
            "locked": locked,
            "budget": submission.content.get("budget", []),
            "amount": selectors.amount_requested(submission),
        },
    )
