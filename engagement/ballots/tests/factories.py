from datetime import date, timedelta

import factory
from django.core.files.base import ContentFile
from django.utils import timezone

from engagement.ballots.models import Ballot, Scheme

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


class SchemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Scheme
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Scheme {n} regeneration")
    slug = factory.Sequence(lambda n: f"scheme-{n}")
    summary = "New homes for everyone who lives here, and more council homes besides."

    @factory.post_generation
    def estates(scheme, create, extracted, **kwargs):
        if create and extracted:
            scheme.estates.set(extracted)


class BallotFactory(factory.django.DjangoModelFactory):
    """An open ballot: the offer published a month ago, voting open for three weeks from a week ago."""

    class Meta:
        model = Ballot

    scheme = factory.SubFactory(SchemeFactory)
    slug = factory.Sequence(lambda n: f"ballot-{n}")
    question = "Are you in favour of the proposal for the regeneration of your estate?"
    offer_summary = "Every council tenant gets a new home on the estate at a council rent."
    offer_published_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=30))
    landlord_offer = factory.LazyFunction(lambda: ContentFile(PDF, name="offer.pdf"))
    independent_body = "Civica Election Services"
    independent_body_phone = "0800 123 4567"
    opens_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=7))
    closes_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=14))


def years_ago(years: int, *, days: int = 0, today: date | None = None) -> date:
    today = today or timezone.localdate()
    return today.replace(year=today.year - years) - timedelta(days=days)
