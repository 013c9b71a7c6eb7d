"""Resident ballots on estate regeneration: who may vote, the voting codes, casting and counting votes.

The rules are the Mayor of London's Resident Ballot Requirement, a condition of GLA funding set
out in section 8 of the GLA's Affordable Housing Capital Funding Guide (in force from 18 July 2018).
Sources read:

- "Residents Ballot", Brent Council, St Raphael's Estate FAQ, quoting the Capital Funding Guide's
  eligibility criteria: https://www.brent.gov.uk/your-community/st-raphaels-estate/frequently-asked-questions/residents-ballot/
- "Mayor's ballots requirement for estate regeneration comes into force", Mayor of London press
  release, 18 July 2018 (voting age 16; an independent body runs the ballot):
  https://www.london.gov.uk/press-releases/mayoral/requirement-for-estate-regeneration-ballots
- "London's Estate Regeneration: no ballot - no grant", GL Hearn (what the Landlord Offer must
  contain; an independent body; at least 21 days to vote; a simple majority):
  https://www.glhearn.com/news-and-events/expert-views/londons-estate-regeneration-no-ballot-no-grant/

Who may vote: everyone on the estate (not only in homes to be demolished) who is

1. a social tenant (secure, assured, flexible or introductory) named on a tenancy dated on or
   before the day the Landlord Offer is published;
2. a resident leaseholder or freeholder who has lived there as their only or principal home for
   at least one year before that day and is named on the lease or title;
3. anyone whose principal home is on the estate and who has been on the council's housing
   register for at least one year before that day (households in temporary accommodation, say);

and is 16 or over. Where the sources we read are silent, the choices here are ours and say so:
the age is taken on the day voting opens (the register is fixed before the codes go out);
"lived there" is read from the tenancy's start date; the housing register date is entered by an
officer (the housing system does not send it). Freeholders are not in the tenancy data: officers
add them by hand, with a reason. The full text of criterion 3 was not in the material we could read.
"""

import hashlib
import hmac
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from engagement.ballots.models import Ballot, BallotLogEntry, BallotPaper, HousingRegisterDate, Voter
from engagement.dates import date_text, time_on_date_text
from engagement.links import site_url
from engagement.messaging.audience import Audience
from engagement.messaging.services import message_queue
from engagement.messaging.services.bulk import bulk_send_create
from engagement.messaging.services.contactable import contactable
from engagement.messaging.services.letters import format_code, new_code, normalise_code
from engagement.models import Channel, Resident, TenureType
from engagement.services.involvement import involvement_changed

MINIMUM_AGE = 16
SOCIAL_TENANCIES = frozenset({TenureType.COUNCIL_TENANT, TenureType.SHELTERED_TENANT})
# Shared owners hold a lease too.
LEASEHOLDS = frozenset({TenureType.RESIDENT_LEASEHOLDER, TenureType.SHARED_OWNER})

# Voting codes: letter codes' alphabet (no 0/O, 1/I/L or 5/S), 12 characters: about 60 bits.
CODE_LENGTH = 12


class BallotRefused(Exception):
    """Something the ballot's rules do not allow; `code` is stable, the message is for the person at the screen."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code


def one_year_before(day: date) -> date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


@dataclass(frozen=True)
class Eligibility:
    basis: str | None
    reason: str
    age_checked: bool = True

    @property
    def eligible(self) -> bool:
        return self.basis is not None


def eligibility_of(resident: Resident, ballot: Ballot, *, register_joined_on: date | None = None) -> Eligibility:
    """Whether the resident may vote in the ballot by the published rules, and on which basis."""
    tenancy = resident.tenancy
    offer_day = ballot.offer_published_on
    year_before = one_year_before(offer_day)
    if tenancy is None or resident.tenancy_verified_at is None:
        return Eligibility(None, "No proved tenancy on the estate")
    age = resident.age_on(timezone.localdate(ballot.opens_at))
    if age is not None and age < MINIMUM_AGE:
        return Eligibility(None, f"Under {MINIMUM_AGE} on the day voting opens")
    age_checked = age is not None
    if tenancy.tenure_type in SOCIAL_TENANCIES:
        if tenancy.start_date <= offer_day:
            return Eligibility(Voter.Basis.SOCIAL_TENANT, "Social tenant", age_checked)
        return Eligibility(None, "Tenancy began after the landlord offer was published")
    if tenancy.tenure_type in LEASEHOLDS and tenancy.start_date <= year_before:
        return Eligibility(Voter.Basis.RESIDENT_LEASEHOLDER, "Resident leaseholder for a year or more", age_checked)
    if register_joined_on is not None and register_joined_on <= year_before:
        return Eligibility(Voter.Basis.HOUSING_REGISTER, "On the housing register for a year or more", age_checked)
    if tenancy.tenure_type in LEASEHOLDS:
        return Eligibility(None, "Lived there less than a year before the landlord offer was published")
    return Eligibility(None, "Not a social tenant or resident leaseholder, and not on the housing register for a year")


def residents_on_estates(ballot: Ballot):
    return (
        Resident.objects.filter(
            tenancy__home__block__estate__in=ballot.scheme.estates.all(),
            tenancy_verified_at__isnull=False,
            erased_at__isnull=True,
        )
        .select_related("tenancy")
        .order_by("pk")
    )


def _log(ballot: Ballot, what: str, *, by=None, voter: Voter | None = None) -> None:
    BallotLogEntry.objects.create(ballot=ballot, what=what, by=by, voter=voter)


def _before_letters(ballot: Ballot) -> None:
    if ballot.letters_id is not None or ballot.has_closed():
        raise BallotRefused(_("register_fixed"), "The register is fixed once the voting codes have been sent")


@transaction.atomic
def register_compile(*, ballot: Ballot, officer=None) -> int:
    """Put everyone the rules make eligible on the register; return how many were added.

    Run again, it adds only those not already on it, and leaves officers' additions and exclusions alone.
    """
    given, ballot = ballot, Ballot.objects.select_for_update().get(pk=ballot.pk)
    _before_letters(ballot)
    on_register = set(ballot.voters.values_list("resident_id", flat=True))
    residents = residents_on_estates(ballot).exclude(pk__in=on_register)
    joined = dict(
        HousingRegisterDate.objects.filter(resident__in=residents.values("pk")).values_list("resident_id", "joined_on")
    )
    new = []
    for resident in residents.iterator(chunk_size=2000):
        found = eligibility_of(resident, ballot, register_joined_on=joined.get(resident.pk))
        if found.eligible:
            new.append(Voter(ballot=ballot, resident=resident, basis=found.basis, age_checked=found.age_checked))
    Voter.objects.bulk_create(new, batch_size=2000)
    ballot.register_compiled_at = timezone.now()
    ballot.save(update_fields=["register_compiled_at", "updated_at"])
    given.register_compiled_at = ballot.register_compiled_at
    _log(ballot, f"Register worked out from the tenancy data: {len(new)} added", by=officer)
    return len(new)


@transaction.atomic
def voter_add(*, ballot: Ballot, resident: Resident, reason: str, officer) -> Voter:
    """An officer puts someone on the register the tenancy data does not show (a freeholder, say)."""
    if not reason.strip():
        raise BallotRefused(_("reason_needed"), "Say why they may vote")
    _before_letters(ballot)
    if ballot.voters.filter(resident=resident).exists():
        raise BallotRefused(_("already_on_register"), f"{resident} is already on the register")
    voter = Voter.objects.create(
        ballot=ballot, resident=resident, basis=Voter.Basis.ADDED_BY_OFFICER, added_reason=reason, added_by=officer
    )
    _log(ballot, f"Added to the register: {reason}", by=officer, voter=voter)
    return voter


@transaction.atomic
def voter_exclude(*, voter: Voter, reason: str, officer) -> None:
    """An officer takes someone off the register, saying why; their code stops working."""
    if not reason.strip():
        raise BallotRefused(_("reason_needed"), "Say why they may not vote")
    voter = Voter.objects.select_for_update().get(pk=voter.pk)
    if voter.is_excluded:
        raise BallotRefused(_("already_excluded"), "They are already off the register")
    if voter.has_voted:
        raise BallotRefused(_("already_voted"), "They have already voted: a vote cannot be taken back")
    voter.excluded_at = timezone.now()
    voter.excluded_reason = reason
    voter.excluded_by = officer
    voter.save(update_fields=["excluded_at", "excluded_reason", "excluded_by"])
    _log(voter.ballot, f"Taken off the register: {reason}", by=officer, voter=voter)


def code_hash(ballot: Ballot, typed: str) -> str:
    key = f"ballot-code:{ballot.pk}:{settings.SECRET_KEY}".encode()
    return hmac.new(key, normalise_code(typed).encode(), hashlib.sha256).hexdigest()


def _letter_words(ballot: Ballot) -> dict:
    """What every voter's letter says about the ballot (their code is added per voter)."""
    return {
        "question": ballot.question,
        "scheme": ballot.scheme.name,
        "ballot_url": site_url("ballots:vote", slug=ballot.slug),
        "opens": time_on_date_text(ballot.opens_at),
        "closes": time_on_date_text(ballot.closes_at),
        "independent_body": ballot.independent_body,
        "independent_body_phone": ballot.independent_body_phone,
    }


class VotersAudience(Audience):
    """The ballot's voters, each by letter: the code must go on paper to the home, whatever else we hold."""

    def recipients(self, *, exclude=None):
        for resident_id, tenancy_id, channel in super().recipients(exclude=exclude):
            # None: they said no to letters, or we have no address; the send counts them as not reached.
            yield resident_id, tenancy_id, Channel.POST if channel else None


def voting_letters_send(*, ballot: Ballot, officer=None):
    """Send every voter on the register who has no code yet a letter with a new unique code.

    Goes through the bulk send, so the letters are printed and tracked like every other; a voter
    already sent a code is left out, so sending again reaches only those added since.
    """
    if ballot.register_compiled_at is None:
        raise BallotRefused(_("no_register"), "Work out the register first")
    if ballot.has_closed():
        raise BallotRefused(_("closed"), "Voting has closed")
    waiting = ballot.voters.filter(excluded_at__isnull=True, code_hash="")
    ids = list(waiting.values_list("resident_id", flat=True))
    if not ids:
        raise BallotRefused(_("nobody"), "Everyone on the register has been sent a code")

    def prepare(recipients):
        codes = {}
        now = timezone.now()
        for voter in Voter.objects.filter(
            ballot=ballot, resident_id__in=[resident_id for resident_id, _message in recipients], code_hash=""
        ):
            code = new_code(CODE_LENGTH)
            voter.code_hash = code_hash(ballot, code)
            voter.code_sent_at = now
            voter.save(update_fields=["code_hash", "code_sent_at"])
            codes[voter.resident_id] = {"voting_code": format_code(code)}
        return codes

    personalisation = _letter_words(ballot)
    with transaction.atomic():
        already = Voter.objects.filter(ballot=ballot, resident=OuterRef("pk")).exclude(code_hash="")
        send = bulk_send_create(
            audience=VotersAudience(chosen_residents=ids),
            template="ballots.voting_code",
            description=f"Voting codes: {ballot.scheme.name} ballot",
            personalisation=personalisation,
            key=f"ballots.voting_code:{ballot.pk}",
            exclude=Exists(already),
            prepare=prepare,
            officer=officer,
        )
        if send is None:
            raise BallotRefused(_("nobody"), "No letters could be sent: check the voters' addresses")
        if ballot.letters_id is None:
            Ballot.objects.filter(pk=ballot.pk).update(letters=send)
            ballot.letters = send
        _log(ballot, f"Voting codes sent by letter: {send.recorded}", by=officer)
    return send


@transaction.atomic
def voter_code_reissue(*, voter: Voter, officer) -> None:
    """A voter lost their letter: a new code by letter, and the old one stops working."""
    voter = Voter.objects.select_for_update().select_related("ballot__scheme", "resident").get(pk=voter.pk)
    ballot = voter.ballot
    if voter.is_excluded:
        raise BallotRefused(_("excluded"), "They are not on the register")
    if voter.has_voted:
        raise BallotRefused(_("already_voted"), "They have already voted")
    if ballot.has_closed():
        raise BallotRefused(_("closed"), "Voting has closed")
    if not voter.code_hash:
        raise BallotRefused(_("no_code"), "No code has been sent yet: send the voting codes from the ballot")
    if not contactable(voter.resident, Channel.POST):
        raise BallotRefused(_("no_address"), "We have no address to send a letter to")
    reissues = ballot.log.filter(voter=voter, what__startswith="New voting code").count()
    code = new_code(CODE_LENGTH)
    sent = message_queue(
        template="ballots.voting_code",
        key=f"ballots.voting_code:{ballot.pk}:{voter.resident_id}:again:{reissues + 1}",
        resident=voter.resident,
        channel=Channel.POST,
        personalisation={**_letter_words(ballot), "voting_code": format_code(code)},
    )
    if sent is None:
        raise BallotRefused(_("no_address"), "We have no address to send a letter to")
    voter.code_hash = code_hash(ballot, code)
    voter.code_sent_at = timezone.now()
    voter.save(update_fields=["code_hash", "code_sent_at"])
    _log(ballot, "New voting code sent by letter; the old one no longer works", by=officer, voter=voter)


def vote_cast(*, ballot: Ballot, code: str, choice: str, method: str = Voter.Method.ONLINE, entered_by=None) -> None:
    """Record one vote for the voter whose code this is, once.

    Marking the voter as having voted is a single conditional UPDATE, so of two submissions of
    one code at the same moment exactly one goes ahead. The ballot paper is written in the same
    transaction but carries nothing that points to the voter.
    """
    if choice not in Ballot.Choice.values:
        raise BallotRefused(_("no_choice"), "Select yes or no")
    now = timezone.now()
    if not ballot.is_open(now):
        raise BallotRefused(_("closed"), "Voting is not open" if now < ballot.opens_at else "Voting has closed")
    hashed = code_hash(ballot, code)
    with transaction.atomic():
        voter = Voter.objects.filter(ballot=ballot, code_hash=hashed).first() if normalise_code(code) else None
        if voter is None:
            raise BallotRefused(_("wrong_code"), "Enter the code exactly as it is on your letter")
        if voter.is_excluded:
            raise BallotRefused(_("excluded"), "This code is no longer valid. Contact the independent body")
        marked = Voter.objects.filter(pk=voter.pk, voted_at__isnull=True, excluded_at__isnull=True).update(
            voted_at=now, voted_by=method, vote_entered_by=entered_by
        )
        if not marked:
            raise BallotRefused(_("used"), "This code has already been used to vote")
        BallotPaper.objects.create(ballot=ballot, choice=choice)
        # That they voted, and on which day, for the reach report: never how.
        involvement_changed([voter.resident_id])
        if entered_by is not None:
            _log(
                ballot,
                f"Vote entered by the independent body: {Voter.Method(method).label.lower()}",
                by=entered_by,
                voter=voter,
            )


@dataclass(frozen=True)
class Turnout:
    eligible: int
    voted: int
    by_method: dict

    @property
    def percentage(self) -> float:
        return round(100 * self.voted / self.eligible, 1) if self.eligible else 0.0


def ballot_turnout(ballot: Ballot) -> Turnout:
    """How many on the register have voted, and how: for officers while voting is open (never how they voted)."""
    counts = ballot.voters.filter(excluded_at__isnull=True).aggregate(
        eligible=Count("pk"), voted=Count("pk", filter=Q(voted_at__isnull=False))
    )
    by_method = dict(
        ballot.voters.filter(voted_at__isnull=False)
        .order_by()
        .values_list("voted_by")
        .annotate(n=Count("pk"))
        .values_list("voted_by", "n")
    )
    return Turnout(
        counts["eligible"], counts["voted"], {label: by_method.get(value, 0) for value, label in Voter.Method.choices}
    )


@dataclass(frozen=True)
class Result:
    yes: int
    no: int
    turnout: Turnout

    @property
    def total(self) -> int:
        return self.yes + self.no

    @property
    def yes_percentage(self) -> float:
        return round(100 * self.yes / self.total, 1) if self.total else 0.0

    @property
    def no_percentage(self) -> float:
        return round(100 * self.no / self.total, 1) if self.total else 0.0

    @property
    def in_favour(self) -> bool:
        """A simple majority of those who voted."""
        return self.yes > self.no


def ballot_result(ballot: Ballot, now=None) -> Result:
    """The count: only once voting has closed, so nobody can be told how it is going."""
    if not ballot.has_closed(now):
        raise BallotRefused(_("not_closed"), "The votes are counted once voting has closed")
    counts = ballot.papers.aggregate(
        yes=Count("pk", filter=Q(choice=Ballot.Choice.YES)), no=Count("pk", filter=Q(choice=Ballot.Choice.NO))
    )
    return Result(counts["yes"], counts["no"], ballot_turnout(ballot))


@transaction.atomic
def ballot_result_publish(*, ballot: Ballot, officer=None) -> Result:
    result = ballot_result(ballot)
    if ballot.result_published_at is None:
        ballot.result_published_at = timezone.now()
        ballot.save(update_fields=["result_published_at", "updated_at"])
        _log(ballot, f"Result published: {result.yes} yes, {result.no} no", by=officer)
    return result


def _local(moment):
    """A time as the council's clock read it: spreadsheets hold no time zones."""
    return timezone.localtime(moment).replace(tzinfo=None) if moment else None


def register_rows(ballot: Ballot):
    """The marked register for the scrutineer, header first: who could vote, on what basis, and whether (not how) they did."""
    yield [
        "Voter",
        "Address",
        "Postcode",
        "Eligible as",
        "Age checked",
        "Added because",
        "Taken off the register",
        "Taken off because",
        "Code sent",
        "Voted",
        "How",
    ]
    voters = ballot.voters.select_related("resident__tenancy__home").order_by("resident__last_name", "pk")
    for voter in voters.iterator(chunk_size=2000):
        home = voter.resident.home
        yield [
            voter.resident.full_name,
            home.address_line_1 if home else "",
            home.postcode if home else "",
            voter.get_basis_display(),
            "Yes" if voter.age_checked else "No",
            voter.added_reason,
            _local(voter.excluded_at),
            voter.excluded_reason,
            _local(voter.code_sent_at),
            _local(voter.voted_at),
            voter.get_voted_by_display(),
        ]


def paper_rows(ballot: Ballot):
    """The ballot papers, once voting has closed: each paper's random reference and its choice, nothing else."""
    yield ["Ballot paper", "Vote"]
    if not ballot.has_closed():
        return
    for paper_id, choice in ballot.papers.order_by("id").values_list("id", "choice").iterator(chunk_size=2000):
        yield [str(paper_id), Ballot.Choice(choice).label]


def log_rows(ballot: Ballot):
    yield ["When", "Who", "What", "Voter"]
    for entry in ballot.log.select_related("by", "voter__resident"):
        yield [_local(entry.at), str(entry.by or ""), entry.what, entry.voter.resident.full_name if entry.voter else ""]


def ballot_export_record(*, ballot: Ballot, officer, fmt: str) -> None:
    _log(ballot, f"Register and ballot papers downloaded ({fmt.upper()})", by=officer)


def ballot_dates_text(ballot: Ballot) -> dict:
    return {
        "offer_published": date_text(ballot.offer_published_on),
        "opens": time_on_date_text(ballot.opens_at),
        "closes": time_on_date_text(ballot.closes_at),
    }
