"""The public directory: search with facets, profile pages, and checked file downloads."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.text import slugify

from accounts.rules import is_platform_admin
from commissioning.vocabulary.snapshot import vocabulary_generation
from core.pagecache import shared_anonymous_page
from core.viewutils import paginate
from providers import selectors
from providers.constants import Setting
from providers.exports import profiles_csv
from providers.filters import DirectorySearchForm
from providers.forms import FACET_PARAMETERS, Term, vocabulary_terms
from providers.models import ProviderProfile
from providers.rules import is_commissioner_user, is_profile_member
from providers.selectors import DirectoryFilters, FacetValue
from providers.views.profile import choice_labels
from providers.views.shortlists import shortlist_choices

RESULTS_PER_PAGE = 20
# Area served has hundreds of values: the most common are shown, the rest folded away.
AREAS_SHOWN = 15

FACET_LEGENDS = {
    "art_forms": "Art form",
    "outcome_areas": "Outcome area",
    "beneficiary_groups": "Who they work with",
    "areas": "Area served",
    "settings": "Setting",
    "organisation_types": "Kind of organisation",
    "staff_bands": "Size (paid staff)",
}


@dataclass
class FacetOption:
    id: str
    name: str
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class FacetGroup:
    key: str
    legend: str
    options: list[FacetOption]
    more: list[FacetOption] = field(default_factory=list)

    @property
    def any_selected_in_more(self) -> bool:
        return any(option.selected for option in self.more)


@dataclass
class ActiveFilter:
    label: str
    remove_url: str


def _parameter_value(facet: str, value: str, terms: dict[str, dict[int, Term]]) -> str | None:
    """The query-string value for a facet value (a slug or code for the vocabularies)."""
    if facet not in terms or not terms[facet]:
        return value
    term = terms[facet].get(int(value))
    return term.parameter if term else None


def _facet_groups(
    facets: dict[str, list[FacetValue]], terms: dict[str, dict[int, Term]]
) -> list[FacetGroup]:
    groups = []
    for facet, legend in FACET_LEGENDS.items():
        name = FACET_PARAMETERS[facet]
        options = []
        for facet_value in facets.get(facet, []):
            value = _parameter_value(facet, str(facet_value.value), terms)
            if value is None:
                continue
            options.append(
                FacetOption(
                    id=f"{name}-{slugify(value) or 'value'}",
                    name=name,
                    value=value,
                    label=facet_value.label,
                    count=facet_value.count,
                    selected=facet_value.selected,
                )
            )
        if not options:
            continue
        group = FacetGroup(key=facet, legend=legend, options=options)
        if facet == "areas" and len(options) > AREAS_SHOWN:
            shown = options[:AREAS_SHOWN]
            rest = options[AREAS_SHOWN:]
            # A chosen area is always in view, so it can be unchosen.
            group.options = shown + [o for o in rest if o.selected]
            group.more = [o for o in rest if not o.selected]
        groups.append(group)
    return groups


def _without(query: QueryDict, name: str, value: str | None = None) -> str:
    remaining = query.copy()
    remaining.pop("page", None)
    if value is None:
        remaining.pop(name, None)
    else:
        remaining.setlist(name, [v for v in remaining.getlist(name) if v != value])
    encoded = remaining.urlencode()
    return f"{reverse('providers:directory')}{'?' + encoded if encoded else ''}"


def _active_filters(request: HttpRequest, filters: DirectoryFilters) -> list[ActiveFilter]:
    """The search's words and each chosen facet value, with a link that removes it."""
    active = []
    if filters.q:
        active.append(ActiveFilter(f"“{filters.q}”", _without(request.GET, "q")))
    terms = vocabulary_terms()
    labels = selectors.facet_labels()
    for facet, legend in FACET_LEGENDS.items():
        for value in getattr(filters, facet):
            label = labels[facet].get(str(value))
            parameter = terms[facet][value].parameter if facet in terms else value
            if label is None:
                continue
            active.append(
                ActiveFilter(
                    f"{legend}: {label}",
                    _without(request.GET, FACET_PARAMETERS[facet], parameter),
                )
            )
    return active


def _query_without_page(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def directory_search(request: HttpRequest) -> HttpResponse:
    """Anyone can search. Signed-in people who keep shortlists can add to them and export the
    results; commissioners also see what support the matching providers would like. Anonymous
    visitors making the same search share one rendering until a profile or term changes."""
    return shared_anonymous_page(
        request,
        state=("directory", selectors.directory_generation(), vocabulary_generation()),
        render=lambda: _directory_search(request),
    )


def _directory_search(request: HttpRequest) -> HttpResponse:
    form = DirectorySearchForm(request.GET)
    filters = form.filters()
    summary = selectors.directory_summary(filters)
    matches = selectors.directory_results(filters, summary)
    page = paginate(request, matches, per_page=RESULTS_PER_PAGE, count=summary.count)
    terms = vocabulary_terms()
    facets_html = selectors.directory_facets_built(
        summary,
        filters,
        "panel",
        lambda facets: render_to_string(
            "providers/directory/_facets.html", {"facet_groups": _facet_groups(facets, terms)}
        ),
    )
    art_form_names = {pk: term.name for pk, term in terms["art_forms"].items()}
    results = [
        {
            "profile": profile,
            "art_forms": [art_form_names[i] for i in profile.art_form_ids if i in art_form_names],
            "areas_count": len(profile.area_ids),
        }
        for profile in page.object_list
    ]
    can_shortlist, shortlists = shortlist_choices(request)
    query = _query_without_page(request)
    return render(
        request,
        "providers/directory/search.html",
        {
            "search_form": form,
            "filters": filters,
            "page_obj": page,
            "results": results,
            "facets_html": facets_html,
            "active_filters": _active_filters(request, filters),
            "sort_choices": form.fields["sort"].choices,
            "can_shortlist": can_shortlist,
            "shortlists": shortlists,
            "export_url": f"{reverse('providers:directory_export')}?{query}",
            "next_url": request.get_full_path(),
            "support_needs": (
                selectors.support_needs_summary(selectors.directory_queryset(filters))
                if request.user.has_perm("providers.view_support_needs")
                else None
            ),
        },
    )


@login_required
def directory_export(request: HttpRequest) -> HttpResponse:
    organisation = request.organisation
    if organisation is None or not request.user.has_perm("providers.add_shortlist", organisation):
        raise PermissionDenied
    filters = DirectorySearchForm(request.GET).filters()
    return profiles_csv(
        filename="directory-search.csv",
        profiles=selectors.directory_queryset(filters).iterator(chunk_size=1000),
    )


def _can_see_documents(user, profile: ProviderProfile) -> bool:
    """The same people selectors.document_get_for_user lets download them."""
    if is_profile_member(user, profile) or is_platform_admin(user):
        return True
    return profile.is_listed and is_commissioner_user(user)


def profile_detail(request: HttpRequest, pk: int) -> HttpResponse:
    profile = selectors.profile_get_for_user(user=request.user, pk=pk)
    is_member = is_profile_member(request.user, profile)
    can_shortlist, shortlists = shortlist_choices(request) if profile.is_listed else (False, [])
    return render(
        request,
        "providers/directory/profile_detail.html",
        {
            "profile": profile,
            "organisation": profile.organisation,
            "is_member": is_member,
            "documents": list(profile.documents.all())
            if _can_see_documents(request.user, profile)
            else None,
            "partners": [line.strip() for line in profile.partners.splitlines() if line.strip()],
            "settings_labels": choice_labels(profile.settings, Setting.choices),
            "can_shortlist": can_shortlist,
            "shortlists": shortlists,
            "next_url": request.get_full_path(),
        },
    )


def _file_response(file, *, content_type: str, filename: str, as_attachment: bool) -> FileResponse:
    try:
        handle = file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    response = FileResponse(
        handle, as_attachment=as_attachment, filename=filename, content_type=content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    # Whatever a file holds, it cannot run script in our origin.
    response["Content-Security-Policy"] = "default-src 'none'; frame-ancestors 'none'; sandbox"
    return response


def _download_name(stem: str, stored_name: str) -> str:
    suffix = stored_name.rsplit(".", 1)[-1] if "." in stored_name else "bin"
    return f"{slugify(stem)[:80] or 'file'}.{suffix}"


def document_download(request: HttpRequest, pk: int) -> FileResponse:
    document = selectors.document_get_for_user(user=request.user, pk=pk)
    return _file_response(
        document.file,
        content_type=document.file_type,
        filename=_download_name(
            f"{document.profile.organisation.name} {document.get_kind_display()}",
            document.file.name,
        ),
        as_attachment=True,
    )


# Shown in the browser; anything else (Word, OpenDocument) is downloaded.
INLINE_TYPES = {"application/pdf", "image/png", "image/jpeg", "image/webp"}


def evidence_download(request: HttpRequest, pk: int) -> FileResponse:
    evidence = selectors.evidence_file_get_for_user(user=request.user, pk=pk)
    return _file_response(
        evidence.file,
        content_type=evidence.file_type or "application/octet-stream",
        filename=_download_name(evidence.title, evidence.file.name),
        as_attachment=evidence.file_type not in INLINE_TYPES,
    )
