"""The form for one page of a survey, built from its questions and drawn by crispy-forms-gds like every form."""

from crispy_forms_gds.choices import Choice
from crispy_forms_gds.layout import HTML, Field, Fieldset, Fluid, Size
from django import forms
from django.utils.html import conditional_escape, format_html
from django.utils.translation import gettext_lazy as _

from engagement.forms.govuk import PlainTextMixin, form_helper
from surveys.models import Question
from surveys.services.answering import Page

Kind = Question.Kind
OTHER_MAX_LENGTH = 200


class PageForm(PlainTextMixin, forms.Form):
    """The questions on one page. Field names: q<id>, q<id>_other, and q<id>_c<choice id> for ranking."""

    def __init__(self, *args, page: Page, answers: dict, caption: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.page = page
        self.single = page.is_single_question
        self.caption = caption
        layout = []
        for question in page.questions:
            self._add_fields(question, answers.get(str(question.pk)) or {})
            layout += self._layout(question)
        self.helper = form_helper(*layout)

    # crispy-forms-gds writes labels, legends and hints unescaped: officers wrote these words.
    def _heading(self, question: Question) -> str:
        text = f"{question.text}{'' if question.required else ' (optional)'}"
        if self.single and self.caption:
            return format_html('<span class="govuk-caption-l">{}</span>{}', self.caption, text)
        return conditional_escape(text)

    def _layout(self, question: Question) -> list:
        """How the question is drawn: on a page of its own, its words are the page's heading."""
        name = f"q{question.pk}"
        size, tag = (Size.LARGE, "h1") if self.single else (Size.MEDIUM, None)
        hint = conditional_escape(question.hint)
        if question.kind == Kind.RANKING:
            choices = list(question.choices.all())
            lead = (
                f"Give each a number: 1 for the one that matters most to you, {len(choices)} for the one that "
                "matters least. Use each number once."
            )
            return [
                Fieldset(
                    HTML(
                        format_html(
                            '<div class="govuk-hint">{}{}</div>', f"{question.hint} " if question.hint else "", lead
                        )
                    ),
                    *[Field.select(f"{name}_c{choice.pk}") for choice in choices],
                    legend=self._heading(question),
                    legend_size=size,
                    legend_tag=tag,
                )
            ]
        field = self.fields[name]
        field.label = self._heading(question)
        if question.kind == Kind.TEXT:
            field.help_text = hint
            # crispy-forms-gds 2.0.1 adds the character count's id to this attribute, which must exist.
            field.widget = forms.Textarea(attrs={"aria-describedby": "", "spellcheck": "true"})
            return [Field.textarea(name, label_size=size, label_tag=tag, rows=6, max_characters=question.max_length)]
        if question.kind == Kind.MULTIPLE:
            field.help_text = format_html(
                "{}{}", f"{question.hint} " if question.hint else "", "Select all that apply."
            )
            parts = [Field.checkboxes(name, legend_size=size, legend_tag=tag)]
        else:
            field.help_text = hint
            parts = [Field.radios(name, legend_size=size, legend_tag=tag)]
        if f"{name}_other" in self.fields:
            parts.append(Field.text(f"{name}_other", field_width=Fluid.TWO_THIRDS))
        return parts

    def _message(self, question: Question, single: str) -> str:
        return single if self.single else f"Question {question.number}: {single[0].lower()}{single[1:]}"

    def _add_fields(self, question: Question, value: dict) -> None:
        name = f"q{question.pk}"
        choices = list(question.choices.all())
        if question.kind in Question.ONE_CHOICE:
            self.fields[name] = forms.TypedChoiceField(
                choices=_choices(choices),
                coerce=int,
                required=question.required,
                initial=value.get("choice"),
                widget=forms.RadioSelect,
                error_messages={
                    "required": self._message(question, "Select an answer"),
                    "invalid_choice": self._message(question, "Select one of the answers"),
                },
            )
        elif question.kind == Kind.MULTIPLE:
            self.fields[name] = forms.TypedMultipleChoiceField(
                choices=_choices(choices),
                coerce=int,
                required=question.required,
                initial=value.get("choices", []),
                widget=forms.CheckboxSelectMultiple,
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
                    label=conditional_escape(choice.label),
                    help_text=conditional_escape(choice.hint),
                    choices=[("", "Choose a number")] + [(place, str(place)) for place in range(1, len(choices) + 1)],
                    coerce=int,
                    required=False,
                    empty_value=None,
                    initial=ranking.index(choice.pk) + 1 if choice.pk in ranking else None,
                )
        if question.allow_other and any(choice.is_other for choice in choices):
            self.fields[f"{name}_other"] = forms.CharField(
                label=_("If other, please say"),
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


def _choices(choices) -> list[Choice]:
    return [Choice(choice.pk, choice.label, hint=choice.hint) for choice in choices]
