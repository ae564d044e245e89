"""Form rendering in the GOV.UK Design System's markup, for every form on the platform."""

from functools import cached_property
from pathlib import Path

import django.forms
from django.conf import settings
from django.forms.renderers import DjangoTemplates


class GovukFormRenderer(DjangoTemplates):
    """`{{ form }}` and `{{ field.as_field_group }}` in GOV.UK markup (templates/forms/).

    Its template engine looks in the project's template folders first (for forms/govuk_*.html,
    with the govuk template tags built in), then in Django's own widget templates, so it works
    without adding "django.forms" to INSTALLED_APPS.
    """

    form_template_name = "forms/govuk_form.html"
    field_template_name = "forms/govuk_field.html"

    @cached_property
    def engine(self):
        project_dirs = [d for t in settings.TEMPLATES for d in t.get("DIRS", [])]
        django_forms_dir = Path(django.forms.__file__).parent / "templates"
        return self.backend(
            {
                "APP_DIRS": True,
                "DIRS": [*project_dirs, django_forms_dir],
                "NAME": "govukforms",
                "OPTIONS": {"builtins": ["core.templatetags.govuk"]},
            }
        )
