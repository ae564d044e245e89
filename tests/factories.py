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
