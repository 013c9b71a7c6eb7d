#!/usr/bin/env python
"""Page benchmark: every page of issue 15 under load, with a large landlord's data, against the bare layout.

    .venv/bin/python scripts/bench_pages.py [--reuse] [--pages whats_on reach …] [--quick]

Builds its own PostgreSQL database (rv_bench_pages; PostgreSQL at 127.0.0.1:5432 as postgres, or
BENCH_POSTGRES): the demo data, then 100,000 residents with homes and tenancies, 5,000 events
(half to come), 1,000,000 bookings and 300 TRAs with 50,000 members, made by SQL generate_series.
Then it starts gunicorn with production settings (DEBUG=false, 2 sync workers, REDIS_URL passed on
when set) and drives each page with wrk (8 connections for 10 s, Debian's package, installed if
missing): public pages as a visitor, personal pages as a resident signed in, staff pages as the demo
administrator (sessions made with Django's test client and sent as a cookie).

The baseline is /bare-layout/, the page layout with nothing in it, no queries (served only with
BARE_LAYOUT_PAGE=true, which the benchmark sets), driven for half as long just before and just after each
page, so that each share compares the page with the mean of two measurements taken around it, under the
same load from the rest of the machine.
Per page it prints requests/s, that share, p50 and p99 latency, the time of one request alone, and
the page's size. A slow page is driven for longer, so that the queue of 8 turns over three times (up to
60 s); one slower still is not driven, and its lone request is the figure. Targets (issue 15):
resident-facing pages at least 25 % of the bare page with p99 under 100 ms; staff pages p99 under
500 ms. The exit status is 1 when a target is missed (not judged in a --quick run); the benchmark
stops at the first page that does not answer 200.

Building takes a few minutes: --reuse keeps the database and uses it again next time (migrations
are applied to it first), --keep keeps it once. --quick is a smoke test: a hundredth of the data,
2 s a page, in rv_bench_pages_quick.
"""

import argparse
import hashlib
import http.client
import inspect
import io
import math
import os
import re
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import astuple, dataclass
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SERVER = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
WORKERS = 2
# The longest a slow page is driven for (see measure).
SLOW_PAGE_SECONDS = 60
BLOCKS_PER_ESTATE = 5
# What the generated rows are called, so the pages can find them.
ESTATE_NAME = "Bench Estate"
RESIDENT_EMAIL = "bench.resident.{}@example.com"

ANYONE, RESIDENT, ADMINISTRATOR = "anyone", "resident", "administrator"


@dataclass(frozen=True)
class DataSet:
    """How much is added to the demo data. Each estate has a TRA; every resident books the same number of events."""

    residents: int = 100_000
    events: int = 5_000
    bookings: int = 1_000_000
    tras: int = 300
    members: int = 50_000

    def scaled(self, factor: float) -> "DataSet":
        return DataSet(*(max(1, round(number * factor)) for number in astuple(self)))

    def __str__(self) -> str:
        return (
            f"{self.residents:,} residents, {self.events:,} events, {self.bookings:,} bookings, "
            f"{self.tras:,} TRAs, {self.members:,} members"
        )


# --- The data set ------------------------------------------------------------------------------


def build(data: DataSet) -> None:
    """Add the data set to a database holding the demo data, in SQL: Python would take an hour for a million rows.

    Rows take explicit ids after the highest already there, so each statement can name the rows the
    ones before it made: home n is in block n mod blocks, tenancy n is for home n, resident n has tenancy n…
    """
    from django.core.management.color import no_style
    from django.db import connection, transaction

    from engagement import demo, roles
    from engagement.models import Block, Estate, Home, Resident, Tenancy, TenureType, User, Ward
    from events.models import Booking, Event, Venue
    from events.models.bookings import CODE_ALPHABET, CODE_LENGTH
    from tenants_associations.models import TenantsAssociation

    assert data.members <= data.residents and math.ceil(data.bookings / data.residents) <= data.events
    blocks = data.tras * BLOCKS_PER_ESTATE
    per_resident = math.ceil(data.bookings / data.residents)
    Kind = Event.Kind
    kinds = [Kind.ROADSHOW, Kind.REPAIRS_OPEN_DAY, Kind.WALKABOUT, Kind.SURGERY, Kind.WORKSHOP]
    # Roughly the demo's mix: two in three council tenants.
    tenures = [TenureType.COUNCIL_TENANT] * 6 + [TenureType.RESIDENT_LEASEHOLDER] * 2
    tenures += [TenureType.SHELTERED_TENANT, TenureType.PRIVATE_TENANT_OF_LEASEHOLDER]
    wards = list(Ward.objects.values_list("id", flat=True))
    venues = list(Venue.objects.values_list("id", flat=True))
    officer = User.objects.get(email=staff_email(roles.ENGAGEMENT_OFFICER))

    with transaction.atomic(), connection.cursor() as cursor:

        def first_id(model) -> int:
            cursor.execute(f"SELECT coalesce(max(id), 0) FROM {model._meta.db_table}")
            return cursor.fetchone()[0]

        def run(sql: str, **params) -> None:
            cursor.execute(sql, params)

        ids = {model: first_id(model) for model in (Estate, Block, Home, Tenancy, Resident, Event, TenantsAssociation)}
        run(
            """INSERT INTO engagement_estate (id, name, ward_id)
               SELECT %(estate0)s + n, %(name)s || ' ' || n, (%(wards)s::bigint[])[1 + mod(n, %(ward_count)s)]
               FROM generate_series(1, %(tras)s) n""",
            estate0=ids[Estate],
            name=ESTATE_NAME,
            wards=wards,
            ward_count=len(wards),
            tras=data.tras,
        )
        run(
            """INSERT INTO engagement_block (id, name, estate_id, is_higher_risk, is_independent_living)
               SELECT %(block0)s + n, 'Bench House ' || n, %(estate0)s + 1 + (n - 1) / %(per_estate)s,
                      mod(n, 10) = 0, mod(n, 25) = 0
               FROM generate_series(1, %(blocks)s) n""",
            block0=ids[Block],
            estate0=ids[Estate],
            per_estate=BLOCKS_PER_ESTATE,
            blocks=blocks,
        )
        # Home n is in block (n mod blocks): every block, and so every estate, has the same number of homes.
        run(
            """INSERT INTO engagement_home (id, block_id, address_line_1, address_line_2, town, postcode,
                                            undeliverable_post)
               SELECT %(home0)s + n, %(block0)s + b, 'Flat ' || n || ', Bench House ' || b, '', 'London',
                      'SE' || (1 + mod(b, 28)) || ' ' || (1 + mod(b, 9)) || chr(65 + mod(b, 26)) || chr(65 + mod(b / 26, 26)),
                      false
               FROM (SELECT n, 1 + mod(n - 1, %(blocks)s) AS b FROM generate_series(1, %(residents)s) n) homes""",
            home0=ids[Home],
            block0=ids[Block],
            blocks=blocks,
            residents=data.residents,
        )
        run(
            """INSERT INTO engagement_tenancy (id, reference, home_id, tenure_type, start_date, household_members,
                                               created_at, updated_at)
               SELECT %(tenancy0)s + n, 'BENCH-' || lpad(n::text, 7, '0'), %(home0)s + n,
                      (%(tenures)s::text[])[1 + mod(n, %(tenure_count)s)], date '1990-01-01' + mod(n * 37, 12000),
                      '[]', now(), now()
               FROM generate_series(1, %(residents)s) n""",
            tenancy0=ids[Tenancy],
            home0=ids[Home],
            tenures=tenures,
            tenure_count=len(tenures),
            residents=data.residents,
        )
        # Residents we know from the tenancy list, with a verified tenancy; none has an account yet.
        run(
            """INSERT INTO engagement_resident (id, first_name, last_name, email, email_undeliverable, mobile,
                   mobile_undeliverable, preferred_language, date_of_birth, tenancy_id, tenancy_verified_at,
                   interpreter_language, access_needs_other, is_vulnerable, created_at, updated_at)
               SELECT %(resident0)s + n, (%(first)s::text[])[1 + mod(n, %(first_count)s)],
                      (%(last)s::text[])[1 + mod(n / %(first_count)s, %(last_count)s)],
                      replace(%(email)s, '{}', n::text), false, '', false, 'English',
                      date '1940-01-01' + mod(n * 7919, 25000), %(tenancy0)s + n, now(), '', '', mod(n, 12) = 0,
                      now() - mod(n, 1000) * interval '1 day', now()
               FROM generate_series(1, %(residents)s) n""",
            resident0=ids[Resident],
            first=demo.FIRST_NAMES,
            first_count=len(demo.FIRST_NAMES),
            last=demo.LAST_NAMES,
            last_count=len(demo.LAST_NAMES),
            email=RESIDENT_EMAIL,
            tenancy0=ids[Tenancy],
            residents=data.residents,
        )
        # Event n starts on day (n - 1) * 730 / events counted from a year ago, between 10:00 and 17:00:
        # two years of events, the second half still to come.
        run(
            """INSERT INTO events_event (id, title, description, kind, format, starts_at, ends_at, status,
                   cancellation_reason, venue_id, estate_id, joining_link, capacity, organiser, senior_leader,
                   housing_officer_id, eligible_tenure_types, invitation_only, listed, reminder_enabled,
                   reminder_hours_before, reminder_note, training_topic, volunteering_activity, created_at,
                   updated_at)
               SELECT %(event0)s + n, (%(labels)s::text[])[k] || ' on ' || %(estate)s || ' ' || e,
                      'Come and meet the housing team, ask about repairs and tell us what to improve.',
                      kind, format, starts_at, starts_at + interval '2 hours',
                      CASE WHEN mod(n, 40) = 0 THEN 'cancelled' WHEN starts_at < now() THEN 'completed'
                           ELSE 'published' END,
                      CASE WHEN mod(n, 40) = 0 THEN 'The hall is being repaired.' ELSE '' END,
                      CASE WHEN format = 'online' THEN NULL ELSE (%(venues)s::bigint[])[1 + mod(n, %(venue_count)s)] END,
                      %(estate0)s + e,
                      CASE WHEN format = 'in_person' THEN '' ELSE 'https://meet.example.gov.uk/bench-' || n END,
                      CASE WHEN mod(n, 4) = 0 THEN NULL ELSE 300 END, '',
                      CASE WHEN kind = 'roadshow' THEN 'Director of Housing' ELSE '' END,
                      CASE WHEN kind = 'surgery' THEN %(officer)s::bigint END,
                      '[]', false, true, true, 48, '', '', '', now(), now()
               FROM (SELECT n, 1 + mod(n, %(kind_count)s) AS k, (%(kinds)s::text[])[1 + mod(n, %(kind_count)s)] AS kind,
                            1 + mod(n, %(tras)s) AS e,
                            CASE mod(n, 10) WHEN 0 THEN 'online' WHEN 5 THEN 'hybrid' ELSE 'in_person' END AS format,
                            date_trunc('day', now()) + (floor((n - 1) * 730.0 / %(events)s) - 365) * interval '1 day'
                                + (10 + mod(n, 8)) * interval '1 hour' AS starts_at
                     FROM generate_series(1, %(events)s) n) events""",
            event0=ids[Event],
            labels=[str(kind.label) for kind in kinds],
            kinds=[kind.value for kind in kinds],
            kind_count=len(kinds),
            estate=ESTATE_NAME,
            estate0=ids[Estate],
            venues=venues,
            venue_count=len(venues),
            officer=officer.pk,
            tras=data.tras,
            events=data.events,
        )
        # Booking j is resident (j mod residents)'s k-th, k = j div residents, for event (resident + k * stride)
        # mod events: a resident's bookings are all on different events, and every event has as many.
        # Codes: j times an odd number modulo 32^6 (one to one) written in the booking code alphabet; the
        # few that the demo's random codes already hold are left out.
        base = len(CODE_ALPHABET)
        scrambled = f"mod(j::bigint * 387420489, {base**CODE_LENGTH})"
        code = " || ".join(
            f"substr('{CODE_ALPHABET}', 1 + mod({scrambled} / {base**place}, {base})::int, 1)"
            for place in range(CODE_LENGTH)
        )
        run(
            f"""INSERT INTO events_booking (event_id, resident_id, walk_in_name, code, status, source, how_asked, places,
                   interpreter_language, access_needs_other, attendance, checked_in_at, created_at, offer_token,
                   cancelled_at)
               SELECT e.id, %(resident0)s + 1 + b.r, '', b.code, s.status, s.source,
                      CASE WHEN s.source = 'walk_in' THEN %(in_person)s ELSE %(online)s END, 1 + (mod(j, 9) = 0)::int, '', '',
                      CASE WHEN s.status = 'confirmed' AND e.starts_at < now()
                           THEN CASE WHEN mod(j, 4) = 0 THEN 'no_show' ELSE 'attended' END ELSE '' END,
                      CASE WHEN s.status = 'confirmed' AND e.starts_at < now() AND mod(j, 4) <> 0 THEN e.starts_at END,
                      e.starts_at - (1 + mod(j, 30)) * interval '1 day', '',
                      CASE WHEN s.status = 'cancelled' THEN e.starts_at - interval '12 hours' END
               FROM (SELECT j, mod(j, %(residents)s) AS r,
                            mod(mod(j, %(residents)s) + j / %(residents)s * %(stride)s, %(events)s) AS event_index,
                            {code} AS code
                     FROM generate_series(0, %(bookings)s - 1) j) b
               JOIN events_event e ON e.id = %(event0)s + 1 + b.event_index
               CROSS JOIN LATERAL (SELECT
                   CASE WHEN e.status = 'cancelled' OR mod(j, 15) = 0 THEN 'cancelled' ELSE 'confirmed' END AS status,
                   CASE WHEN e.starts_at < now() AND mod(j, 25) = 0 THEN 'walk_in' ELSE 'booked' END AS source) s
               WHERE NOT EXISTS (SELECT FROM events_booking taken WHERE taken.code = b.code)""",
            resident0=ids[Resident],
            residents=data.residents,
            stride=data.events // per_resident,
            events=data.events,
            bookings=data.bookings,
            event0=ids[Event],
            in_person=Booking.HowAsked.IN_PERSON.value,
            online=Booking.HowAsked.ONLINE.value,
        )
        run(
            """INSERT INTO tenants_associations_tenantsassociation (id, name, slug, ward_id, about, status,
                   recognised_on, next_agm_on, created_at, updated_at)
               SELECT %(tra0)s + n, estate.name || ' TRA', lower(replace(estate.name, ' ', '-')) || '-tra',
                      estate.ward_id, 'We meet monthly in the community room. Everyone on the estate is welcome.',
                      CASE mod(n, 10) WHEN 0 THEN 'in_formation' WHEN 9 THEN 'lapsed' ELSE 'recognised' END,
                      CASE WHEN mod(n, 10) NOT IN (0, 9) THEN current_date - mod(n * 13, 400) END,
                      current_date + mod(n * 7, 300) - 30, now(), now()
               FROM generate_series(1, %(tras)s) n JOIN engagement_estate estate ON estate.id = %(estate0)s + n""",
            tra0=ids[TenantsAssociation],
            estate0=ids[Estate],
            tras=data.tras,
        )
        run(
            """INSERT INTO tenants_associations_tenantsassociation_estates (tenantsassociation_id, estate_id)
               SELECT %(tra0)s + n, %(estate0)s + n FROM generate_series(1, %(tras)s) n""",
            tra0=ids[TenantsAssociation],
            estate0=ids[Estate],
            tras=data.tras,
        )
        # Members spread evenly over the residents, each in the TRA of their own estate.
        run(
            """INSERT INTO tenants_associations_membership (tra_id, resident_id, status, note, requested_at,
                   decided_at, decline_reason, is_representative)
               SELECT %(tra0)s + 1 + mod(n - 1, %(blocks)s) / %(per_estate)s, %(resident0)s + n, 'member', '',
                      now() - mod(m, 700) * interval '1 day', now() - mod(m, 700) * interval '1 day' + interval '3 days',
                      '', false
               FROM (SELECT m, 1 + (m::bigint * %(residents)s / %(members)s)::int AS n
                     FROM generate_series(0, %(members)s - 1) m) members""",
            tra0=ids[TenantsAssociation],
            blocks=blocks,
            per_estate=BLOCKS_PER_ESTATE,
            resident0=ids[Resident],
            residents=data.residents,
            members=data.members,
        )
        for statement in connection.ops.sequence_reset_sql(no_style(), list(ids)):
            cursor.execute(statement)

        # The resident who signs in for the personal pages: the first one made, a TRA member with bookings.
        _account_for(Resident.objects.get(pk=ids[Resident] + 1))


def _account_for(resident) -> None:
    from allauth.account.models import EmailAddress

    from engagement.models import User

    user = User.objects.create_user(email=resident.email, first_name=resident.first_name, last_name=resident.last_name)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    resident.user = user
    resident.save(update_fields=["user"])


def staff_email(role: str) -> str:
    from engagement import demo

    return next(email for email, *_, staff_role, _password in demo.STAFF if staff_role == role)


def bench_users() -> dict:
    """Who requests each kind of page: nobody signed in, the bench resident, the demo administrator."""
    from engagement import roles
    from engagement.models import User

    return {
        ANYONE: None,
        RESIDENT: User.objects.get(email=RESIDENT_EMAIL.format(1)),
        ADMINISTRATOR: User.objects.get(email=staff_email(roles.ADMINISTRATOR)),
    }


def counts() -> str:
    from django.utils import timezone

    from engagement.models import Resident
    from events.models import Booking, Event
    from tenants_associations.models import Membership, TenantsAssociation

    return (
        f"{Resident.objects.count():,} residents, {Event.objects.count():,} events "
        f"({Event.objects.filter(ends_at__gte=timezone.now()).count():,} to come), {Booking.objects.count():,} bookings, "
        f"{TenantsAssociation.objects.count():,} TRAs, {Membership.objects.members().count():,} members"
    )


# --- The pages ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Page:
    key: str
    label: str
    who: str
    name: str  # URL name
    args: tuple = ()

    @property
    def staff(self) -> bool:
        return self.who == ADMINISTRATOR

    def path(self) -> str:
        from django.urls import reverse

        return reverse(self.name, args=[arg() if callable(arg) else arg for arg in self.args])


def _an_event() -> int:
    """An event to come on a generated estate, published, with its share of the bookings."""
    from events.models import Event

    return Event.objects.published().upcoming().filter(estate__name__startswith=ESTATE_NAME).earliest("starts_at").pk


def _a_tra() -> str:
    from tenants_associations.models import TenantsAssociation

    return TenantsAssociation.objects.get(name=f"{ESTATE_NAME} 1 TRA").slug


BARE = Page("bare", "bare layout page (baseline)", ANYONE, "bare_layout")
PAGES = (
    Page("home", "home", ANYONE, "home"),
    Page("whats_on", "What's on", ANYONE, "events:list"),
    Page("event", "event page", ANYONE, "events:detail", (_an_event,)),
    Page("month", "month calendar", ANYONE, "events:month_now"),
    Page("feed", "public feed (calendar.ics)", ANYONE, "events:feed"),
    Page("tras", "TRA directory", ANYONE, "tenants_associations:directory"),
    Page("tra", "a TRA's page", ANYONE, "tenants_associations:detail", (_a_tra,)),
    Page("panels", "panels", ANYONE, "panels:list"),
    Page("sounding_board", "sounding board", ANYONE, "surveys:index"),
    Page("account", "your account", RESIDENT, "my_account"),
    Page("my_events", "your events", RESIDENT, "events:my_events"),
    Page("admin_residents", "admin: residents", ADMINISTRATOR, "admin:engagement_resident_changelist"),
    Page("admin_bookings", "admin: bookings", ADMINISTRATOR, "admin:events_booking_changelist"),
    Page("admin_events", "admin: events", ADMINISTRATOR, "admin:events_event_changelist"),
    Page("attendance", "attendance report", ADMINISTRATOR, "events:attendance_report"),
    Page("reach", "reach report", ADMINISTRATOR, "reach_report"),
)


def session_cookies(users: dict) -> dict[str, str]:
    """A Cookie header for each kind of visitor, from a session made in the benchmark's database."""
    from django.conf import settings
    from django.test import Client

    cookies = {}
    for who, user in users.items():
        if user is None:
            cookies[who] = ""
            continue
        client = Client()
        client.force_login(user)
        cookies[who] = f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
    return cookies


# --- Serving and loading -----------------------------------------------------------------------


class Gunicorn:
    """The portal under gunicorn with sync workers, started and stopped by this script (by its pid)."""

    def __init__(self, env: dict, log: Path):
        self.env, self.log = env, log
        self.port = _free_port()
        self.process = None

    def start(self, ready_path: str) -> None:
        command = [sys.executable, "-m", "gunicorn", "engagement.wsgi", "--workers", str(WORKERS)]
        command += ["--bind", f"127.0.0.1:{self.port}", "--error-logfile", str(self.log), "--log-level", "warning"]
        # Slow pages queue up behind each other: a worker must not be killed at gunicorn's usual 30 s.
        command += ["--timeout", "300"]
        self.process = subprocess.Popen(command, cwd=ROOT, env=self.env)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn stopped: {self.log.read_text()[-3000:]}")
            try:
                if fetch(self.port, ready_path, {})[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.3)
        raise RuntimeError("gunicorn did not answer within 2 minutes")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=60)

    def wait_until_idle(self, database: str) -> None:
        """Requests wrk left queued are still served after it stops: wait for them, so they slow no other page."""
        from django.db import connection

        quiet = 0
        deadline = time.monotonic() + 900
        while quiet < 3 and time.monotonic() < deadline:
            before = _cpu_ticks(self._workers())
            time.sleep(0.2)
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = %s AND state = 'active' "
                    "AND pid <> pg_backend_pid()",
                    [database],
                )
                busy = cursor.fetchone()[0]
            quiet = quiet + 1 if busy == 0 and _cpu_ticks(self._workers()) - before <= 1 else 0

    def _workers(self) -> list[int]:
        children = []
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    if int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1]) == self.process.pid:
                        children.append(int(entry.name))
                except (OSError, IndexError):
                    continue
        return children


def _cpu_ticks(pids: list[int]) -> int:
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime and stime
    return total


def _free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def request_headers(cookie: str) -> dict[str, str]:
    # SSL redirect is on, as in production: say the request came through the TLS-terminating balancer.
    headers = {"X-Forwarded-Proto": "https"}
    if cookie:
        headers["Cookie"] = cookie
    return headers


def fetch(port: int, path: str, headers: dict) -> tuple[int, int, float]:
    """One request: its status, the body's size and how long it took."""
    started = time.perf_counter()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
    try:
        connection.request("GET", path, headers={**request_headers(""), **headers})
        response = connection.getresponse()
        size = len(response.read())
    finally:
        connection.close()
    return response.status, size, time.perf_counter() - started


@dataclass
class Result:
    page: Page
    path: str
    size: int
    alone: float
    seconds: int | None = None  # how long wrk drove it; None when the page was too slow to drive
    rate: float | None = None  # requests/s
    p50: float | None = None
    p99: float | None = None
    errors: str = ""
    baseline: float | None = None  # the bare page's requests/s: the mean of runs just before and after this page

    @property
    def share(self) -> float | None:
        return None if self.rate is None else self.rate / self.baseline


_UNITS = {"us": 1e-6, "ms": 1e-3, "s": 1.0, "m": 60.0}


def parse_wrk(output: str) -> tuple[float, float, float, str]:
    """requests/s, p50 and p99 (seconds) and any errors, from wrk --latency's report."""
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output)[1])
    percentiles = {
        int(found[1]): float(found[2]) * _UNITS[found[3]]
        for found in re.finditer(r"^\s+(50|99)%\s+([\d.]+)(us|ms|s|m)\s*$", output, re.MULTILINE)
    }
    errors = []
    if found := re.search(r"Non-2xx or 3xx responses: (\d+)", output):
        errors.append(f"{found[1]} answers not 2xx/3xx")
    if found := re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output):
        kinds = ("connect", "read", "write", "timeout")
        errors += [f"{n} {kind} errors" for kind, n in zip(kinds, found.groups(), strict=True) if n != "0"]
    return rate, percentiles[50], percentiles[99], ", ".join(errors)


def measure(server: Gunicorn, page: Page, cookie: str, *, seconds: int, connections: int, database: str) -> Result:
    path = page.path()
    headers = request_headers(cookie)
    status, size, _ = fetch(server.port, path, headers)  # also warms the worker that takes it
    if status != 200:
        raise RuntimeError(f"{page.label} ({path}) answered {status} for {page.who}, not 200")
    _, _, alone = fetch(server.port, path, headers)
    result = Result(page, path, size, alone)
    # With `connections` waiting on the workers, each request waits for connections / workers others. A slow
    # page is driven for longer, so the queue turns over at least three times; one slower still is not
    # driven at all (its lone request is the figure), as the queue left behind would take minutes to drain.
    turnover = alone * connections / WORKERS
    if turnover * 3 > seconds:
        if turnover * 3 > SLOW_PAGE_SECONDS:
            return result
        seconds = math.ceil(turnover * 3)
    result.seconds = seconds
    result.rate, result.p50, result.p99, result.errors = drive(server, path, headers, seconds, connections)
    server.wait_until_idle(database)
    return result


def drive(server: Gunicorn, path: str, headers: dict, seconds: int, connections: int) -> tuple:
    """wrk on one page: requests/s, p50, p99 and any errors."""
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "60s"]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    output = subprocess.run(
        [*command, f"http://127.0.0.1:{server.port}{path}"], check=True, capture_output=True, text=True
    ).stdout
    return parse_wrk(output)


# --- The report --------------------------------------------------------------------------------


def _duration(seconds: float | None) -> str:
    if seconds is None:
        return "—"
    if seconds >= 1:
        return f"{seconds:.1f} s"
    milliseconds = seconds * 1000
    return f"{milliseconds:.1f} ms" if milliseconds < 10 else f"{milliseconds:.0f} ms"


def meets_target(result: Result) -> bool:
    if result.rate is None or result.errors:
        return False
    if result.page.staff:
        return result.p99 < 0.5
    return result.share >= 0.25 and result.p99 < 0.1


def report(results: list[Result], bare: Result, *, judged: bool, seconds: int) -> str:
    lines = [
        "| page | requests/s | share of bare page | p50 | p99 | one request alone | size | target |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for result in [bare, *results]:
        if result.rate is None:
            rate, share = "— (too slow to drive)", "—"
        else:
            rate, share = f"{result.rate:,.1f}", f"{result.share:.1%}"
            if result.seconds != seconds:
                rate += f" (over {result.seconds} s)"
        if result is bare:
            target = ""
        elif not judged:
            target = "not judged"
        else:
            target = "met" if meets_target(result) else "NOT met"
        if result.errors:
            target += f" ({result.errors})"
        lines.append(
            f"| {result.page.label} `{result.path}` | {rate} | {share} | {_duration(result.p50)} | "
            f"{_duration(result.p99)} | {_duration(result.alone)} | {result.size / 1024:,.0f} KB | {target} |"
        )
    baselines = sorted(result.baseline for result in results)
    if baselines:
        lines.append(
            f"\nEach share is against the bare page driven for {max(2, seconds // 2)} s just before and just after "
            "that page (their mean): "
            f"{statistics.median(baselines):,.0f} requests/s in the median, from {baselines[0]:,.0f} to "
            f"{baselines[-1]:,.0f} (the spread is the machine's other load)."
        )
    return "\n".join(lines)


# --- Running it ---------------------------------------------------------------------------------


def production_env(database_url: str, static_root: str) -> dict:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "engagement.settings",
        "DATABASE_URL": database_url,
        "DEBUG": "false",
        # The benchmark's process makes the sessions, gunicorn checks them: both need the same key.
        "SECRET_KEY": "bench-pages-" + secrets.token_hex(32),
        "ALLOWED_HOSTS": "127.0.0.1",
        "STATIC_ROOT": static_root,
        "LOG_LEVEL": "WARNING",
        "BARE_LAYOUT_PAGE": "true",
    }
    return env


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    keys = [page.key for page in PAGES]
    parser.add_argument("--pages", nargs="+", choices=keys, metavar="PAGE", help=f"only these: {', '.join(keys)}")
    parser.add_argument("--reuse", action="store_true", help="use the database a run with --reuse left, and keep it")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument("--quick", action="store_true", help="smoke test: a hundredth of the data, 2 s a page")
    parser.add_argument("--seconds", type=int, help="how long wrk drives each page (default 10, --quick 2)")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--database", help="default rv_bench_pages (rv_bench_pages_quick with --quick)")
    args = parser.parse_args()

    data = DataSet().scaled(0.01) if args.quick else DataSet()
    database = args.database or ("rv_bench_pages_quick" if args.quick else "rv_bench_pages")
    run = {
        "seconds": args.seconds or (2 if args.quick else 10),
        "connections": args.connections,
        "database": database,
    }
    pages = [page for page in PAGES if not args.pages or page.key in args.pages]
    subprocess.run(["bash", "-c", "source scripts/lib/setup.sh && ensure_wrk"], cwd=ROOT, check=True)

    with tempfile.TemporaryDirectory(prefix="rv-bench-pages-") as folder:
        env = production_env(f"{SERVER}/{database}", static_root=folder)
        os.environ.update(env)
        sys.path.insert(0, str(ROOT))
        import django

        django.setup()
        bare, results, loads = _run(args, data, pages, env, Path(folder), run)

    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    print(
        f"\n{datetime.now(UTC):%Y-%m-%d %H:%M} UTC, commit {commit.stdout.strip()}, {os.cpu_count()} cores, "
        f"load average {loads[0]:.1f} before and {loads[1]:.1f} after; gunicorn {WORKERS} sync workers, "
        f"DEBUG=false; wrk -t2 -c{run['connections']} -d{run['seconds']}s per page.\n"
    )
    print(report(results, bare, judged=not args.quick, seconds=run["seconds"]))
    if args.quick:
        print("\nTargets are not judged in a --quick run (a hundredth of the data).")
        return 1 if any(result.errors for result in results) else 0
    return 0 if all(meets_target(result) for result in results) else 1


def _run(args, data: DataSet, pages: list[Page], env: dict, folder: Path, run: dict):
    """Build (or reuse) the database, serve it, measure the bare page then each page; drop the database."""
    from django.core.management import call_command
    from django.db import connections
    from lib.benchdb import database_drop, database_note, database_note_set, database_recreate

    database_url = env["DATABASE_URL"]
    # A database is used again only if this builder made it: a change to the builder builds afresh.
    builder = hashlib.sha256(inspect.getsource(build).encode()).hexdigest()[:12]
    wanted = f"scripts/bench_pages.py (builder {builder}): demo data + {data}"
    note = database_note(database_url) if args.reuse else None
    server = None
    try:
        if note is not None and note.startswith(wanted):
            print(f"Using {run['database']} {note.removeprefix(wanted).strip()}", flush=True)
            call_command("migrate", verbosity=0)
            # Who took part when, for the reach report: the data set's rows were written in SQL, not
            # through the services that keep it (a database from before it existed has none).
            call_command("involvement_refresh", stdout=io.StringIO())
        else:
            database_recreate(database_url)
            print(f"Building {run['database']}: the demo data, then {data}…", flush=True)
            started = time.perf_counter()
            call_command("migrate", verbosity=0)
            call_command("load_demo", stdout=io.StringIO())
            build(data)
            call_command("involvement_refresh", stdout=io.StringIO())
            with connections["default"].cursor() as cursor:
                cursor.execute("VACUUM ANALYZE")
            print(f"Built in {time.perf_counter() - started:.0f} s", flush=True)
            database_note_set(database_url, f"{wanted} (built {datetime.now(UTC):%Y-%m-%d %H:%M} UTC)")
        call_command("collectstatic", interactive=False, verbosity=0)
        cookies = session_cookies(bench_users())
        print(f"Data: {counts()}", flush=True)

        server = Gunicorn(env, folder / "gunicorn.log")
        server.start(BARE.path())
        load_before = os.getloadavg()[0]
        bare = measure(server, BARE, cookies[ANYONE], **run)
        bare.baseline = bare.rate
        print(f"  {BARE.label}: {bare.rate:,.1f} requests/s", flush=True)
        results = []

        def drive_bare() -> float:
            return drive(server, bare.path, request_headers(""), max(2, run["seconds"] // 2), run["connections"])[0]

        # The machine's load changes over a run: each page is compared with the bare page driven just before
        # and just after it (their mean), so that load that came or went while it was driven counts on both sides.
        before = drive_bare()
        for page in pages:
            result = measure(server, page, cookies[page.who], **run)
            after = drive_bare()
            result.baseline = (before + after) / 2
            before = after
            results.append(result)
            share = f"{result.share:.1%}" if result.rate is not None else "—"
            print(f"  {page.label}: {result.rate or 0:,.1f} requests/s, {share} of the bare page", flush=True)
        return bare, results, (load_before, os.getloadavg()[0])
    finally:
        if server is not None:
            server.stop()
        connections.close_all()
        if not (args.keep or args.reuse):
            database_drop(database_url)


if __name__ == "__main__":
    sys.exit(main())
