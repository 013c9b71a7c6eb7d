"""Residents chosen on the admin list, as a spreadsheet: who they are, where they live, how to reach them."""

from collections.abc import Iterator

from django.db.models import Prefetch, QuerySet

from engagement.models import AccessNeed, Consent, Interest, Resident

HEADER = [
    "First name",
    "Last name",
    "Email",
    "Mobile",
    "Address",
    "Postcode",
    "Estate",
    "Ward",
    "Tenure",
    "Tenancy reference",
    "Tenancy checked",
    "Interests",
    "Access needs",
    "Consents given",
]


def resident_rows(residents: QuerySet[Resident]) -> Iterator[list]:
    """Header first, then a row a resident, streamed (a fixed number of queries per thousand residents)."""
    yield HEADER
    chosen = (
        residents.select_related("tenancy__home__block__estate__ward")
        .prefetch_related(
            Prefetch("interests", queryset=Interest.objects.order_by("position")),
            Prefetch("access_needs", queryset=AccessNeed.objects.order_by("position")),
            Prefetch("consents", queryset=Consent.objects.filter(given=True).order_by("purpose", "channel")),
        )
        .order_by("last_name", "first_name", "pk")
    )
    for resident in chosen.iterator(chunk_size=1000):
        tenancy = resident.tenancy
        home = tenancy.home if tenancy else None
        estate = home.block.estate if home else None
        yield [
            resident.first_name,
            resident.last_name,
            resident.email,
            resident.mobile,
            ", ".join(line for line in (home.address_line_1, home.address_line_2) if line) if home else "",
            home.postcode if home else "",
            estate.name if estate else "",
            estate.ward.name if estate else "",
            tenancy.get_tenure_type_display() if tenancy else "",
            tenancy.reference if tenancy else "",
            "Yes" if resident.tenancy_verified_at else "No",
            "; ".join(interest.label for interest in resident.interests.all()),
            "; ".join(need.label for need in resident.access_needs.all()),
            "; ".join(
                f"{consent.get_purpose_display()} by {consent.get_channel_display().lower()}"
                for consent in resident.consents.all()
            ),
        ]
