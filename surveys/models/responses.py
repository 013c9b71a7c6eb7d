"""Who was asked (invitations) and what they said (responses and their answers).

A response keeps the resident's answers in progress as JSON while they go through the
pages. Only when they submit are one row per answer written to `Answer`, so every count
on the results page is a single GROUP BY over submitted answers, never a loop in Python.
The same submission is kept whole on the response too, for exports (one row per response).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from engagement.models import Channel, Estate, Resident, Tenancy, TenureType
from surveys.models.surveys import Choice, Question, Survey


class ResponseChannel(models.TextChoices):
    EMAIL = Channel.EMAIL.value, _("Email invitation")
    TEXT = Channel.TEXT.value, _("Text message invitation")
    POST = Channel.POST.value, _("Letter")
    PUBLIC_LINK = "public_link", _("Public link")
    PAPER = "paper", _("Paper form, entered by an officer")
    PHONE = "phone", _("Phone, entered by an officer")
    DOOR = "door", _("On the doorstep, entered by an officer")


# Answers an officer takes down for a resident and enters.
OFFICER_ENTERED_CHANNELS = (ResponseChannel.PAPER, ResponseChannel.PHONE, ResponseChannel.DOOR)


class Response(models.Model):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    # The secret in the resident's link: for an invitation it is the invitation's own token.
    token = models.CharField(max_length=64, unique=True)
    # Named surveys only: anonymous responses never point at a person.
    resident = models.ForeignKey(
        Resident, null=True, blank=True, on_delete=models.SET_NULL, related_name="survey_responses"
    )
    # Anonymous surveys on the public link: a one-way key from the signed-in resident, so they keep
    # one response without the response naming them.
    respondent_key = models.CharField(max_length=64, blank=True)
    tenancy = models.ForeignKey(Tenancy, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    # Surveys that check tenancies: a one-way key for the home (keyed with SECRET_KEY, per survey),
    # so each home has one answer counted without the response pointing at the tenancy.
    household_key = models.CharField(max_length=64, blank=True)
    # Kept for breakdowns (as they were when the resident answered).
    estate = models.ForeignKey(Estate, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    tenure_type = models.CharField(max_length=40, choices=TenureType.choices, blank=True)
    # Set when someone on the public link proved they are a resident (the tenancy is kept only if named).
    tenancy_confirmed_at = models.DateTimeField(null=True, blank=True)
    channel = models.CharField(max_length=20, choices=ResponseChannel.choices)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The officer who entered a paper or phone response.",
    )
    # {question id: answer}: the working copy while answering or changing answers.
    answers = models.JSONField(default=dict, blank=True)
    has_unsubmitted_changes = models.BooleanField(default=False)
    # What was last sent, whole, in the same shape: exports read it instead of millions of answer rows.
    submitted_answers = models.JSONField(default=dict, blank=True)
    started_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    first_submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                "survey", "resident", condition=Q(resident__isnull=False), name="one_response_per_resident"
            ),
            models.UniqueConstraint(
                "survey", "respondent_key", condition=~Q(respondent_key=""), name="one_anonymous_response_per_resident"
            ),
            # Several people in a home may start; only one answer from the home is ever sent.
            models.UniqueConstraint(
                "survey",
                "household_key",
                condition=~Q(household_key="") & Q(submitted_at__isnull=False),
                name="one_answer_per_home",
            ),
        ]
        indexes = [
            models.Index(fields=["survey", "submitted_at"]),
            # Who answered, by channel, estate and tenure: read from the index alone.
            models.Index(
                fields=["survey", "channel", "estate", "tenure_type"],
                condition=Q(submitted_at__isnull=False),
                name="response_breakdowns",
            ),
        ]

    def __str__(self):
        return f"Response to {self.survey}"

    @property
    def is_submitted(self) -> bool:
        return self.submitted_at is not None

    @property
    def is_officer_entered(self) -> bool:
        return self.entered_by_id is not None

    @property
    def was_replaced(self) -> bool:
        """Sent once, then withdrawn because a later answer from the same home was sent."""
        return self.first_submitted_at is not None and self.submitted_at is None


class Answer(models.Model):
    """One submitted answer: a chosen choice, a ranked choice, or a piece of text.

    `position` is the place given in a ranking; for multiple choice it numbers the ticked
    choices 1, 2, 3… so "how many people answered this question" is the count of rows
    with position 1 or none, from the same GROUP BY as the choice counts.
    """

    # Indexed by the composite indexes below, which start with these columns. Deleting a whole
    # survey deletes its answers; admin refuses to delete a single question or choice with answers.
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answer_rows", db_index=False)
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers", db_index=False)
    choice = models.ForeignKey(Choice, null=True, blank=True, on_delete=models.CASCADE, related_name="answers")
    position = models.PositiveSmallIntegerField(null=True, blank=True)
    text = models.TextField(blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["question", "choice", "position"], name="answer_counts"),
            models.Index(fields=["response", "question"], name="answer_by_response"),
            # Written answers, newest first: a small index, as most answers are not text.
            models.Index(fields=["question", "-id"], condition=~Q(text=""), name="answer_texts"),
        ]

    def __str__(self):
        return f"Answer to {self.question_id}"


class Invitation(models.Model):
    """A resident asked to answer a survey, with their own link (a letter also gets a short code, from messaging)."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="invitations")
    resident = models.ForeignKey(Resident, on_delete=models.CASCADE, related_name="survey_invitations")
    token = models.CharField(max_length=64, unique=True)
    channel = models.CharField(max_length=10, choices=Channel.choices)
    estate = models.ForeignKey(Estate, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    tenure_type = models.CharField(max_length=40, choices=TenureType.choices, blank=True)
    invited_at = models.DateTimeField(auto_now_add=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reminded_at = models.DateTimeField(null=True, blank=True)
    response = models.OneToOneField(
        Response, null=True, blank=True, on_delete=models.SET_NULL, related_name="invitation"
    )
    # Whether the resident counts as invited: only once this has really been sent.
    message = models.OneToOneField(
        "messaging.Message", null=True, blank=True, on_delete=models.SET_NULL, related_name="survey_invitation"
    )

    class Meta:
        ordering = ["-invited_at"]
        constraints = [models.UniqueConstraint("survey", "resident", name="one_survey_invitation_per_resident")]

    def __str__(self):
        return f"{self.survey} for {self.resident}"
