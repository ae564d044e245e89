"""Template helpers for GOV.UK Frontend markup (loaded as a builtin in every template).

Forms: `{{ form }}` renders through templates/forms/govuk_form.html and govuk_field.html, which
use `govuk_field_kind`, `govuk_widget` and `govuk_choices` to give each widget the GOV.UK
component's markup, with the hint and error message ids in `aria-describedby`.
Error summary: `{% govuk_error_summary form %}`; base.html calls it for the context's `form`,
so a page only calls it itself for forms under another name or for a plain message.
Pagination: `{% include "includes/pagination.html" %}` with a Django `page_obj`.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django import forms, template
from django.conf import settings
from django.contrib.humanize.templatetags.humanize import intcomma
from django.core.paginator import Page
from django.forms.boundfield import BoundField
from django.forms.renderers import get_default_renderer
from django.forms.utils import flatatt
from django.http import QueryDict
from django.templatetags.static import static
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import conditional_escape
from django.utils.safestring import SafeData, SafeString, mark_safe
from django.utils.text import normalize_newlines

register = template.Library()

# Classes for each kind of control, and the modifier GOV.UK Frontend adds when it has an error.
_CONTROL_CLASSES = {
    "input": ("govuk-input", "govuk-input--error"),
    "date": ("govuk-input govuk-input--width-10", "govuk-input--error"),
    "password": (
        "govuk-input govuk-password-input__input govuk-js-password-input-input",
        "govuk-input--error",
    ),
    "textarea": ("govuk-textarea", "govuk-textarea--error"),
    "select": ("govuk-select", "govuk-select--error"),
    "checkbox": ("govuk-checkboxes__input", ""),
    "file": ("govuk-file-upload", "govuk-file-upload--error"),
}


@register.filter
def govuk_field_kind(field: BoundField) -> str:
    """Which GOV.UK component renders this field."""
    widget = field.field.widget
    if widget.is_hidden:
        return "hidden"
    # CheckboxSelectMultiple is a RadioSelect subclass, so it is checked first.
    if isinstance(widget, forms.CheckboxSelectMultiple):
        return "checkboxes"
    if isinstance(widget, forms.RadioSelect):
        return "radios"
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    if isinstance(widget, forms.Select):
        return "select"
    if isinstance(widget, forms.Textarea):
        return "textarea"
    if isinstance(widget, forms.FileInput):
        return "file"
    if isinstance(widget, forms.PasswordInput):
        return "password"
    if isinstance(widget, forms.DateInput):
        return "date"
    return "input"


@register.filter
def govuk_field_id(field: BoundField) -> str:
    """The id the label, the hint and the error summary point at.

    For radios and checkboxes it is the first option's id, as in GOV.UK Frontend.
    """
    return field.field.widget.attrs.get("id") or field.auto_id or f"id_{field.html_name}"


@register.filter
def govuk_describedby(field: BoundField) -> str:
    """The hint and error message ids for `aria-describedby`, in GOV.UK Frontend's order."""
    field_id = govuk_field_id(field)
    ids = [field.field.widget.attrs.get("aria-describedby", "")]
    if field.help_text:
        ids.append(f"{field_id}-hint")
    if field.errors:
        ids.append(f"{field_id}-error")
    return " ".join(i for i in ids if i)


@register.simple_tag
def govuk_widget(field: BoundField) -> str:
    """The field's own control (input, textarea, select, single checkbox or file input) with
    GOV.UK Frontend's classes and attributes."""
    kind = govuk_field_kind(field)
    widget = field.field.widget
    if kind not in _CONTROL_CLASSES:
        return field.as_widget()
    if kind == "date":
        # A native date picker; its value must be ISO 8601 whatever the locale's input format.
        widget.input_type = "date"
        widget.format = "%Y-%m-%d"
    base, error = _CONTROL_CLASSES[kind]
    own = widget.attrs.get("class", "")
    if kind == "date" and "govuk-input--width-" in own:
        base = "govuk-input"
    classes = [base, own]
    if kind == "input" and "govuk-input--width-" not in own and _is_short(widget):
        classes.append("govuk-input--width-10")
    if field.errors and error:
        classes.append(error)
    attrs: dict[str, object] = {
        "class": " ".join(c for c in classes if c),
        "id": govuk_field_id(field),
        # GOV.UK: placeholder text disappears as people type and is often too faint to read.
        "placeholder": False,
    }
    describedby = govuk_describedby(field)
    if describedby:
        attrs["aria-describedby"] = describedby
    if getattr(widget, "input_type", "") == "email":
        attrs["spellcheck"] = "false"
        attrs["autocomplete"] = widget.attrs.get("autocomplete", "email")
    if kind == "password":
        attrs.update(spellcheck="false", autocapitalize="none")
    if widget.attrs.get("autocomplete") == "one-time-code":
        attrs["spellcheck"] = "false"
        if "govuk-input--width-" not in own:
            attrs["class"] = f"{attrs['class']} govuk-input--width-10"
    if kind == "file" and isinstance(widget, forms.ClearableFileInput):
        # Only the file input: govuk_field.html draws the current file and the "remove" checkbox.
        return field.as_widget(widget=forms.FileInput(attrs=widget.attrs), attrs=attrs)
    return field.as_widget(attrs=attrs)


_OPTION_TEMPLATE = "django/forms/widgets/select_option.html"


def _text(value: object) -> str:
    return str(value) if isinstance(value, SafeData) else html.escape(str(value))


@register.filter
def govuk_select_options(optgroups: Iterable) -> SafeString:
    """A select's `<optgroup>`s and `<option>`s (templates/django/forms/widgets/select.html):
    Django's own markup, drawn in plain Python because an include per option (and even
    format_html per option) made a 317-area list the slowest part of the pages that filter by
    area. A widget with its own option template keeps it."""
    parts: list[str] = []
    for group_name, group_choices, _index in optgroups:
        if group_name:
            parts.append(f'\n  <optgroup label="{_text(group_name)}">')
        for option in group_choices:
            if option.get("template_name", _OPTION_TEMPLATE) != _OPTION_TEMPLATE:
                renderer = get_default_renderer()
                parts.append("\n  " + renderer.render(option["template_name"], {"widget": option}))
                continue
            flat = flatatt({k: v for k, v in option["attrs"].items() if v is not False})
            parts.append(
                f'\n  <option value="{_text(option["value"])}"{flat}>{_text(option["label"])}</option>'
            )
        if group_name:
            parts.append("\n  </optgroup>")
    return mark_safe("".join(parts))  # noqa: S308 - every value and label is escaped above


# django-allauth's labels are in Title Case and terse; GOV.UK style is sentence case.
_ALLAUTH_LABELS = {
    "Email": "Email address",
    "Email (again)": "Confirm your email address",
    "Password (again)": "Confirm your password",
    "New Password (again)": "Confirm your new password",
}


@register.filter
def govuk_label(field: BoundField) -> str:
    """The field's label, in sentence case for django-allauth's forms."""
    label = str(field.label or "")
    if not type(field.form).__module__.startswith("allauth."):
        return label
    if label in _ALLAUTH_LABELS:
        return _ALLAUTH_LABELS[label]
    return label[:1].upper() + label[1:].lower()


def _is_short(widget: forms.Widget) -> bool:
    """Numbers, postcodes and registration numbers get a field sized to what they hold
    (GOV.UK: the width of a field is a hint about what to type)."""
    if isinstance(widget, forms.NumberInput):
        return True
    try:
        return int(widget.attrs.get("maxlength", 0)) in range(1, 13)
    except (TypeError, ValueError):
        return False


@register.simple_tag
def govuk_choices(field: BoundField) -> list[dict[str, object]]:
    """The options of a radios or checkboxes field, the first one carrying the field's id."""
    field_id = govuk_field_id(field)
    choices = []
    for index, option in enumerate(field.subwidgets):
        data = option.data
        choices.append(
            {
                "id": field_id if index == 0 else f"{field_id}_{index}",
                "name": data["name"],
                "value": "" if data["value"] is None else str(data["value"]),
                "label": data["label"],
                "checked": data["selected"],
                "disabled": bool(data["attrs"].get("disabled")),
            }
        )
    return choices


@register.simple_tag
def govuk_current_file(field: BoundField) -> dict[str, object] | None:
    """The file already saved in a file field, and whether it may be removed."""
    widget = field.field.widget
    value = field.value()
    if not isinstance(widget, forms.ClearableFileInput) or not widget.is_initial(value):
        return None
    return {
        "url": getattr(value, "url", ""),
        "name": str(value).rsplit("/", 1)[-1],
        "can_clear": not field.field.required,
        "clear_name": widget.clear_checkbox_name(field.html_name),
        "clear_id": widget.clear_checkbox_id(widget.clear_checkbox_name(field.html_name)),
    }


def _form_errors(form: forms.BaseForm) -> list[dict[str, str]]:
    errors = [{"message": str(message), "href": ""} for message in form.non_field_errors()]
    for field in form:
        for message in field.errors:
            if field.is_hidden:
                errors.append({"message": str(message), "href": ""})
            else:
                errors.append({"message": str(message), "href": f"#{govuk_field_id(field)}"})
    return errors


@register.inclusion_tag("includes/error_summary.html")
def govuk_error_summary(*forms_: forms.BaseForm | None, message: str = "") -> dict[str, object]:
    """GOV.UK error summary for one or more forms (non-field errors first, unlinked; then each
    field's errors linking to the field), or for a single `message`."""
    errors = [{"message": message, "href": ""}] if message else []
    for form in forms_:
        if form is not None and hasattr(form, "errors") and form.errors:
            errors.extend(_form_errors(form))
    return {"errors": errors}


@register.simple_tag(takes_context=True)
def page_url(context: template.Context, number: int, parameter: str = "page") -> str:
    """A query string for another page of the same list, keeping the other GET parameters."""
    request = context.get("request")
    query = request.GET.copy() if request is not None else QueryDict(mutable=True)
    query[parameter] = str(number)
    return f"?{query.urlencode()}"


@register.simple_tag
def govuk_pagination_items(page: Page) -> list[int | None]:
    """Page numbers to link to: first, last, current and its neighbours; None for a gap (…)."""
    last = page.paginator.num_pages
    current = page.number
    wanted = sorted({n for n in (1, current - 1, current, current + 1, last) if 1 <= n <= last})
    items: list[int | None] = []
    previous = 0
    for number in wanted:
        if number - previous > 1:
            items.append(None)
        items.append(number)
        previous = number
    return items


class _SquashNode(template.Node):
    def __init__(self, nodelist: template.NodeList) -> None:
        self.nodelist = nodelist

    def render(self, context: template.Context) -> str:
        return " ".join(self.nodelist.render(context).split())


@register.tag
def squash(parser: template.base.Parser, token: template.base.Token) -> _SquashNode:
    """`{% squash %}…{% endsquash %}`: collapse whitespace, for a tidy <title> built from blocks."""
    nodelist = parser.parse(("endsquash",))
    parser.delete_first_token()
    return _SquashNode(nodelist)


@register.simple_tag
def site_name() -> str:
    """The service name without a request, for pages (500) that cannot use context processors."""
    return settings.SITE_NAME


@register.simple_tag
def static_or_plain(path: str) -> str:
    """The static file's URL, falling back to the unhashed URL when the manifest cannot be read,
    so the 500 page still has its stylesheet when static files are the problem."""
    try:
        return static(path)
    except ValueError:
        return f"{settings.STATIC_URL}{path}"


@register.simple_tag
def site_url() -> str:
    return settings.SITE_URL.rstrip("/")


@register.simple_tag
def support_email() -> str:
    """Where people can write to the team that runs the service."""
    return getattr(settings, "SUPPORT_EMAIL", "") or settings.DEFAULT_FROM_EMAIL


@register.filter
def pounds(value: object) -> str:
    """£1,234 for whole pounds, £1,234.50 otherwise."""
    if value in (None, ""):
        return ""
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        return str(value)
    text = f"{amount:.0f}" if amount == amount.to_integral_value() else f"{amount:.2f}"
    return f"£{intcomma(text)}"


_AUDIT_ACTIONS = {
    "organisation.create": "Organisation created",
    "organisation.update": "Organisation details changed",
    "membership.create": "Member added",
    "membership.change_role": "Role changed",
    "membership.remove": "Member removed",
    "membership.leave": "Member left",
    "invitation.create": "Invitation sent",
    "invitation.accepted": "Invitation accepted",
    "invitation.declined": "Invitation declined",
    "invitation.revoked": "Invitation revoked",
    "invitation.expire": "Invitation expired",
    "invitation.expired": "Invitation expired",
    "programme.create": "Programme created",
    "programme.update": "Programme changed",
}


@register.filter
def audit_action(action: str) -> str:
    """A readable name for an audit action such as `membership.change_role`."""
    if action in _AUDIT_ACTIONS:
        return _AUDIT_ACTIONS[action]
    subject, _, verb = action.partition(".")
    words = f"{subject} {verb}".replace("_", " ").strip()
    return words[:1].upper() + words[1:]


@register.filter
def audit_field(name: str) -> str:
    """`charity_number` → `Charity number`."""
    words = str(name).replace("_", " ").strip()
    return words[:1].upper() + words[1:]


@register.filter
def audit_value(value: object) -> str:
    """A recorded value as a person would write it."""
    if value is None or value in ("", []):
        return "(blank)"
    if value is True:
        return "Yes"
    if value is False:
        return "No"
    if isinstance(value, (list, tuple)):
        return ", ".join(audit_value(v) for v in value)
    if isinstance(value, datetime):
        return date_format(timezone.localtime(value), "j F Y, H:i")
    if isinstance(value, date):
        return date_format(value, "j F Y")
    return str(value)


@register.filter(is_safe=True, needs_autoescape=True)
def govuk_paragraphs(value: object, autoescape: bool = True) -> SafeString:
    """Plain text people typed, as GOV.UK body paragraphs (a blank line starts a new one)."""
    text = normalize_newlines(str(value or "")).strip()
    if autoescape:
        text = conditional_escape(text)
    paragraphs = [p.strip().replace("\n", "<br>") for p in text.split("\n\n") if p.strip()]
    return mark_safe("".join(f'<p class="govuk-body">{p}</p>' for p in paragraphs))  # noqa: S308


@register.filter
def chunks(value: object, size: int = 4) -> list[str]:
    """`ABCDEFGH` → `["ABCD", "EFGH"]`, to show long codes in readable groups."""
    text = str(value)
    return [text[i : i + size] for i in range(0, len(text), size)]


@register.filter
def govuk_join(values: Iterable[object], last: str = "and") -> str:
    """`a, b and c`."""
    items = [str(v) for v in values]
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {last} {items[-1]}"
