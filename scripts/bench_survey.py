#!/usr/bin/env python
"""Benchmark: survey results and CSV export with 100,000 responses on PostgreSQL.

Creates its own database (rv_bench_survey by default), builds a 20-question survey of every
kind, loads the responses and their answers with COPY, then times, in the same run:

  - the staff results page (the whole request: queries and template),
  - the CSV export (every row streamed),
  - the baseline: the same counts from one plain SQL GROUP BY.

Target: the results page under 1 s and within 3x of the plain GROUP BY. The database is
dropped at the end unless --keep is given.

    .venv/bin/python scripts/bench_survey.py [--responses 100000] [--runs 5] [--keep]
"""

import argparse
import json
import os
import random
import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from lib.benchdb import database_drop, database_recreate

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SERVER = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
TEXTS = [
    "The lift is often broken.",
    "Please fix the lighting on the stairs.",
    "Repairs take too long.",
    "The caretaker is excellent.",
    "More bins, please.",
    "The door entry system keeps failing.",
    "Damp in the bathroom again.",
    "Good service this year.",
    "Nobody came to my appointment.",
    "The green space needs more benches.",
]


def build_survey():
    from engagement.models import Estate, Ward
    from surveys.models import Question, Section, Survey
    from surveys.services.building import question_choices_sync

    Kind = Question.Kind
    now = datetime.now(UTC)
    survey = Survey.objects.create(
        title="Housing services survey 2026",
        slug="bench",
        introduction="Benchmark.",
        privacy_notice="Benchmark.",
        opens_at=now.replace(year=now.year - 1),
        closes_at=now.replace(year=now.year + 1),
        access=Survey.Access.OPEN,
    )
    kinds = (
        [(Kind.SINGLE, ["Very good", "Good", "Fair", "Poor", "Very poor"])] * 5
        + [(Kind.YES_NO, None)] * 4
        + [(Kind.RATING, None)] * 4
        + [(Kind.MULTIPLE, ["Repairs", "Cleaning", "Lighting", "Security", "Bins", "Parking"])] * 3
        + [(Kind.RANKING, ["Lifts", "Lighting", "Bins", "Green spaces", "Security"])] * 2
        + [(Kind.TEXT, None)] * 2
    )
    sections = [Section.objects.create(survey=survey, position=n, title=f"Section {n}") for n in range(1, 5)]
    questions = []
    for number, (kind, labels) in enumerate(kinds, start=1):
        question = Question.objects.create(
            survey=survey,
            section=sections[(number - 1) // 5],
            position=number,
            kind=kind,
            text=f"Question {number}",
            required=kind != Kind.TEXT,
            allow_other=kind == Kind.SINGLE and number == 1,
        )
        question_choices_sync(question=question, labels=labels)
        questions.append(question)
    ward = Ward.objects.create(name="Bench ward")
    estates = [Estate.objects.create(name=f"Estate {n}", ward=ward) for n in range(12)]
    return survey, questions, estates


def draws(questions, choice_ids: dict[int, list[int]], count: int, seed: int):
    """Each response's answers, drawn the same way every time for the same seed (no queries: it runs inside a COPY)."""
    from surveys.models import Question

    Kind = Question.Kind
    rng = random.Random(seed)
    for _ in range(count):
        rows = []
        for question in questions:
            ids = choice_ids[question.pk]
            if question.kind == Kind.TEXT:
                if rng.random() < 0.4:
                    rows.append((question, None, None, rng.choice(TEXTS)))
            elif question.kind == Kind.MULTIPLE:
                picked = sorted(rng.sample(ids, rng.randint(1, 3)))
                rows.extend((question, choice_id, place, "") for place, choice_id in enumerate(picked, start=1))
            elif question.kind == Kind.RANKING:
                rows.extend(
                    (question, choice_id, place, "")
                    for place, choice_id in enumerate(rng.sample(ids, len(ids)), start=1)
                )
            else:
                # Skewed, like real answers: earlier choices are picked more often.
                rows.append((question, ids[min(int(rng.expovariate(0.7)), len(ids) - 1)], None, ""))
        yield rows


def as_submitted(rows) -> dict:
    from surveys.models import Question

    Kind = Question.Kind
    answers: dict[str, dict] = {}
    for question, choice_id, _, text in rows:
        value = answers.setdefault(str(question.pk), {})
        if question.kind == Kind.TEXT:
            value["text"] = text
        elif question.kind == Kind.RANKING:
            value.setdefault("ranking", []).append(choice_id)
        elif question.kind == Kind.MULTIPLE:
            value.setdefault("choices", []).append(choice_id)
        else:
            value["choice"] = choice_id
    return answers


def load_responses(survey, questions, estates, count: int, seed: int) -> int:
    """COPY the responses (with their submission kept whole), then their answer rows, from the same draws."""
    from django.db import connection

    rng = random.Random(seed + 1)
    tenures = ["council_tenant", "resident_leaseholder", "sheltered_tenant", "private_tenant_of_leaseholder"]
    channels = ["email", "text", "post", "public_link"]
    stamp = datetime.now(UTC)
    # Read before the COPY starts: a query on the same connection during a COPY waits for ever.
    choice_ids = {question.pk: [choice.pk for choice in question.choices.all()] for question in questions}
    raw = connection.connection
    with raw.cursor() as cursor:
        with cursor.copy(
            "COPY surveys_response (survey_id, token, respondent_key, estate_id, tenure_type, channel, answers,"
            " submitted_answers, has_unsubmitted_changes, started_at, updated_at, first_submitted_at, submitted_at)"
            " FROM STDIN"
        ) as copy:
            for i, rows in enumerate(draws(questions, choice_ids, count, seed)):
                given = json.dumps(as_submitted(rows))
                copy.write_row(
                    (
                        survey.pk,
                        f"bench-{i:07d}-{rng.getrandbits(64):016x}",
                        "",
                        rng.choice(estates).pk,
                        rng.choice(tenures),
                        rng.choice(channels),
                        given,
                        given,
                        False,
                        stamp,
                        stamp,
                        stamp,
                        stamp,
                    )
                )
        cursor.execute("SELECT id FROM surveys_response WHERE survey_id = %s ORDER BY id", [survey.pk])
        response_ids = [row[0] for row in cursor.fetchall()]

        written = 0
        with cursor.copy(
            "COPY surveys_answer (response_id, question_id, choice_id, position, text) FROM STDIN"
        ) as copy:
            for response_id, rows in zip(response_ids, draws(questions, choice_ids, count, seed), strict=True):
                for question, choice_id, position, text in rows:
                    copy.write_row((response_id, question.pk, choice_id, position, text))
                written += len(rows)
    raw.commit()
    return written


def timed(runs: int, action) -> tuple[float, list[float]]:
    action()  # warm up: caches, connections, the first template compile
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times), times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--responses", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--database", default="rv_bench_survey")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    args = parser.parse_args()

    database_recreate(f"{SERVER}/{args.database}")
    os.environ["DATABASE_URL"] = f"{SERVER}/{args.database}"
    os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "engagement.settings")
    try:
        import django

        django.setup()
        return run(args)
    finally:
        from django.db import connections

        connections.close_all()
        if not args.keep:
            database_drop(f"{SERVER}/{args.database}")


def run(args) -> int:
    from django.core.management import call_command
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import override_settings

    from engagement.models import User

    print(f"PostgreSQL database {args.database}: migrating…", flush=True)
    call_command("migrate", verbosity=0)
    survey, questions, estates = build_survey()
    started = time.perf_counter()
    answers = load_responses(survey, questions, estates, args.responses, seed=2026)
    print(
        f"Loaded {args.responses:,} responses and {answers:,} answer rows in {time.perf_counter() - started:.0f} s",
        flush=True,
    )
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE surveys_answer")
        cursor.execute("VACUUM ANALYZE surveys_response")

    staff = User.objects.create_superuser(email="bench@example.gov.uk", password=None)
    client = Client()
    client.force_login(staff)
    question_ids = [question.pk for question in questions]

    def baseline():
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT question_id, choice_id, position, count(*) FROM surveys_answer"
                " WHERE question_id = ANY(%s) GROUP BY question_id, choice_id, position",
                [question_ids],
            )
            return cursor.fetchall()

    def results_page():
        response = client.get(f"/sounding-board/results/{survey.pk}/")
        assert response.status_code == 200, response.status_code
        return response

    exported_rows = []

    def export_csv():
        response = client.get(f"/sounding-board/results/{survey.pk}/responses.csv")
        exported_rows.append(sum(chunk.count(b"\n") for chunk in response.streaming_content))

    # Hashed static names need collectstatic: plain storage is enough to render the page here.
    plain_static = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    with override_settings(STORAGES=plain_static, DEBUG=True):
        sql, sql_runs = timed(args.runs, baseline)
        page, page_runs = timed(args.runs, results_page)
        reset_queries()
        results_page()
        page_queries = len(connection.queries)
        filtered, _ = timed(
            args.runs, lambda: client.get(f"/sounding-board/results/{survey.pk}/?estate={estates[0].pk}")
        )
        export, export_runs = timed(max(1, args.runs // 2), export_csv)

    ratio = page / sql
    print()
    print(f"Survey: {len(questions)} questions, {args.responses:,} responses, {answers:,} answer rows")
    print(
        f"Plain SQL GROUP BY (baseline): {sql * 1000:7.0f} ms  (median of {args.runs}: {', '.join(f'{t * 1000:.0f}' for t in sql_runs)})"
    )
    print(
        f"Results page:                  {page * 1000:7.0f} ms  = {ratio:.2f}x the GROUP BY, {page_queries} queries"
        f"  (runs: {', '.join(f'{t * 1000:.0f}' for t in page_runs)})"
    )
    print(f"Results page, one estate:      {filtered * 1000:7.0f} ms  = {filtered / sql:.2f}x")
    print(f"CSV export ({exported_rows[-1] - 1:,} rows):   {export * 1000:7.0f} ms  = {export / sql:.1f}x the GROUP BY")
    met = page < 1.0 and ratio <= 3.0
    print(f"Target (results page under 1 s and within 3x of the GROUP BY): {'met' if met else 'NOT met'}")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
