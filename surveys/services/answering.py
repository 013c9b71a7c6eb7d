"""Answering a survey: its pages, the path through them that skip logic allows, saving the
answers page by page (so a resident can stop and come back), and submitting them.

Answers in progress live in `Response.answers` as {question id: answer}:
  single choice, yes/no, rating: {"choice": id, "other": "…"}
  multiple choice:               {"choices": [ids], "other": "…"}
  free text:                     {"text": "…"}
  ranking:                       {"ranking": [ids, best first]}
An empty {} means the resident saw the question and left it (it was optional).
"""

import secrets
from dataclasses import dataclass
from functools import cached_property

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.crypto import salted_hmac

from engagement.models import Resident, Tenancy
from engagement.services.involvement import involvement_changed
from surveys.models import Answer, Choice, Invitation, Question, Response, ResponseChannel, Section, Survey
from surveys.models.responses import OFFICER_ENTERED_CHANNELS

Kind = Question.Kind


def new_token() -> str:
    """An unguessable link secret: 128 random bits (22 characters, short enough for a text message)."""
    return secrets.token_urlsafe(16)


@dataclass(frozen=True)
class Page:
    number: int
    section: Section
    questions: tuple[Question, ...]

    @property
    def is_single_question(self) -> bool:
        return len(self.questions) == 1


class SurveyStructure:
    """A survey's sections, questions and choices, loaded once, in three queries."""

    def __init__(self, survey: Survey):
        self.survey = survey
        self.sections = list(survey.sections.all())
        self.questions = list(
            Question.objects.filter(survey=survey)
            .select_related("section")
            .prefetch_related(Prefetch("choices", queryset=Choice.objects.order_by("position", "id")))
        )
        self.question_by_id = {question.pk: question for question in self.questions}
        self.choice_by_id = {choice.pk: choice for question in self.questions for choice in question.choices.all()}
        for number, question in enumerate(self.questions, start=1):
            question.number = number

    @cached_property
    def pages(self) -> list[Page]:
        pages = []
        for section in self.sections:
            questions = [question for question in self.questions if question.section_id == section.pk]
            if not questions:
                continue
            if self.survey.layout == Survey.Layout.SECTION:
                pages.append(Page(len(pages) + 1, section, tuple(questions)))
            else:
                first = len(pages) + 1
                pages.extend([Page(first + i, section, (q,)) for i, q in enumerate(questions)])
        return pages

    @cached_property
    def _first_page_of_section(self) -> dict[int, int]:
        first = {}
        for page in self.pages:
            first.setdefault(page.section.pk, page.number)
        return first

    def page(self, number: int) -> Page | None:
        return self.pages[number - 1] if 1 <= number <= len(self.pages) else None

    def path(self, answers: dict) -> list[Page]:
        """The pages this resident goes through, given their answers so far (skips followed)."""
        path, index = [], 0
        while index < len(self.pages):
            page = self.pages[index]
            path.append(page)
            target = self._skip_target(page, answers)
            next_index = self._first_page_of_section.get(target, 0) - 1 if target else index + 1
            # Skips only go forward; an officer cannot make a loop.
            index = next_index if next_index > index else index + 1
        return path

    def _skip_target(self, page: Page, answers: dict) -> int | None:
        for question in page.questions:
            if question.kind not in Question.ONE_CHOICE:
                continue
            choice = self.choice_by_id.get((answers.get(str(question.pk)) or {}).get("choice"))
            if choice is not None and choice.skip_to_id:
                return choice.skip_to_id
        return None

    def next_page(self, answers: dict, after: Page) -> Page | None:
        path = self.path(answers)
        numbers = [page.number for page in path]
        later = [page for page in path if page.number > after.number] if after.number in numbers else []
        return later[0] if later else None

    def previous_page(self, answers: dict, before: Page) -> Page | None:
        earlier = [page for page in self.path(answers) if page.number < before.number]
        return earlier[-1] if earlier else None

    def first_unanswered(self, answers: dict) -> Page | None:
        """Where to resume: the first page on the path with a question not yet seen, or None if all are."""
        for page in self.path(answers):
            if any(not answer_seen(answers, question) for question in page.questions):
                return page
        return None

    def first_incomplete(self, answers: dict) -> Page | None:
        """The first page on the path with a required question unanswered (or an answer no longer valid)."""
        for page in self.path(answers):
            for question in page.questions:
                if not self.answer_valid(question, answers.get(str(question.pk))):
                    return page
        return None

    def answer_valid(self, question: Question, value: dict | None) -> bool:
        value = value or {}
        if not answer_given(question, value):
            return not question.required
        choices = {choice.pk for choice in question.choices.all()}
        if question.kind in Question.ONE_CHOICE:
            return value["choice"] in choices
        if question.kind == Kind.MULTIPLE:
            return set(value["choices"]) <= choices
        if question.kind == Kind.RANKING:
            return sorted(value["ranking"]) == sorted(choices)
        return len(value["text"]) <= question.max_length

    def answered_questions(self, answers: dict) -> list[tuple[Question, dict]]:
        return [
            (question, answers.get(str(question.pk)) or {})
            for page in self.path(answers)
            for question in page.questions
        ]


def answer_seen(answers: dict, question: Question) -> bool:
    return str(question.pk) in answers


def answer_given(question: Question, value: dict) -> bool:
    if question.kind in Question.ONE_CHOICE:
        return bool(value.get("choice"))
    if question.kind == Kind.MULTIPLE:
        return bool(value.get("choices"))
    if question.kind == Kind.RANKING:
        return bool(value.get("ranking"))
    return bool(value.get("text"))


def answer_display(question: Question, value: dict, choice_by_id: dict[int, Choice]) -> list[str]:
    """The answer in words, one line per item, for check your answers and exports."""

    def label(choice_id):
        choice = choice_by_id.get(choice_id)
        if choice is None:
            return "(a choice that has since been removed)"
        if choice.is_other and value.get("other"):
            return f"{choice.label}: {value['other']}"
        return choice.label

    if not answer_given(question, value):
        return []
    if question.kind in Question.ONE_CHOICE:
        return [label(value["choice"])]
    if question.kind == Kind.MULTIPLE:
        return [label(choice_id) for choice_id in value["choices"]]
    if question.kind == Kind.RANKING:
        return [f"{place}. {label(choice_id)}" for place, choice_id in enumerate(value["ranking"], start=1)]
    return [value["text"]]


# --- Access --------------------------------------------------------------------------


def response_for_token(token: str) -> Response | None:
    """The response a link's token names. An invitation's first use starts its response."""
    response = Response.objects.select_related("survey", "entered_by").filter(token=token).first()
    if response is not None:
        return response
    invitation = Invitation.objects.select_related("survey", "resident").filter(token=token).first()
    if invitation is None:
        return None
    return _response_for_invitation(invitation)


def _response_for_invitation(invitation: Invitation) -> Response:
    with transaction.atomic():
        invitation = Invitation.objects.select_for_update().select_related("survey", "resident").get(pk=invitation.pk)
        if invitation.response_id:
            return Response.objects.select_related("survey", "entered_by").get(pk=invitation.response_id)
        survey = invitation.survey
        existing = None
        if not survey.is_anonymous:
            # They may have started on the public link while signed in: keep one response.
            existing = Response.objects.filter(survey=survey, resident=invitation.resident).first()
        response = existing or Response.objects.create(
            survey=survey,
            token=invitation.token,
            resident=None if survey.is_anonymous else invitation.resident,
            estate_id=invitation.estate_id,
            tenure_type=invitation.tenure_type,
            channel=invitation.channel,
            **_household(survey, invitation.resident),
        )
        invitation.response = response
        invitation.save(update_fields=["response"])
        return response


def _where_they_live(resident: Resident | None) -> dict:
    tenancy = resident.tenancy if resident is not None and resident.tenancy_id else None
    if tenancy is None:
        return {}
    return {"estate_id": tenancy.home.block.estate_id, "tenure_type": tenancy.tenure_type}


def respondent_key(survey: Survey, resident: Resident) -> str:
    """A one-way key for this resident on this survey: it finds their anonymous response but does not name them."""
    return salted_hmac("surveys.respondent", f"{survey.pk}:{resident.pk}", algorithm="sha256").hexdigest()


def household_key(survey: Survey, tenancy: Tenancy) -> str:
    """A one-way key for a home on this survey: it finds the home's answer but does not name the home.

    An HMAC keyed with SECRET_KEY, so it cannot be worked out from a list of tenancy references,
    and scoped to the survey, so a home cannot be followed from one survey to the next.
    """
    return salted_hmac("surveys.household", f"{survey.pk}:{tenancy.reference.upper()}", algorithm="sha256").hexdigest()


def _household(survey: Survey, resident: Resident | None) -> dict:
    """The home's key, on a survey that counts one answer per home, for a resident whose tenancy is proved."""
    if not survey.ask_tenancy or resident is None or not resident.has_verified_tenancy:
        return {}
    return {"household_key": household_key(survey, resident.tenancy)}


def response_start(*, survey: Survey, resident: Resident | None = None) -> Response:
    """Start (or pick up) an answer from the public link; a signed-in resident keeps one response.

    Someone not signed in may answer only a survey that checks tenancies (one answer per home):
    anywhere else nothing would stop one person answering over and over.
    """
    if survey.access != Survey.Access.OPEN:
        raise PermissionDenied("This survey is by invitation only.")
    if resident is None and not survey.ask_tenancy:
        raise PermissionDenied("Sign in to answer this survey.")
    mine = {}
    if resident is not None:
        invitation = Invitation.objects.filter(survey=survey, resident=resident).first()
        if invitation is not None:
            return _response_for_invitation(invitation)
        mine = {"respondent_key": respondent_key(survey, resident)} if survey.is_anonymous else {"resident": resident}
        existing = Response.objects.filter(survey=survey, **mine).first()
        if existing is not None:
            return existing
    try:
        with transaction.atomic():
            return Response.objects.create(
                survey=survey,
                token=new_token(),
                channel=ResponseChannel.PUBLIC_LINK,
                tenancy_confirmed_at=timezone.now() if resident and resident.has_verified_tenancy else None,
                **mine,
                **_where_they_live(resident),
                **_household(survey, resident),
            )
    except IntegrityError:
        # The same resident started twice at once (a double click): use the one that won.
        return Response.objects.get(survey=survey, **mine)


def response_enter_for_resident(*, survey: Survey, resident: Resident, channel: str, officer) -> Response:
    """An officer enters a paper, phone or doorstep response on a resident's behalf (recorded as such)."""
    if channel not in OFFICER_ENTERED_CHANNELS:
        raise ValueError(f"Officers enter paper, phone or doorstep responses, not {channel!r}")
    mine = {"respondent_key": respondent_key(survey, resident)} if survey.is_anonymous else {"resident": resident}
    invitation = Invitation.objects.filter(survey=survey, resident=resident).first()
    if invitation is not None:
        response = _response_for_invitation(invitation)
    else:
        response = Response.objects.filter(survey=survey, **mine).first()
    if response is not None and response.is_submitted and not response.is_officer_entered:
        raise ValidationError(
            f"{resident.full_name} has already answered online. Only they can change their answers, with their link."
        )
    if response is None:
        # A household's paper answer counts as its one answer, as an online one would.
        response = Response(
            survey=survey, token=new_token(), **mine, **_where_they_live(resident), **_household(survey, resident)
        )
    response.channel = channel
    response.entered_by = officer
    response.save()
    return response


def response_can_change(response: Response) -> bool:
    """Residents answer while the survey is open; officers may still type in paper forms that came late."""
    return response.survey.is_open or response.is_officer_entered


# --- Saving and submitting -----------------------------------------------------------


def response_save_page(*, response: Response, answers: dict[int, dict]) -> None:
    """Keep the answers from one page (so the resident can come back to them)."""
    if not response_can_change(response):
        raise PermissionDenied("This survey is closed.")
    response.answers = {**response.answers, **{str(question_id): value for question_id, value in answers.items()}}
    response.has_unsubmitted_changes = response.is_submitted
    response.save(update_fields=["answers", "has_unsubmitted_changes", "updated_at"])


def response_confirm_tenancy(*, response: Response, tenancy) -> None:
    response.tenancy_confirmed_at = timezone.now()
    response.estate_id = tenancy.home.block.estate_id
    response.tenure_type = tenancy.tenure_type
    response.household_key = household_key(response.survey, tenancy)
    if not response.survey.is_anonymous:
        response.tenancy = tenancy
    response.save(
        update_fields=["tenancy_confirmed_at", "estate", "tenure_type", "household_key", "tenancy", "updated_at"]
    )


def response_home_has_answered(response: Response) -> bool:
    """Whether someone else from this response's home has sent an answer (that sending this one would replace)."""
    return (
        bool(response.household_key)
        and Response.objects.filter(
            survey_id=response.survey_id, household_key=response.household_key, submitted_at__isnull=False
        )
        .exclude(pk=response.pk)
        .exists()
    )


def _withdraw_other_answers_from_home(response: Response) -> None:
    """One answer counts per home: the home's earlier answer stops counting when this one is sent.

    It is withdrawn, not deleted: its link still works, says so, and can send it again.
    """
    earlier = list(
        Response.objects.select_for_update()
        .filter(survey_id=response.survey_id, household_key=response.household_key, submitted_at__isnull=False)
        .exclude(pk=response.pk)
    )
    Answer.objects.filter(response__in=earlier).delete()
    for other in earlier:
        other.submitted_at = None
        other.submitted_answers = {}
        other.has_unsubmitted_changes = False
        other.save(update_fields=["submitted_at", "submitted_answers", "has_unsubmitted_changes", "updated_at"])
    involvement_changed(other.resident_id for other in earlier)


class IncompleteResponse(Exception):
    def __init__(self, page: Page):
        super().__init__(f"Page {page.number} needs an answer")
        self.page = page


def response_submit(*, response: Response, structure: SurveyStructure | None = None) -> Response:
    """Record the answers for the results: replaces any earlier submission of this response.

    Answers to questions the resident skipped past are dropped. Raises IncompleteResponse
    (naming the page) if a required question on their path is unanswered.
    """
    structure = structure or SurveyStructure(response.survey)
    # People from one home sending at the same moment: the database lets one answer through, and
    # each other one, tried again, finds it and replaces it.
    for attempt in range(1, 4):
        try:
            return _submit(response, structure)
        except IntegrityError:
            if attempt == 3:
                raise


def _submit(response: Response, structure: SurveyStructure) -> Response:
    with transaction.atomic():
        response = (
            Response.objects.select_for_update(of=("self",)).select_related("survey", "entered_by").get(pk=response.pk)
        )
        if not response_can_change(response):
            raise PermissionDenied("This survey is closed.")
        incomplete = structure.first_incomplete(response.answers)
        if incomplete is not None:
            raise IncompleteResponse(incomplete)
        if response.household_key:
            _withdraw_other_answers_from_home(response)
        on_path = structure.answered_questions(response.answers)
        response.answers = {str(question.pk): value for question, value in on_path}
        response.submitted_answers = response.answers
        Answer.objects.filter(response=response).delete()
        Answer.objects.bulk_create(answer_rows(response, on_path, structure.choice_by_id))
        now = timezone.now()
        response.submitted_at = now
        response.first_submitted_at = response.first_submitted_at or now
        response.has_unsubmitted_changes = False
        response.save(
            update_fields=[
                "answers",
                "submitted_answers",
                "submitted_at",
                "first_submitted_at",
                "has_unsubmitted_changes",
                "updated_at",
            ]
        )
        involvement_changed([response.resident_id])
    return response


def answer_rows(response: Response, answered: list[tuple[Question, dict]], choice_by_id: dict) -> list[Answer]:
    rows = []
    for question, value in answered:
        if not answer_given(question, value):
            continue

        def row(choice_id=None, position=None, text="", question=question, value=value):
            choice = choice_by_id.get(choice_id)
            if choice is not None and choice.is_other:
                text = value.get("other", "")
            return Answer(response=response, question=question, choice_id=choice_id, position=position, text=text)

        if question.kind in Question.ONE_CHOICE:
            rows.append(row(value["choice"]))
        elif question.kind == Kind.MULTIPLE:
            ordered = sorted(value["choices"], key=lambda pk: choice_by_id[pk].position)
            rows.extend(row(choice_id, place) for place, choice_id in enumerate(ordered, start=1))
        elif question.kind == Kind.RANKING:
            rows.extend(row(choice_id, place) for place, choice_id in enumerate(value["ranking"], start=1))
        else:
            rows.append(row(text=value["text"]))
    return rows
