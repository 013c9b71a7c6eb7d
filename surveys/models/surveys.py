"""Surveys as officers build them: sections of questions, in order, with simple skip logic."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Survey(models.Model):
    class Kind(models.TextChoices):
        CONSULTATION = "consultation", _("Survey")
        TENANT_SATISFACTION = "tenant_satisfaction", _("Tenant Satisfaction Measures (the regulator's yearly survey)")

    class Access(models.TextChoices):
        INVITATION = "invitation", _("Only residents we invite, each with a personal link")
        OPEN = "open", _("Residents we invite, and anyone with the public link")

    class Layout(models.TextChoices):
        QUESTION = "question", _("One question per page (best on phones)")
        SECTION = "section", _("One section per page")

    class State(models.TextChoices):
        NOT_OPEN = "not_open", _("Not open yet")
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    title = models.CharField(max_length=200)
    slug = models.SlugField(
        max_length=80, unique=True, help_text="The end of the public link, for example repairs-2026."
    )
    kind = models.CharField(max_length=30, choices=Kind.choices, default=Kind.CONSULTATION)
    introduction = models.TextField(help_text="What the survey is about and how long it takes. Plain text.")
    privacy_notice = models.TextField(
        help_text="Who will see the answers, what they are used for and how long they are kept. Plain text."
    )
    opens_at = models.DateTimeField()
    closes_at = models.DateTimeField()
    is_anonymous = models.BooleanField(
        "anonymous",
        default=False,
        help_text="Nobody, staff included, can see who gave which answers. It cannot be changed once anyone has answered.",
    )
    access = models.CharField(max_length=20, choices=Access.choices, default=Access.INVITATION)
    ask_tenancy = models.BooleanField(
        "ask for tenancy reference and postcode",
        default=False,
        help_text="On the public link, people prove they live in one of our homes with their tenancy reference "
        "and postcode, and we count one answer from each home (a second answer from the same home replaces "
        "the first). Without it, people must sign in to answer on the public link, and we count one answer "
        "from each resident. Anonymous surveys stay anonymous either way.",
    )
    layout = models.CharField(max_length=20, choices=Layout.choices, default=Layout.QUESTION)
    audience = models.JSONField(default=dict, blank=True, help_text="Who the invitations go to.")
    reminder_days_before_close = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        default=3,
        help_text="Remind residents who have not answered this many days before it closes (once). Empty: no reminder.",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-opens_at"]
        permissions = [
            ("view_survey_results", "Can see survey results and export them"),
            ("send_survey_invitations", "Can send survey invitations and reminders"),
            ("enter_survey_response", "Can enter a paper or phone response for a resident"),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": "The survey must close after it opens."})

    def state(self, now=None) -> str:
        now = now or timezone.now()
        if now < self.opens_at:
            return self.State.NOT_OPEN
        if now >= self.closes_at:
            return self.State.CLOSED
        return self.State.OPEN

    @property
    def is_open(self) -> bool:
        return self.state() == self.State.OPEN

    @property
    def is_public(self) -> bool:
        return self.access == self.Access.OPEN

    @property
    def reminder_due_at(self):
        if self.reminder_days_before_close is None:
            return None
        return self.closes_at - timezone.timedelta(days=self.reminder_days_before_close)


class Section(models.Model):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="sections")
    position = models.PositiveSmallIntegerField(default=1)
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self):
        return f"Section {self.position}: {self.title}"


class Question(models.Model):
    class Kind(models.TextChoices):
        SINGLE = "single", _("Single choice")
        MULTIPLE = "multiple", _("Multiple choice")
        TEXT = "text", _("Free text")
        RATING = "rating", _("Rating scale")
        YES_NO = "yes_no", _("Yes or no")
        RANKING = "ranking", _("Ranking")

    # Kinds answered by picking exactly one choice: the only ones that can skip to a section.
    ONE_CHOICE = (Kind.SINGLE, Kind.RATING, Kind.YES_NO)
    # Kinds whose choices officers write themselves (the others make their own).
    OFFICER_CHOICES = (Kind.SINGLE, Kind.MULTIPLE, Kind.RANKING)

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField(default=1)
    text = models.CharField("question", max_length=300)
    hint = models.CharField(max_length=300, blank=True)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.SINGLE)
    required = models.BooleanField(default=True)
    allow_other = models.BooleanField(
        "offer “other, please say”", default=False, help_text="Single and multiple choice only."
    )
    max_length = models.PositiveSmallIntegerField(
        "longest answer (characters)", default=500, help_text="Free text only. At most 5000."
    )
    scale_min = models.PositiveSmallIntegerField(default=1, help_text="Rating scale only.")
    scale_max = models.PositiveSmallIntegerField(default=5, help_text="Rating scale only.")
    scale_min_label = models.CharField(max_length=60, blank=True, default="Very poor")
    scale_max_label = models.CharField(max_length=60, blank=True, default="Very good")

    class Meta:
        ordering = ["section__position", "section_id", "position", "id"]

    def __str__(self):
        return self.text

    def clean(self):
        errors = {}
        if self.section_id and self.survey_id and self.section.survey_id != self.survey_id:
            errors["section"] = "Choose a section of this survey."
        if self.kind == self.Kind.TEXT and not 1 <= self.max_length <= 5000:
            errors["max_length"] = "Choose a limit between 1 and 5000 characters."
        if self.kind == self.Kind.RATING and not (0 <= self.scale_min < self.scale_max <= 10):
            errors["scale_max"] = "The scale must go up, from 0 or more to 10 or less."
        if self.allow_other and self.kind not in (self.Kind.SINGLE, self.Kind.MULTIPLE):
            errors["allow_other"] = "Only single and multiple choice questions can offer “other”."
        if errors:
            raise ValidationError(errors)


class Choice(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="choices")
    position = models.PositiveSmallIntegerField(default=1)
    label = models.CharField(max_length=200)
    hint = models.CharField(max_length=300, blank=True)
    value = models.SmallIntegerField(null=True, blank=True, help_text="The number, on a rating scale.")
    is_other = models.BooleanField(default=False)
    skip_to = models.ForeignKey(
        Section,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Anyone choosing this goes straight to this section. Empty: carry on to the next question.",
    )

    class Meta:
        ordering = ["position", "id"]

    def __str__(self):
        return self.label

    def clean(self):
        if self.skip_to_id is None:
            return
        question = self.question
        if question.kind not in Question.ONE_CHOICE:
            raise ValidationError({"skip_to": "Only questions with one answer can skip to a section."})
        if self.skip_to.survey_id != question.survey_id:
            raise ValidationError({"skip_to": "Choose a section of this survey."})
        if (self.skip_to.position, self.skip_to_id) <= (question.section.position, question.section_id):
            raise ValidationError({"skip_to": "A question can only skip forward, to a later section."})
