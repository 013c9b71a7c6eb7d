"""Audiences: which residents a bulk send (or a survey) is for, and how each would be reached.

An officer picks estates, wards, blocks, tenure types and interests, and whether to include
only residents with an email, a mobile, or post only. The portal counts, before anything is
sent, how many residents that is and by which channel each would get it, honouring consent.
"""

from collections import Counter
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field

from django.db.models import Exists, OuterRef, Q, QuerySet

from engagement.messaging.services import preferred_channel
from engagement.models import Channel, Consent, Purpose, Resident


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

    def as_json(self) -> dict:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict) -> "Audience":
        return cls(**{key: value for key, value in data.items() if key in cls.__dataclass_fields__})

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

    def channels(self) -> Iterator[tuple[int, str | None]]:
        """(resident id, channel or None) for everyone in the audience: as channel_for, without building models.

        Bulk sends to 100,000 residents read only the columns the choice needs.
        """
        columns = [
            "pk",
            "email",
            "email_undeliverable",
            "mobile",
            "mobile_undeliverable",
            "tenancy__home_id",
            "tenancy__home__undeliverable_post",
            *(f"{answer}_{channel}" for answer in ("yes", "no") for channel in Channel.values),
        ]
        channels = list(enumerate(Channel.values))
        for row in self.with_channels().values_list(*columns).iterator(chunk_size=5000):
            contact = _Contact(*row[1:7])
            consents = {}
            for index, channel in channels:
                if row[7 + index]:
                    consents[(channel, self.purpose)] = True
                elif row[10 + index]:
                    consents[(channel, self.purpose)] = False
            yield (
                row[0],
                preferred_channel(contact, self.purpose, letter_fallback=self.letter_fallback, consents=consents),
            )

    def summary(self) -> dict[str, int]:
        """How many residents match, and by which channel they would be reached ('none': not at all)."""
        counts = Counter(channel or "none" for _, channel in self.channels())
        return {
            "residents": sum(counts.values()),
            Channel.EMAIL: counts[Channel.EMAIL],
            Channel.TEXT: counts[Channel.TEXT],
            Channel.POST: counts[Channel.POST],
            "none": counts["none"],
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
