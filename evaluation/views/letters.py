"""Applicants read their decision letters in their account."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from core.viewutils import paginate
from evaluation import selectors


@login_required
def letter_list(request: HttpRequest) -> HttpResponse:
    page = paginate(
        request, selectors.letter_list_for_organisation(organisation=request.organisation)
    )
    return render(
        request,
        "evaluation/letter_list.html",
        {"page_obj": page, "organisation": request.organisation},
    )


@login_required
def letter_detail(request: HttpRequest, pk: int) -> HttpResponse:
    letter = selectors.letter_get_for_user(user=request.user, pk=pk)
    return render(
        request, "evaluation/letter_detail.html", {"letter": letter, "content": letter.content}
    )
