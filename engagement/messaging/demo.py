"""Demo data: a councillor for each ward, so the weekly ward digest has someone to go to."""

from engagement.messaging.models import Councillor
from engagement.models import Ward

_NAMES = ["Alex Morgan", "Sam Okafor", "Jo Patel", "Chris Nowak", "Pat Adeyemi", "Robin Clarke"]


def load() -> list[str]:
    created = 0
    for number, ward in enumerate(Ward.objects.order_by("name")):
        name = _NAMES[number % len(_NAMES)]
        email = f"cllr.{name.split()[1].lower()}.{ward.pk}@councillors.example.gov.uk"
        _, made = Councillor.objects.get_or_create(ward=ward, email=email, defaults={"name": name})
        created += made
    return [f"Councillors: {created} added ({Councillor.objects.count()} in all)"]
