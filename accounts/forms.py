from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from accounts.constants import TYPES_BY_KIND, MembershipRole, OrganisationKind, OrganisationType
from accounts.models import Organisation
from accounts.validators import (
    normalise_charity_number,
    normalise_company_number,
    normalise_postcode,
)


def _type_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    labels = dict(OrganisationType.choices)
    return [
        (OrganisationKind(kind).label + "s", [(t, labels[t]) for t in types])
        for kind, types in TYPES_BY_KIND.items()
    ]


class OrganisationForm(forms.ModelForm):
    website = forms.URLField(
        label="Website (optional)",
        required=False,
        assume_scheme="https",
        help_text="For example https://www.example.org.uk",
    )
    type = forms.ChoiceField(
        label="What kind of organisation is it?",
        choices=[("", "Choose a kind"), *_type_choices()],
        help_text="Commissioners buy services; providers deliver them; infrastructure "
        "organisations support and broker.",
    )

    class Meta:
        model = Organisation
        fields = (
            "name",
            "type",
            "charity_number",
            "company_number",
            "address",
            "postcode",
            "website",
            "description",
        )
        labels = {
            "name": "Organisation name",
            "charity_number": "Registered charity number (optional)",
            "company_number": "Company number (optional)",
            "address": "Address (optional)",
            "postcode": "Postcode (optional)",
            "website": "Website (optional)",
            "description": "What does your organisation do? (optional)",
        }
        help_texts = {
            "charity_number": "For example 1123456, or SC012345 in Scotland.",
            "company_number": "From Companies House, for example 01234567.",
            "website": "For example https://www.example.org.uk",
        }
        widgets = {
            "address": forms.Textarea(attrs={"rows": 3}),
            "description": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # The kind cannot change once people act for the organisation under it.
            kind = self.instance.kind
            labels = dict(OrganisationType.choices)
            self.fields["type"].choices = [(t, labels[t]) for t in TYPES_BY_KIND[kind]]

    def clean_charity_number(self) -> str:
        return normalise_charity_number(self.cleaned_data["charity_number"])

    def clean_company_number(self) -> str:
        return normalise_company_number(self.cleaned_data["company_number"])

    def clean_postcode(self) -> str:
        return normalise_postcode(self.cleaned_data["postcode"])

    def validate_unique(self) -> None:
        # Uniqueness of identifiers is checked by the service, which words the message.
        return


class InvitationForm(forms.Form):
    email = forms.EmailField(
        label="Email address",
        help_text="We will email them a link to join. It works once and expires in 14 days.",
    )
    role = forms.ChoiceField(
        label="Role",
        choices=MembershipRole.choices,
        initial=MembershipRole.MEMBER,
        widget=forms.RadioSelect,
        help_text="Admins can invite and remove people and change the organisation's details.",
    )


class MembershipRoleForm(forms.Form):
    role = forms.ChoiceField(label="Role", choices=MembershipRole.choices, widget=forms.RadioSelect)


class OrganisationSwitchForm(forms.Form):
    organisation = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, memberships=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.allowed = {m.organisation_id for m in memberships}

    def clean_organisation(self) -> int:
        value = self.cleaned_data["organisation"]
        if value not in self.allowed:
            raise ValidationError("You are not a member of that organisation.")
        return value


class AccountEraseForm(forms.Form):
    """Asks for the password, so nobody can erase an account from a session left open."""

    password = forms.CharField(
        label="Your password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": "Enter your password to confirm."},
    )
    confirm = forms.BooleanField(
        label="I understand that my account will be erased and cannot be restored",
        error_messages={"required": "Confirm that you understand your account cannot be restored."},
    )

    def __init__(self, *args, user=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError("The password is not right. Check it and try again.")
        return password
