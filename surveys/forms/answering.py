"""The form for one page of a survey, built from its questions, and what the templates need to draw it."""

from dataclasses import dataclass, field

from django import forms

from engagement.forms.govuk import PlainTextMixin
from surveys.models import Question
from surveys.services.answering import Page

Kind = Question.Kind
OTHER_MAX_LENGTH = 200


@dataclass
class Item:
    value: int
    label: str
    hint: str
    id: str
    checked: bool
    is_other: bool = False


@dataclass
class RankRow:
    label: str
    hint: str
    name: str
    id: str
    selected: int | None
    error: str = ""


@dataclass
class Block:
    """One question as the template draws it."""

    question: Question
    name: str
    id: str
    as_heading: bool
    error: str = ""
    items: list[Item] = field(default_factory=list)
    other_name: str = ""
    other_id: str = ""
    other_value: str = ""
    other_error: str = ""
    text_value: str = ""
    rank_rows: list[RankRow] = field(default_factory=list)
    rank_places: list[int] = field(default_factory=list)

    @property
    def template(self) -> str:
        if self.question.kind in Question.ONE_CHOICE:
            return "surveys/answering/_radios.html"
        return {
            Kind.MULTIPLE: "surveys/answering/_checkboxes.html",
            Kind.TEXT: "surveys/answering/_textarea.html",
            Kind.RANKING: "surveys/answering/_ranking.html",
        }[self.question.kind]

    @property
    def has_error(self) -> bool:
        return bool(self.error or self.other_error or any(row.error for row in self.rank_rows))


class PageForm(PlainTextMixin, forms.Form):
    """The questions on one page. Field names: q<id>, q<id>_other, and q<id>_c<choice id> for ranking."""

    def __init__(self, *args, page: Page, answers: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.page = page
        self.single = page.is_single_question
        for question in page.questions:
            self._add_fields(question, answers.get(str(question.pk)) or {})

    def _message(self, question: Question, single: str) -> str:
        return single if self.single else f"Question {question.number}: {single[0].lower()}{single[1:]}"

    def _add_fields(self, question: Question, value: dict) -> None:
        name = f"q{question.pk}"
        choices = list(question.choices.all())
        if question.kind in Question.ONE_CHOICE:
            self.fields[name] = forms.TypedChoiceField(
                choices=[(choice.pk, choice.label) for choice in choices],
                coerce=int,
                required=question.required,
                initial=value.get("choice"),
                error_messages={
                    "required": self._message(question, "Select an answer"),
                    "invalid_choice": self._message(question, "Select one of the answers"),
                },
            )
        elif question.kind == Kind.MULTIPLE:
            self.fields[name] = forms.TypedMultipleChoiceField(
                choices=[(choice.pk, choice.label) for choice in choices],
                coerce=int,
                required=question.required,
                initial=value.get("choices", []),
                error_messages={
                    "required": self._message(question, "Select at least one answer"),
                    "invalid_choice": self._message(question, "Select from the answers given"),
                },
            )
        elif question.kind == Kind.TEXT:
            self.fields[name] = forms.CharField(
                max_length=question.max_length,
                required=question.required,
                initial=value.get("text", ""),
                strip=True,
                error_messages={
                    "required": self._message(question, "Enter your answer"),
                    "max_length": self._message(
                        question, f"Your answer must be {question.max_length} characters or fewer"
                    ),
                },
            )
        else:
            ranking = value.get("ranking", [])
            for choice in choices:
                self.fields[f"{name}_c{choice.pk}"] = forms.TypedChoiceField(
                    choices=[("", "")] + [(place, str(place)) for place in range(1, len(choices) + 1)],
                    coerce=int,
                    required=False,
                    empty_value=None,
                    initial=ranking.index(choice.pk) + 1 if choice.pk in ranking else None,
                )
        if question.allow_other and any(choice.is_other for choice in choices):
            self.fields[f"{name}_other"] = forms.CharField(
                max_length=OTHER_MAX_LENGTH,
                required=False,
                initial=value.get("other", ""),
                error_messages={
                    "max_length": self._message(
                        question, f"What you say must be {OTHER_MAX_LENGTH} characters or fewer"
                    )
                },
            )

    def clean(self):
        cleaned = super().clean()
        for question in self.page.questions:
            name = f"q{question.pk}"
            if question.kind == Kind.RANKING:
                self._clean_ranking(question, cleaned)
            elif question.allow_other and name in cleaned:
                other = next((choice for choice in question.choices.all() if choice.is_other), None)
                picked = cleaned[name] if isinstance(cleaned[name], list) else [cleaned[name]]
                if other is not None and other.pk in picked and not cleaned.get(f"{name}_other"):
                    self.add_error(f"{name}_other", self._message(question, "Say what your other answer is"))
        return cleaned

    def _clean_ranking(self, question: Question, cleaned: dict) -> None:
        name = f"q{question.pk}"
        places = {choice.pk: cleaned.get(f"{name}_c{choice.pk}") for choice in question.choices.all()}
        given = [place for place in places.values() if place is not None]
        if not given:
            if question.required:
                self.add_error(
                    f"{name}_c{next(iter(places))}",
                    self._message(question, "Put the choices in order, giving each a number"),
                )
            return
        if len(given) != len(places):
            missing = next(pk for pk, place in places.items() if place is None)
            self.add_error(f"{name}_c{missing}", self._message(question, "Give every choice a number"))
        elif len(set(given)) != len(given):
            seen = set()
            for pk, place in places.items():
                if place in seen:
                    self.add_error(
                        f"{name}_c{pk}",
                        self._message(question, f"Give each choice a different number: {place} is used more than once"),
                    )
                    break
                seen.add(place)

    def answers(self) -> dict[int, dict]:
        """The page's answers, in the shape Response.answers keeps them."""
        return {question.pk: self._answer(question) for question in self.page.questions}

    def answers_so_far(self) -> dict[int, dict]:
        """For "save and come back later": only the answers given and valid, nothing marked as seen if blank."""
        saved = {}
        for question in self.page.questions:
            names = [n for n in self.fields if n == f"q{question.pk}" or n.startswith(f"q{question.pk}_")]
            if any(n in self.errors for n in names):
                continue
            answer = self._answer(question)
            if any(answer.values()):
                saved[question.pk] = answer
        return saved

    def _answer(self, question: Question) -> dict:
        data = self.cleaned_data
        name = f"q{question.pk}"
        if question.kind == Kind.RANKING:
            places = {choice.pk: data.get(f"{name}_c{choice.pk}") for choice in question.choices.all()}
            if any(place is None for place in places.values()):
                return {}
            return {"ranking": sorted(places, key=lambda pk: places[pk])}
        if question.kind == Kind.TEXT:
            return {"text": data.get(name, "")} if data.get(name) else {}
        other_chosen = False
        if question.kind == Kind.MULTIPLE:
            picked = data.get(name) or []
            answer = {"choices": picked} if picked else {}
            other_chosen = any(choice.is_other and choice.pk in picked for choice in question.choices.all())
        else:
            picked = data.get(name)
            answer = {"choice": picked} if picked not in (None, "") else {}
            other_chosen = any(choice.is_other and choice.pk == picked for choice in question.choices.all())
        if other_chosen and data.get(f"{name}_other"):
            answer["other"] = data[f"{name}_other"]
        return answer

    # --- What the templates draw ---------------------------------------------------------

    def blocks(self) -> list[Block]:
        return [self._block(question) for question in self.page.questions]

    def _error(self, name: str) -> str:
        errors = self.errors.get(name)
        return errors[0] if errors else ""

    def _raw(self, name: str, multiple=False):
        if self.is_bound:
            return self.data.getlist(name) if multiple else self.data.get(name, "")
        initial = self.fields[name].initial
        return initial if initial is not None else ([] if multiple else "")

    def _block(self, question: Question) -> Block:
        name = f"q{question.pk}"
        block = Block(question=question, name=name, id=f"id_{name}", as_heading=self.single)
        choices = list(question.choices.all())
        if question.kind == Kind.RANKING:
            block.rank_places = list(range(1, len(choices) + 1))
            for choice in choices:
                field_name = f"{name}_c{choice.pk}"
                raw = self._raw(field_name)
                block.rank_rows.append(
                    RankRow(
                        label=choice.label,
                        hint=choice.hint,
                        name=field_name,
                        id=f"id_{field_name}",
                        selected=int(raw) if str(raw).isdigit() else None,
                        error=self._error(field_name),
                    )
                )
            block.id = block.rank_rows[0].id if block.rank_rows else block.id
            block.error = next((row.error for row in block.rank_rows if row.error), "")
            return block
        if question.kind == Kind.TEXT:
            block.text_value = self._raw(name)
            block.error = self._error(name)
            return block
        multiple = question.kind == Kind.MULTIPLE
        raw = self._raw(name, multiple=multiple)
        selected = {str(value) for value in raw} if multiple else {str(raw)}
        for index, choice in enumerate(choices):
            block.items.append(
                Item(
                    value=choice.pk,
                    label=choice.label,
                    hint=choice.hint,
                    id=block.id if index == 0 else f"{block.id}-{index + 1}",
                    checked=str(choice.pk) in selected,
                    is_other=choice.is_other,
                )
            )
        block.error = self._error(name)
        if f"{name}_other" in self.fields:
            block.other_name = f"{name}_other"
            block.other_id = f"id_{name}_other"
            block.other_value = self._raw(block.other_name)
            block.other_error = self._error(block.other_name)
        return block

    def error_list(self) -> list[tuple[str, str]]:
        """(anchor, message) for the error summary, in the order of the page."""
        listed = []
        for block in self.blocks():
            if block.error:
                target = next((row.id for row in block.rank_rows if row.error), block.id)
                listed.append((target, block.error))
            if block.other_error:
                listed.append((block.other_id, block.other_error))
        return listed
