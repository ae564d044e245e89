"""One factory per model, with traits for the states tests need."""

from __future__ import annotations

import datetime
from decimal import Decimal

import factory
from allauth.account.models import EmailAddress
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from accounts.constants import (
    KIND_BY_TYPE,
    InvitationStatus,
    MembershipRole,
    OrganisationType,
)
from accounts.models import Invitation, Membership, Organisation, User
from accounts.tokens import token_digest
from commissioning.models import Area, ArtForm, BeneficiaryGroup, OutcomeArea, Programme
from core.models import AuditEntry

PASSWORD = "a-long-test-password-42"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    full_name = factory.Faker("name", locale="en_GB")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    class Params:
        platform_admin = factory.Trait(is_staff=True)

    @factory.post_generation
    def verified(self, create: bool, extracted: bool | None, **kwargs) -> None:
        self.save()
        if create and extracted is not False:
            EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisation {n}")
    type = OrganisationType.ARTS_CULTURAL
    kind = factory.LazyAttribute(lambda o: KIND_BY_TYPE[o.type])
    postcode = "ME14 1XQ"
    description = "Community arts with older people."

    class Params:
        commissioner = factory.Trait(type=OrganisationType.LOCAL_AUTHORITY)
        icb = factory.Trait(type=OrganisationType.INTEGRATED_CARE_BOARD)
        infrastructure = factory.Trait(type=OrganisationType.BROKER)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = MembershipRole.MEMBER

    class Params:
        admin = factory.Trait(role=MembershipRole.ADMIN)


class InvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Invitation

    class Params:
        token = factory.Sequence(lambda n: f"invitation-token-{n}")
        expired = factory.Trait(
            expires_at=factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))
        )
        accepted = factory.Trait(status=InvitationStatus.ACCEPTED)

    organisation = factory.SubFactory(OrganisationFactory)
    email = factory.Sequence(lambda n: f"invitee{n}@example.org")
    role = MembershipRole.MEMBER
    token_digest = factory.LazyAttribute(lambda o: token_digest(o.token))
    invited_by = factory.SubFactory(UserFactory)
    expires_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=14))


class OutcomeAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OutcomeArea
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"outcome-{n}")
    name = factory.Sequence(lambda n: f"Outcome {n}")


class ArtFormFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ArtForm
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"art-form-{n}")
    name = factory.Sequence(lambda n: f"Art form {n}")


class BeneficiaryGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BeneficiaryGroup
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"group-{n}")
    name = factory.Sequence(lambda n: f"Group {n}")


class AreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Area
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"E99{n:06d}")
    name = factory.Sequence(lambda n: f"Area {n}")
    kind = "unitary"


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme

    organisation = factory.SubFactory(OrganisationFactory, commissioner=True)
    name = factory.Sequence(lambda n: f"Arts and health programme {n}")
    summary = "Grants for arts and cultural organisations to improve wellbeing."
    budget = Decimal("150000.00")
    start_date = datetime.date(2026, 4, 1)
    end_date = datetime.date(2027, 3, 31)


class AuditEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AuditEntry

    organisation = factory.SubFactory(OrganisationFactory)
    actor = factory.SubFactory(UserFactory)
    actor_label = factory.LazyAttribute(lambda o: o.actor.email if o.actor else "")
    action = "organisation.update"
    content_type = factory.LazyFunction(lambda: ContentType.objects.get_for_model(Organisation))
    object_id = factory.LazyAttribute(lambda o: str(o.organisation.pk))
    object_repr = factory.LazyAttribute(lambda o: str(o.organisation))
    before = factory.LazyFunction(lambda: {"name": "Old name"})
    after = factory.LazyFunction(lambda: {"name": "New name"})


# The provider directory. Profiles are indexed for search after creation, as the services do.

PDF_BYTES = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


class ProviderProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "providers.ProviderProfile"
        skip_postgeneration_save = True

    organisation = factory.SubFactory(OrganisationFactory)
    summary = "Community arts for health and wellbeing."
    contact_name = "Jo Bloggs"
    contact_email = factory.Sequence(lambda n: f"contact{n}@example.org")

    class Params:
        listed = factory.Trait(is_listed=True, listed_at=factory.LazyFunction(timezone.now))

    @factory.post_generation
    def art_forms(self, create: bool, extracted, **kwargs) -> None:
        if create and extracted:
            self.art_forms.set(extracted)

    @factory.post_generation
    def outcome_areas(self, create: bool, extracted, **kwargs) -> None:
        if create and extracted:
            self.outcome_areas.set(extracted)

    @factory.post_generation
    def beneficiary_groups(self, create: bool, extracted, **kwargs) -> None:
        if create and extracted:
            self.beneficiary_groups.set(extracted)

    @factory.post_generation
    def areas_served(self, create: bool, extracted, **kwargs) -> None:
        if create and extracted:
            self.areas_served.set(extracted)

    @factory.post_generation
    def search_index(self, create: bool, extracted, **kwargs) -> None:
        if create:
            from providers.services.profiles import profile_index_refresh  # noqa: PLC0415

            profile_index_refresh(profile=self)
            self.refresh_from_db()


class ActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "providers.Activity"
        skip_postgeneration_save = True

    profile = factory.SubFactory(ProviderProfileFactory)
    name = factory.Sequence(lambda n: f"Singing group {n}")
    description = "Weekly singing for people living with lung conditions."
    who_for = "Adults with COPD and their carers"

    @factory.post_generation
    def search_index(self, create: bool, extracted, **kwargs) -> None:
        if create:
            from providers.services.profiles import profile_index_refresh  # noqa: PLC0415

            profile_index_refresh(profile=self.profile)


class VenueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "providers.Venue"

    profile = factory.SubFactory(ProviderProfileFactory)
    name = factory.Sequence(lambda n: f"Community hall {n}")
    address = "1 High Street\nMaidstone"
    postcode = "ME14 1XQ"


class TrackRecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "providers.TrackRecord"

    profile = factory.SubFactory(ProviderProfileFactory)
    funder = "Kent County Council"
    year = 2023
    value_band = "10k_50k"
    description = "Arts on prescription for people at risk of loneliness."


class EvidenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "providers.Evidence"

    profile = factory.SubFactory(ProviderProfileFactory)
    title = factory.Sequence(lambda n: f"Case study {n}")
    summary = "Twelve weeks of dance with people living with dementia."

    class Params:
        with_file = factory.Trait(
            file=factory.django.FileField(filename="case-study.pdf", data=PDF_BYTES),
            file_type="application/pdf",
        )


class ProviderDocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "providers.ProviderDocument"

    profile = factory.SubFactory(ProviderProfileFactory)
    kind = "public_liability"
    file = factory.django.FileField(filename="insurance.pdf", data=PDF_BYTES)
    file_type = "application/pdf"
    expires_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=365))

    class Params:
        expired = factory.Trait(
            expires_on=factory.LazyFunction(
                lambda: timezone.localdate() - datetime.timedelta(days=1)
            )
        )
        expiring = factory.Trait(
            expires_on=factory.LazyFunction(
                lambda: timezone.localdate() + datetime.timedelta(days=10)
            )
        )


class ShortlistFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "providers.Shortlist"

    organisation = factory.SubFactory(OrganisationFactory, commissioner=True)
    name = factory.Sequence(lambda n: f"Shortlist {n}")


class ShortlistEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "providers.ShortlistEntry"

    shortlist = factory.SubFactory(ShortlistFactory)
    profile = factory.SubFactory(ProviderProfileFactory, listed=True)
    note = ""


class ConsortiumFactory(factory.django.DjangoModelFactory):
    """A consortium whose lead is a confirmed member, as consortium_create leaves it."""

    class Meta:
        model = "providers.Consortium"
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Arts and wellbeing consortium {n}")
    description = "Providers bidding together for community wellbeing contracts."
    lead = factory.SubFactory(OrganisationFactory)

    @factory.post_generation
    def lead_member(self, create: bool, extracted, **kwargs) -> None:
        if create:
            from providers.models import ConsortiumMember  # noqa: PLC0415

            ConsortiumMember.objects.create(
                consortium=self,
                organisation=self.lead,
                status="confirmed",
                responded_at=timezone.now(),
            )


class ConsortiumMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "providers.ConsortiumMember"

    consortium = factory.SubFactory(ConsortiumFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    status = "invited"

    class Params:
        confirmed = factory.Trait(
            status="confirmed", responded_at=factory.LazyFunction(timezone.now)
        )
        declined = factory.Trait(status="declined", responded_at=factory.LazyFunction(timezone.now))
