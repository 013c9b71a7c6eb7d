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

from django.db.models import Exists, OuterRef, Q, QuerySet

from engagement.messaging.services import preferred_channel
from engagement.models import Channel, Consent, Purpose, Resident, Tenancy

# Who a household letter is addressed to when the tenancy list names no one.
THE_OCCUPIER = "The occupier"


@dataclass(frozen=True)
class Household:
    """A home on the tenancy list that none of the audience's residents will be sent the message for."""

    tenancy_id: int
    addressee: str
    address_lines: list[str]

    @property
    def named(self) -> bool:
        return self.addressee != THE_OCCUPIER

    @property
    def to_address(self) -> str:
        return "\n".join([self.addressee, *self.address_lines])


class Reach:
    ANY = "any"
    HAS_EMAIL = "has_email"
    HAS_MOBILE = "has_mobile"
    POST_ONLY = "post_only"

    choices = [
        (ANY, "Everyone in the audience"),
        (HAS_EMAIL, "Only residents with an email address"),
        (HAS_MOBILE, "Only residents with a mobile number"),
        (POST_ONLY, "Only residents with no email address or mobile number"),
    ]


@dataclass
class Audience:
    estates: list[int] = field(default_factory=list)
    wards: list[int] = field(default_factory=list)
    blocks: list[int] = field(default_factory=list)
    tenure_types: list[str] = field(default_factory=list)
    interests: list[int] = field(default_factory=list)
    reach: str = Reach.ANY
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

    def tenancies(self) -> QuerySet[Tenancy]:
        """The households on the tenancy list in the chosen area and tenures."""
        tenancies = Tenancy.objects.all()
        if self.estates:
            tenancies = tenancies.filter(home__block__estate__in=self.estates)
        if self.wards:
            tenancies = tenancies.filter(home__block__estate__ward__in=self.wards)
        if self.blocks:
            tenancies = tenancies.filter(home__block__in=self.blocks)
        if self.tenure_types:
            tenancies = tenancies.filter(tenure_type__in=self.tenure_types)
        return tenancies

    def other_households(self, reached: set[int]) -> Iterator[Household]:
        """Households on the tenancy list not among `reached` (tenancy ids), unless letters there come back
        or a resident there said no to letters of this kind."""
        if not self.households:
            return
        said_no = Consent.objects.filter(
            resident__tenancy=OuterRef("pk"), channel=Channel.POST, purpose=self.purpose, given=False
        )
        rows = (
            self.tenancies()
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
            yield Household(tenancy_id, named or THE_OCCUPIER, [line for line in address if line])

    def residents(self) -> QuerySet[Resident]:
        """Residents matching the filters (before consent: see `reachable_residents`)."""
        residents = Resident.objects.filter(tenancy__isnull=False, tenancy_verified_at__isnull=False)
        if self.estates:
            residents = residents.filter(tenancy__home__block__estate__in=self.estates)
        if self.wards:
            residents = residents.filter(tenancy__home__block__estate__ward__in=self.wards)
        if self.blocks:
            residents = residents.filter(tenancy__home__block__in=self.blocks)
        if self.tenure_types:
            residents = residents.filter(tenancy__tenure_type__in=self.tenure_types)
        if self.interests:
            residents = residents.filter(interests__in=self.interests).distinct()
        if self.chosen_residents:
            residents = residents.filter(pk__in=self.chosen_residents)
        has_email = Q(email__gt="", email_undeliverable=False)
        has_mobile = Q(mobile__gt="", mobile_undeliverable=False)
        if self.reach == Reach.HAS_EMAIL:
            residents = residents.filter(has_email)
        elif self.reach == Reach.HAS_MOBILE:
            residents = residents.filter(has_mobile)
        elif self.reach == Reach.POST_ONLY:
            residents = residents.exclude(has_email).exclude(has_mobile)
        return residents

    def with_channels(self) -> QuerySet[Resident]:
        """The audience annotated with what each resident allows, so the channel is chosen without more queries."""

        def consent(channel: str, given: bool):
            return Exists(
                Consent.objects.filter(resident=OuterRef("pk"), channel=channel, purpose=self.purpose, given=given)
            )

        return (
            self.residents()
            .annotate(
                yes_email=consent(Channel.EMAIL, True),
                yes_text=consent(Channel.TEXT, True),
                yes_post=consent(Channel.POST, True),
                no_email=consent(Channel.EMAIL, False),
                no_text=consent(Channel.TEXT, False),
                no_post=consent(Channel.POST, False),
            )
            .select_related("tenancy__home")
        )

    def channel_for(self, resident: Resident) -> str | None:
        """The channel this resident would get it by (needs the annotations from `with_channels`)."""
        consents = {}
        for channel in Channel.values:
            if getattr(resident, f"yes_{channel}"):
                consents[(channel, self.purpose)] = True
            elif getattr(resident, f"no_{channel}"):
                consents[(channel, self.purpose)] = False
        return preferred_channel(resident, self.purpose, letter_fallback=self.letter_fallback, consents=consents)

    def channels(self, *, exclude: Q | Exists | None = None) -> Iterator[tuple[int, str | None]]:
        """(resident id, channel or None) for everyone in the audience: as channel_for, without building models.

        Bulk sends to 100,000 residents read only the columns the choice needs. `exclude` leaves
        some residents out (those already invited, say).
        """
        for resident_id, _, channel in self.recipients(exclude=exclude):
            yield resident_id, channel

    def recipients(self, *, exclude: Q | Exists | None = None) -> Iterator[tuple[int, int, str | None]]:
        """(resident id, tenancy id, channel or None) for everyone in the audience."""
        columns = [
            "pk",
            "tenancy_id",
            "email",
            "email_undeliverable",
            "mobile",
            "mobile_undeliverable",
            "tenancy__home_id",
            "tenancy__home__undeliverable_post",
            *(f"{answer}_{channel}" for answer in ("yes", "no") for channel in Channel.values),
        ]
        channels = list(enumerate(Channel.values))
        residents = self.with_channels()
        if exclude is not None:
            residents = residents.exclude(exclude)
        for row in residents.order_by("pk").values_list(*columns).iterator(chunk_size=5000):
            contact = _Contact(*row[2:8])
            consents = {}
            for index, channel in channels:
                if row[8 + index]:
                    consents[(channel, self.purpose)] = True
                elif row[11 + index]:
                    consents[(channel, self.purpose)] = False
            yield (
                row[0],
                row[1],
                preferred_channel(contact, self.purpose, letter_fallback=self.letter_fallback, consents=consents),
            )

    def summary(self, *, exclude: Q | Exists | None = None) -> dict[str, int]:
        """How many residents match, and by which channel they would be reached ('none': not at all).

        'households': letters to other households on the tenancy list, if the audience includes them.
        """
        counts: Counter = Counter()
        reached = set()
        for _, tenancy_id, channel in self.recipients(exclude=exclude):
            counts[channel or "none"] += 1
            if channel:
                reached.add(tenancy_id)
        return {
            "residents": sum(counts.values()),
            Channel.EMAIL: counts[Channel.EMAIL],
            Channel.TEXT: counts[Channel.TEXT],
            Channel.POST: counts[Channel.POST],
            "none": counts["none"],
            "households": sum(1 for _ in self.other_households(reached)),
        }


class _Contact:
    """The parts of a resident (and their home) that decide how they can be reached."""

    __slots__ = ("email", "email_undeliverable", "mobile", "mobile_undeliverable", "home")

    class _Home:
        __slots__ = ("undeliverable_post",)

        def __init__(self, undeliverable_post):
            self.undeliverable_post = undeliverable_post

    def __init__(self, email, email_undeliverable, mobile, mobile_undeliverable, home_id, undeliverable_post):
        self.email, self.email_undeliverable = email, email_undeliverable
        self.mobile, self.mobile_undeliverable = mobile, mobile_undeliverable
        self.home = self._Home(undeliverable_post) if home_id else None
