"""Audiences: which residents a bulk send (or a survey) is for, and how each would be reached.

An officer picks estates, wards, blocks, tenure types and interests, and whether to include
only residents with an email, a mobile, or post only. The portal counts, before anything is
sent, how many residents that is and by which channel each would get it, honouring consent.

Residents with an account are a fraction of the homes. A bulk send may also write to every
other household on the tenancy list in the area (`households`): a letter to the named tenant,
or "The occupier" when the list names no one.
"""

from collections import Counter
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from types import SimpleNamespace

from django.db import models
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from engagement.messaging.services import preferred_channel
from engagement.models import Channel, Consent, Purpose, Resident, Tenancy

# Who a household letter is addressed to when the tenancy list names no one.
THE_OCCUPIER = "The occupier"


class ContactDetails(models.TextChoices):
    ANY = "any", _("Everyone in the audience")
    HAS_EMAIL = "has_email", _("Only residents with an email address")
    HAS_MOBILE = "has_mobile", _("Only residents with a mobile number")
    POST_ONLY = "post_only", _("Only residents with no email address or mobile number")


@dataclass
class Audience:
    estates: list[int] = field(default_factory=list)
    wards: list[int] = field(default_factory=list)
    blocks: list[int] = field(default_factory=list)
    tenure_types: list[str] = field(default_factory=list)
    interests: list[int] = field(default_factory=list)
    contact_details: str = ContactDetails.ANY
    purpose: str = Purpose.ENGAGEMENT
    # Residents with no email or mobile get a letter instead, where the officer allows it.
    letter_fallback: bool = False
    # Residents an officer ticked on the residents list (empty: no narrowing to a list).
    chosen_residents: list[int] = field(default_factory=list)
    # Every other household on the tenancy list in the area gets a letter too (the named tenant, or "The occupier").
    households: bool = False

    def as_json(self) -> dict:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict) -> "Audience":
        return cls(**{key: value for key, value in data.items() if key in cls.__dataclass_fields__})

    def _in_area(self, rows: QuerySet, tenancy: str) -> QuerySet:
        """Rows (reached through `tenancy`, a lookup prefix) in the chosen estates, wards, blocks and tenures."""
        for values, lookup in (
            (self.estates, "home__block__estate__in"),
            (self.wards, "home__block__estate__ward__in"),
            (self.blocks, "home__block__in"),
            (self.tenure_types, "tenure_type__in"),
        ):
            if values:
                rows = rows.filter(**{tenancy + lookup: values})
        return rows

    def other_households(self, reached: set[int]) -> Iterator[tuple[int, str, list[str]]]:
        """(tenancy id, the named tenant or "", address lines) for each household on the tenancy list not
        among `reached` (tenancy ids), unless letters there come back or a resident there said no to letters
        of this kind."""
        if not self.households:
            return
        said_no = Consent.objects.filter(
            resident__tenancy=OuterRef("pk"), channel=Channel.POST, purpose=self.purpose, given=False
        )
        rows = (
            self._in_area(Tenancy.objects.all(), "")
            .filter(home__undeliverable_post=False)
            .exclude(Exists(said_no))
            .order_by("pk")
            .values_list(
                "pk",
                "household_members",
                "home__address_line_1",
                "home__address_line_2",
                "home__town",
                "home__postcode",
            )
        )
        for tenancy_id, members, *address in rows.iterator(chunk_size=5000):
            if tenancy_id in reached:
                continue
            named = next((name.strip() for name in members or [] if isinstance(name, str) and name.strip()), "")
            yield tenancy_id, named, [line for line in address if line]

    def residents(self) -> QuerySet[Resident]:
        """Residents matching the filters (before consent: `recipients` applies it)."""
        residents = self._in_area(
            Resident.objects.filter(tenancy__isnull=False, tenancy_verified_at__isnull=False), "tenancy__"
        )
        if self.interests:
            residents = residents.filter(interests__in=self.interests).distinct()
        if self.chosen_residents:
            residents = residents.filter(pk__in=self.chosen_residents)
        has_email = Q(email__gt="", email_undeliverable=False)
        has_mobile = Q(mobile__gt="", mobile_undeliverable=False)
        if self.contact_details == ContactDetails.HAS_EMAIL:
            residents = residents.filter(has_email)
        elif self.contact_details == ContactDetails.HAS_MOBILE:
            residents = residents.filter(has_mobile)
        elif self.contact_details == ContactDetails.POST_ONLY:
            residents = residents.exclude(has_email).exclude(has_mobile)
        return residents

    def recipients(self, *, exclude: Q | Exists | None = None) -> Iterator[tuple[int, int, str | None]]:
        """(resident id, tenancy id, channel or None) for everyone in the audience, honouring consent.

        Bulk sends to 100,000 residents read only the columns the choice needs. `exclude` leaves
        some residents out (those already invited, say).
        """
        answers = {
            f"{answer}_{channel}": Exists(
                Consent.objects.filter(resident=OuterRef("pk"), channel=channel, purpose=self.purpose, given=given)
            )
            for answer, given in (("yes", True), ("no", False))
            for channel in Channel.values
        }
        residents = self.residents().annotate(**answers)
        if exclude is not None:
            residents = residents.exclude(exclude)
        columns = ["email", "email_undeliverable", "mobile", "mobile_undeliverable", "tenancy__home_id"]
        rows = residents.order_by("pk").values(
            "pk", "tenancy_id", "tenancy__home__undeliverable_post", *columns, *answers
        )
        for row in rows.iterator(chunk_size=5000):
            contact = SimpleNamespace(**{name: row[name] for name in columns[:4]})
            home = SimpleNamespace(undeliverable_post=row["tenancy__home__undeliverable_post"])
            contact.home = home if row["tenancy__home_id"] else None
            consents = {
                (channel, self.purpose): answer == "yes"
                for answer in ("no", "yes")  # a yes on record wins over a no, as it always has
                for channel in Channel.values
                if row[f"{answer}_{channel}"]
            }
            channel = preferred_channel(contact, self.purpose, letter_fallback=self.letter_fallback, consents=consents)
            yield row["pk"], row["tenancy_id"], channel

    def summary(self, *, exclude: Q | Exists | None = None) -> dict[str, int]:
        """How many residents match, and by which channel they would be reached ('none': not at all).

        'households': letters to other households on the tenancy list, if the audience includes them.
        """
        counts: Counter = Counter()
        reached = set()
        for _resident, tenancy_id, channel in self.recipients(exclude=exclude):
            counts[channel or "none"] += 1
            if channel:
                reached.add(tenancy_id)
        return {
            "residents": sum(counts.values()),
            **{channel: counts[channel] for channel in Channel.values},
            "none": counts["none"],
            "households": sum(1 for _ in self.other_households(reached)),
        }
