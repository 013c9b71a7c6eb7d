"""Factories for the shared models. Other apps' factories build on these."""

from datetime import date

import factory
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.utils import timezone

from engagement.models import Block, Estate, Home, Resident, Tenancy, TenureType, User, Ward

# Every account the factories make has this password, so journeys can sign in through the page.
PASSWORD = "correct horse battery"


class WardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Ward
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Ward {n}")


class EstateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Estate

    name = factory.Sequence(lambda n: f"Estate {n}")
    ward = factory.SubFactory(WardFactory)


class BlockFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Block

    name = factory.Sequence(lambda n: f"Block {n}")
    estate = factory.SubFactory(EstateFactory)


class HomeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Home

    block = factory.SubFactory(BlockFactory)
    address_line_1 = factory.Sequence(lambda n: f"Flat {n}, Test House")
    postcode = factory.Sequence(lambda n: f"SE{n % 28 + 1} {n % 9 + 1}AB")


class TenancyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tenancy

    reference = factory.Sequence(lambda n: f"TEN-{n:06d}")
    home = factory.SubFactory(HomeFactory)
    tenure_type = TenureType.COUNCIL_TENANT
    start_date = date(2015, 4, 1)
    household_members = factory.LazyFunction(lambda: ["Sam Example"])


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ["email"]
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.com")
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def verified_email(user, create, extracted, **kwargs):
        # Accounts in use have proved their email address (allauth requires it to sign in).
        if create and extracted is not False:
            EmailAddress.objects.get_or_create(
                user=user, email=user.email, defaults={"verified": True, "primary": True}
            )


class StaffFactory(UserFactory):
    is_staff = True
    email = factory.Sequence(lambda n: f"staff{n}@example.gov.uk")

    @factory.post_generation
    def role(user, create, extracted, **kwargs):
        if create and extracted:
            user.groups.add(Group.objects.get(name=extracted))


class ResidentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Resident

    user = factory.SubFactory(UserFactory)
    first_name = factory.Sequence(lambda n: f"Resident{n}")
    last_name = "Example"
    email = factory.LazyAttribute(lambda resident: resident.user.email if resident.user else "")
    tenancy = factory.SubFactory(TenancyFactory)
    tenancy_verified_at = factory.LazyFunction(timezone.now)
