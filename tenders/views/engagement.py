"""The commissioner's side of engagement: the questions inbox, answering, and personal
invitations to directory providers."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from core.errors import ApplicationError
from core.viewutils import add_service_error, paginate
from tenders import selectors
from tenders.constants import QuestionStatus, Status
from tenders.forms import AnswerForm, InvitationForm
from tenders.services import engagement
from tenders.views.common import commissioner_opportunity

# Enough to choose from on one page; the page says so when there are more.
INVITATION_CHOICES_SHOWN = 100


@login_required
def question_list(request: HttpRequest, pk: int) -> HttpResponse:
    opportunity = commissioner_opportunity(request, pk)
    page = paginate(request, selectors.questions_for_commissioner(opportunity=opportunity))
    return render(
        request,
        "tenders/manage/question_list.html",
        {"opportunity": opportunity, "page_obj": page},
    )


@login_required
@require_http_methods(["GET", "POST"])
def question_answer(request: HttpRequest, pk: int, question_pk: int) -> HttpResponse:
    question = selectors.question_get_for_commissioner(user=request.user, pk=question_pk)
    if question.opportunity_id != pk:
        raise Http404
    opportunity = commissioner_opportunity(request, pk)
    form = AnswerForm(request.POST if request.method == "POST" else None, question=question)
    if request.method == "POST" and form.is_valid():
        try:
            answered = engagement.question_answer(
                actor=request.user, question=question, **form.service_arguments()
            )
        except ApplicationError as exc:
            add_service_error(form, exc)
        else:
            if answered.status == QuestionStatus.PUBLISHED:
                text = "The answer has been published to everyone, without saying who asked."
            else:
                text = "The answer has been sent privately to the organisation that asked."
            messages.success(request, text)
            return redirect("tenders:question_list", pk=opportunity.pk)
    return render(
        request,
        "tenders/manage/question_answer.html",
        {"opportunity": opportunity, "question": question, "form": form},
    )


@login_required
@require_http_methods(["GET", "POST"])
def invitation_list(request: HttpRequest, pk: int) -> HttpResponse:
    opportunity = commissioner_opportunity(request, pk)
    invitations = list(selectors.invitations_for(opportunity=opportunity))
    invited = {invitation.organisation_id for invitation in invitations}
    can_invite = opportunity.status in (Status.DRAFT, Status.PUBLISHED)
    matches = selectors.matching_providers(opportunity=opportunity)
    candidates = [
        profile
        for profile in matches[: INVITATION_CHOICES_SHOWN + len(invited)]
        if profile.organisation_id not in invited
    ][:INVITATION_CHOICES_SHOWN]
    match_count = matches.count()
    form = InvitationForm(
        request.POST if request.method == "POST" else None,
        choices=[(p.organisation_id, p.organisation.name) for p in candidates],
    )
    if request.method == "POST" and can_invite and form.is_valid():
        chosen = set(form.cleaned_data["organisations"])
        try:
            sent = engagement.invitations_send(
                actor=request.user,
                opportunity=opportunity,
                organisations=[p.organisation for p in candidates if p.organisation_id in chosen],
                message=form.cleaned_data["message"],
            )
        except ApplicationError as exc:
            add_service_error(form, exc)
        else:
            count = len(sent)
            messages.success(
                request, f"{count} invitation{'s' if count != 1 else ''} sent in your name."
            )
            return redirect("tenders:invitation_list", pk=opportunity.pk)
    return render(
        request,
        "tenders/manage/invitation_list.html",
        {
            "opportunity": opportunity,
            "form": form,
            "candidates": candidates,
            "match_count": match_count,
            "more_than_shown": match_count > len(candidates) + len(invited),
            "invitations": invitations,
            "can_invite": can_invite,
            "interests": selectors.interested_organisations(opportunity=opportunity),
        },
    )
