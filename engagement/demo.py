"""Demo data: wards from the council's housing strategy, a dozen estates, ~500 tenancies,
~100 residents with accounts and mixed consent, and a staff user for each role.

Everything is keyed on natural keys and generated from a fixed seed, so loading twice
changes nothing. Other apps add their own demo data in a `demo.py` with a `load()`.
"""

import random
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from engagement import roles
from engagement.models import (
    AccessNeed,
    Block,
    Channel,
    ConsentSource,
    ContactEnquiry,
    Estate,
    FormatRequest,
    Home,
    Interest,
    Purpose,
    Resident,
    Tenancy,
    TenantProfileFigure,
    TenureType,
    User,
    Ward,
)
from engagement.services.consent import consent_record

# The wards named in the council's housing strategy update.
WARDS = [
    "Bellingham",
    "Brockley",
    "Catford South",
    "Crofton Park",
    "Downham",
    "Evelyn",
    "Forest Hill",
    "Grove Park",
    "Ladywell",
    "Lee Green",
    "Lewisham Central",
    "New Cross",
    "Perry Vale",
    "Rushey Green",
    "Sydenham",
    "Whitefoot",
]

# estate, ward, postcode district, blocks: (name, higher-risk, independent living, homes)
ESTATES = [
    ("Evelyn Gardens", "Evelyn", "SE8", [("Foreshore House", True, False, 60), ("Dacca Court", False, False, 30)]),
    ("Crossfields", "New Cross", "SE14", [("Castell House", False, False, 40), ("Holden House", False, False, 30)]),
    ("Honor Oak Rise", "Crofton Park", "SE4", [("Brockley View", False, False, 35), ("Oak Court", False, False, 20)]),
    ("Ladywell Fields", "Ladywell", "SE13", [("Elmira Court", False, False, 35)]),
    ("Rushey Mead", "Rushey Green", "SE6", [("Catford Lodge", False, True, 30), ("Mead House", False, False, 25)]),
    ("Bellingham Green", "Bellingham", "SE6", [("Randlesdown House", False, False, 30)]),
    ("Downham Fields", "Downham", "BR1", [("Moorside House", False, False, 30), ("Shroffold Court", False, False, 20)]),
    ("Whitefoot Lane", "Whitefoot", "BR1", [("Whitefoot House", False, False, 25)]),
    ("Grove Park Close", "Grove Park", "SE12", [("Chinbrook House", False, False, 20)]),
    ("Sydenham Hill", "Sydenham", "SE26", [("Kirkdale Tower", True, False, 45)]),
    ("Perry Vale Court", "Perry Vale", "SE23", [("Vale House", False, True, 20)]),
    ("Lee Manor", "Lee Green", "SE12", [("Manor House", False, False, 20)]),
]

FIRST_NAMES = [
    "Amina",
    "Ben",
    "Chidi",
    "Dorothy",
    "Emre",
    "Fatima",
    "George",
    "Hannah",
    "Ibrahim",
    "Joyce",
    "Kwame",
    "Lucy",
    "Mohammed",
    "Nia",
    "Oluwaseun",
    "Patricia",
    "Quentin",
    "Rosa",
    "Samuel",
    "Tamsin",
    "Uchenna",
    "Vera",
    "Winston",
    "Xin",
    "Yusuf",
    "Zara",
    "Agnieszka",
    "Blessing",
    "Connor",
    "Delroy",
]
LAST_NAMES = [
    "Adeyemi",
    "Brown",
    "Campbell",
    "Daley",
    "Evans",
    "Francis",
    "Green",
    "Hussain",
    "Ibrahim",
    "Johnson",
    "Kowalski",
    "Lewis",
    "Mensah",
    "Nguyen",
    "Okafor",
    "Patel",
    "Quinn",
    "Rahman",
    "Smith",
    "Taylor",
    "Usman",
    "Vaughan",
    "Williams",
    "Yilmaz",
    "Zielinski",
    "Ahmed",
    "Bakare",
    "Clarke",
    "Dos Santos",
    "Edwards",
]
STREET_WORDS = ["Court", "House", "Walk", "Row"]

STAFF = [
    ("officer@example.gov.uk", "Olu", "Officer", roles.ENGAGEMENT_OFFICER, "demo-officer-pass"),
    ("community@example.gov.uk", "Chris", "Relations", roles.COMMUNITY_RELATIONS, "demo-community-pass"),
    ("admin@example.gov.uk", "Ada", "Administrator", roles.ADMINISTRATOR, "demo-admin-pass"),
]
RESIDENT_PASSWORD = "demo-resident-pass"
RESIDENT_ACCOUNTS = 100


def _tenure(rng: random.Random, independent_living: bool) -> str:
    if independent_living:
        return TenureType.SHELTERED_TENANT
    roll = rng.random()
    if roll < 0.65:
        return TenureType.COUNCIL_TENANT
    if roll < 0.82:
        return TenureType.RESIDENT_LEASEHOLDER
    if roll < 0.93:
        return TenureType.PRIVATE_TENANT_OF_LEASEHOLDER
    return TenureType.TEMPORARY_ACCOMMODATION


def _places(rng: random.Random) -> list[tuple[Block, str, int]]:
    wards = {name: Ward.objects.get_or_create(name=name)[0] for name in WARDS}
    blocks = []
    for estate_number, (estate_name, ward_name, district, block_specs) in enumerate(ESTATES):
        estate, _ = Estate.objects.update_or_create(name=estate_name, defaults={"ward": wards[ward_name]})
        for block_number, (block_name, higher_risk, independent_living, homes) in enumerate(block_specs):
            block, _ = Block.objects.update_or_create(
                estate=estate,
                name=block_name,
                defaults={"is_higher_risk": higher_risk, "is_independent_living": independent_living},
            )
            sector = (estate_number + block_number) % 9 + 1
            unit = "".join(rng.choice("ABDEFGHJLNPQRSTUWXYZ") for _ in range(2))
            blocks.append((block, f"{district} {sector}{unit}", homes))
    return blocks


def _tenancies(rng: random.Random, blocks) -> list[Tenancy]:
    """Every home's tenancy, written in bulk the first time (one query each for homes and tenancies)."""
    today = timezone.localdate()
    homes = {(home.address_line_1, home.postcode): home for home in Home.objects.all()}
    existing = {tenancy.reference: tenancy for tenancy in Tenancy.objects.all()}
    planned = []
    number = 0
    for block, postcode, count in blocks:
        for flat in range(1, count + 1):
            number += 1
            address = (f"Flat {flat}, {block.name}", postcode)
            if address not in homes:
                homes[address] = Home(
                    block=block, address_line_1=address[0], postcode=postcode, address_line_2=block.estate.name
                )
            # Draw every random choice whether or not the record exists, so a second load sees the same ones.
            members = [f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}" for _ in range(rng.randint(1, 4))]
            tenure = _tenure(rng, block.is_independent_living)
            started = today - timedelta(days=rng.randint(30, 40 * 365))
            planned.append((f"TEN-{number:06d}", address, tenure, started, members))
    Home.objects.bulk_create([home for home in homes.values() if home.pk is None])
    Tenancy.objects.bulk_create(
        [
            Tenancy(
                reference=reference,
                home=homes[address],
                tenure_type=tenure,
                start_date=started,
                household_members=members,
            )
            for reference, address, tenure, started, members in planned
            if reference not in existing
        ]
    )
    by_reference = {tenancy.reference: tenancy for tenancy in Tenancy.objects.select_related("home__block")}
    return [by_reference[reference] for reference, *_ in planned]


def _residents(rng: random.Random, tenancies: list[Tenancy]) -> list[Resident]:
    access_needs = list(AccessNeed.objects.all())
    interests = list(Interest.objects.all())
    residents = []
    # Hashing is slow by design: hash the shared demo password once, not a hundred times.
    password_hash = make_password(RESIDENT_PASSWORD)
    chosen = rng.sample(tenancies, RESIDENT_ACCOUNTS)
    for number, tenancy in enumerate(chosen, start=1):
        first, last = tenancy.household_members[0].split(" ", 1)
        email = f"resident{number:03d}@example.com"
        user, _ = User.objects.get_or_create(
            email=email, defaults={"first_name": first, "last_name": last, "password": password_hash}
        )
        EmailAddress.objects.get_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
        # Draw every random choice whether or not the record exists, so a second load sees the same ones.
        has_mobile = rng.random() < 0.7
        born = timezone.localdate() - timedelta(days=rng.randint(25 * 365, 85 * 365))
        vulnerable = rng.random() < 0.08
        chosen_interests = rng.sample(interests, rng.randint(0, 3))
        chosen_needs = rng.sample(access_needs, rng.randint(1, 2)) if rng.random() < 0.2 else []
        resident, created = Resident.objects.get_or_create(
            user=user,
            defaults={
                "first_name": first,
                "last_name": last,
                "email": email,
                "mobile": f"+447700900{number:03d}" if has_mobile else "",
                "tenancy": tenancy,
                "tenancy_verified_at": timezone.now(),
                "date_of_birth": born,
                "is_vulnerable": vulnerable,
            },
        )
        if created:
            resident.interests.set(chosen_interests)
            resident.access_needs.set(chosen_needs)
        _consents(rng, resident)
        residents.append(resident)
    return residents


def _consents(rng: random.Random, resident: Resident) -> None:
    """A realistic mix: everyone has service email; about half opted in to surveys, some by text or post."""
    email_surveys, text, post = rng.random() < 0.5, rng.random() < 0.4, rng.random() < 0.15
    answers = {(Channel.EMAIL, Purpose.SERVICE): True}
    if email_surveys:
        answers[(Channel.EMAIL, Purpose.ENGAGEMENT)] = True
    if resident.mobile and text:
        answers[(Channel.TEXT, Purpose.ENGAGEMENT)] = True
        answers[(Channel.TEXT, Purpose.SERVICE)] = True
    if post:
        answers[(Channel.POST, Purpose.ENGAGEMENT)] = True
    for (channel, purpose), given in answers.items():
        consent_record(resident, channel=channel, purpose=purpose, given=given, source=ConsentSource.SIGN_UP)


def _staff() -> list[tuple[str, str, str]]:
    printed = []
    for email, first, last, role, password in STAFF:
        user, created = User.objects.get_or_create(
            email=email, defaults={"first_name": first, "last_name": last, "is_staff": True}
        )
        if created:
            user.set_password(password)
            user.save(update_fields=["password"])
        user.groups.set([Group.objects.get(name=role)])
        printed.append((role, email, password))
    return printed


# The whole tenant base's answers, as a council might take them from the census for its estates: what
# the reach report sets the diversity of involved residents against.
TENANT_PROFILE = {
    "sex": {"female": 5300, "male": 4700},
    "age_band": {"under_25": 900, "25_34": 1700, "35_49": 2600, "50_64": 2400, "65_74": 1300, "75_plus": 1100},
    "ethnicity": {"white": 4600, "black": 2500, "asian": 1300, "mixed": 900, "other": 700},
}


def _tenant_profile() -> None:
    for characteristic, answers in TENANT_PROFILE.items():
        for answer, people in answers.items():
            TenantProfileFigure.objects.get_or_create(
                characteristic=characteristic, answer=answer, defaults={"people": people}
            )


def _large_print_reader(residents: list[Resident]) -> Resident:
    """A resident whose access needs say large print, who gets letters: theirs print at 18 point."""
    reader = residents[1]
    reader.access_needs.add(AccessNeed.objects.get(code="large_print"))
    for purpose in (Purpose.SERVICE, Purpose.ENGAGEMENT):
        consent_record(reader, channel=Channel.POST, purpose=purpose, given=True, source=ConsentSource.SIGN_UP)
    return reader


def _format_requests(residents: list[Resident]) -> int:
    """Requests for another language or format, one in each state; one new one already overdue."""
    today = timezone.localdate()
    community = User.objects.get(email="community@example.gov.uk")
    reader = residents[1]
    asked = [
        (
            "The what's on page",
            FormatRequest.Format.TRANSLATION,
            "Somali",
            FormatRequest.Status.NEW,
            today - timedelta(days=2),
            None,
        ),
        (
            "Letter about the bin stores",
            FormatRequest.Format.LARGE_PRINT,
            "",
            FormatRequest.Status.NEW,
            today + timedelta(days=9),
            reader,
        ),
        (
            "Damp and mould workshop",
            FormatRequest.Format.BSL,
            "",
            FormatRequest.Status.IN_PROGRESS,
            today + timedelta(days=6),
            None,
        ),
        (
            "Resident engagement strategy",
            FormatRequest.Format.EASY_READ,
            "",
            FormatRequest.Status.DONE,
            today - timedelta(days=5),
            None,
        ),
    ]
    for about, format, language, status, due_by, resident in asked:
        FormatRequest.objects.get_or_create(
            about=about,
            format=format,
            defaults={
                "language": language,
                "status": status,
                "due_by": due_by,
                "name": resident.full_name if resident else "Hodan Ali",
                "reply_by": ContactEnquiry.ReplyBy.EMAIL,
                "email": resident.email if resident else "hodan.ali@example.com",
                "resident": resident,
                "assigned_to": community if status != FormatRequest.Status.NEW else None,
                "done_at": timezone.now() if status == FormatRequest.Status.DONE else None,
            },
        )
    return len(asked)


@transaction.atomic
def load() -> list[str]:
    rng = random.Random(2026)
    blocks = _places(rng)
    tenancies = _tenancies(rng, blocks)
    residents = _residents(rng, tenancies)
    staff = _staff()
    _tenant_profile()
    reader = _large_print_reader(residents)
    format_requests = _format_requests(residents)
    free = Tenancy.objects.filter(residents__isnull=True).select_related("home").order_by("reference")[:3]
    lines = [
        f"{Ward.objects.count()} wards, {Estate.objects.count()} estates, {Block.objects.count()} blocks, "
        f"{Tenancy.objects.count()} tenancies, {len(residents)} residents with accounts.",
        "To sign up as a new resident at /account/signup/, confirm one of these tenancies (nobody uses them yet):",
        *[f"  tenancy reference {tenancy.reference}, postcode {tenancy.home.postcode}" for tenancy in free],
        "Staff sign in at /admin/:",
        *[f"  {role:<20} {email:<28} password: {password}" for role, email, password in staff],
        f"{format_requests} requests for another language or format (admin: Format requests); "
        f"{reader.email} needs large print, so their letters print at 18 point.",
        f"Residents sign in at /account/login/ as resident001@example.com … resident{RESIDENT_ACCOUNTS:03d}"
        f"@example.com, password: {RESIDENT_PASSWORD}",
    ]
    return lines
