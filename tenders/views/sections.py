"""Editing one specification section: save (and autosave with HTMX), live preview, and the
clause library. A save based on an old revision never overwrites: the person sees both texts,
keeps what they typed, and chooses."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from core.errors import ApplicationError
from core.viewutils import add_service_error
from tenders.constants import SectionKey, Status
from tenders.forms import SectionForm
from tenders.models import Clause, Opportunity, Section
from tenders.sanitise import clean_html
from tenders.services import drafting
from tenders.services.drafting import SectionConflictError
from tenders.views.common import commissioner_opportunity, unless_draft


def _section(opportunity: Opportunity, key: str) -> Section:
    for section in opportunity.sections.all():
        if section.key == key:
            return section
    raise Http404


def _clauses(key: str) -> list[Clause]:
    # The clause library is shared reference data with no selector yet.
    return list(Clause.objects.filter(section=key).order_by("title"))


def _neighbours(key: str) -> tuple[tuple[str, str] | None, tuple[str, str] | None]:
    keys = list(SectionKey)
    index = keys.index(SectionKey(key))
    before = keys[index - 1] if index > 0 else None
    after = keys[index + 1] if index + 1 < len(keys) else None
    return (
        (before.value, before.label) if before else None,
        (after.value, after.label) if after else None,
    )


def _page(
    request: HttpRequest,
    opportunity: Opportunity,
    section: Section,
    form: SectionForm,
    *,
    conflict: Section | None = None,
    status: int = 200,
) -> HttpResponse:
    body = form["body"].value() or ""
    previous, following = _neighbours(section.key)
    return render(
        request,
        "tenders/manage/section_edit.html",
        {
            "form": form,
            "opportunity": opportunity,
            "section": section,
            "conflict": conflict,
            "preview": clean_html(body),
            "clauses": _clauses(section.key),
            "previous_section": previous,
            "next_section": following,
            "autosave": conflict is None,
        },
        status=status,
    )


def _conflict_response(
    request: HttpRequest, opportunity: Opportunity, section: Section, body: str, latest: Section
) -> HttpResponse:
    """Both texts, with the newest revision in the form so that saving again is a choice made
    after seeing theirs. Autosave stops until then."""
    if request.htmx:
        return render(
            request,
            "tenders/partials/section_conflict_oob.html",
            {"conflict": latest, "opportunity": opportunity, "section": section},
        )
    form = SectionForm(initial={"body": body, "revision": latest.revision})
    return _page(request, opportunity, section, form, conflict=latest, status=409)


def _save(
    request: HttpRequest, opportunity: Opportunity, section: Section, form: SectionForm
) -> Section | HttpResponse:
    """The saved section, or the response that shows why it was not saved."""
    body = form.cleaned_data["body"]
    try:
        return drafting.section_save(
            actor=request.user,
            opportunity=opportunity,
            key=section.key,
            body=body,
            revision=form.cleaned_data["revision"],
        )
    except SectionConflictError as exc:
        if exc.section.body == clean_html(body):
            # Someone (often this person, a moment ago) already saved exactly this text.
            return exc.section
        return _conflict_response(request, opportunity, section, body, exc.section)
    except ApplicationError as exc:
        add_service_error(form, exc)
        if request.htmx:
            return render(request, "tenders/partials/section_status.html", {"error": exc.message})
        return _page(request, opportunity, section, form)


@login_required
@require_http_methods(["GET", "POST"])
def section_edit(request: HttpRequest, pk: int, key: str) -> HttpResponse:
    opportunity = commissioner_opportunity(request, pk)
    if request.htmx and opportunity.status != Status.DRAFT:
        return render(
            request,
            "tenders/partials/section_status.html",
            {"error": "Not saved: this opportunity has been published. Change it by amendment."},
        )
    if response := unless_draft(request, opportunity):
        return response
    section = _section(opportunity, key)
    if request.method == "GET":
        form = SectionForm(initial={"body": section.body, "revision": section.revision})
        return _page(request, opportunity, section, form)
    form = SectionForm(request.POST)
    if not form.is_valid():
        if request.htmx:
            return render(
                request,
                "tenders/partials/section_status.html",
                {"error": "Your text could not be saved. Reload the page and try again."},
            )
        return _page(request, opportunity, section, form)
    saved = _save(request, opportunity, section, form)
    if isinstance(saved, HttpResponse):
        return saved
    if request.htmx:
        return render(request, "tenders/partials/section_status.html", {"section": saved})
    messages.success(request, f"{saved.get_key_display()} has been saved.")
    return redirect("tenders:section_edit", pk=opportunity.pk, key=key)


@login_required
@require_POST
def section_preview(request: HttpRequest, pk: int, key: str) -> HttpResponse:
    """The text as it will be published: sanitised exactly as saving would."""
    opportunity = commissioner_opportunity(request, pk)
    _section(opportunity, key)
    return render(
        request,
        "tenders/partials/section_preview.html",
        {"preview": clean_html(request.POST.get("body", ""))},
    )


@login_required
@require_POST
def clause_insert(request: HttpRequest, pk: int, key: str, slug: str) -> HttpResponse:
    """Keep what the person has typed, then add the clause to the end of the section."""
    opportunity = commissioner_opportunity(request, pk)
    if response := unless_draft(request, opportunity):
        return response
    section = _section(opportunity, key)
    clause = next((c for c in _clauses(key) if c.slug == slug), None)
    if clause is None:
        raise Http404
    section_url = reverse("tenders:section_edit", args=[opportunity.pk, key])
    if "body" in request.POST:
        form = SectionForm(request.POST)
        if not form.is_valid():
            return _page(request, opportunity, section, form)
        saved = _save(request, opportunity, section, form)
        if isinstance(saved, HttpResponse):
            return saved
    try:
        drafting.clause_insert(actor=request.user, opportunity=opportunity, clause=clause)
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request, f"“{clause.title}” has been added to the end. Edit the wording so it fits."
        )
    return redirect(section_url + "#id_body")
