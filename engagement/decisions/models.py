"""“You said, we did”: what residents told us, what the council decided, and where it stands.

A decision links to any number of sources (a survey, walkabout issues, a panel recommendation, an
event, a discussion, contact-us enquiries, doorstep visits, a TRA's request). Each source is one
row with one of a few nullable links, so a page can load every kind in a single query.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from engagement.dates import date_text, month_text
from engagement.models import ContactEnquiry, Estate, Ward


class Topic(models.TextChoices):
    REPAIRS = "repairs", _("Repairs and maintenance")
    DAMP = "damp", _("Damp and mould")
    SAFETY = "safety", _("Building and fire safety")
    ESTATE = "estate", _("Estate environment and cleaning")
    HOUSING_MANAGEMENT = "housing_management", _("Housing management")
    RENTS = "rents", _("Rents and service charges")
    INVOLVEMENT = "involvement", _("Getting involved")
    COMMUNITY = "community", _("Community projects")
    OTHER = "other", _("Other")


class Status(models.TextChoices):
    CONSIDERING = "considering", _("Being considered")
    AGREED = "agreed", _("Agreed")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    NOT_DOING = "not_doing", _("We will not do this")


# GOV.UK tag colours for each status.
STATUS_TAG_CLASSES = {
    Status.CONSIDERING: "govuk-tag--grey",
    Status.AGREED: "govuk-tag--blue",
    Status.IN_PROGRESS: "govuk-tag--yellow",
    Status.DONE: "govuk-tag--green",
    Status.NOT_DOING: "govuk-tag--red",
}

# Still to be done: these can be overdue.
STILL_TO_DO = (Status.CONSIDERING, Status.AGREED, Status.IN_PROGRESS)


class DecisionQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published_at__isnull=False)

    def for_ward(self, ward):
        """Decisions for the ward itself or for one of its estates."""
        return self.filter(Q(wards=ward) | Q(estates__ward=ward)).distinct()

    def overdue(self, today=None):
        return self.filter(status__in=STILL_TO_DO, target_date__lt=today or timezone.localdate())


class Decision(models.Model):
    title = models.CharField(max_length=200)
    you_said = models.TextField("what residents said", help_text="A summary, in a few plain sentences.")
    how_many = models.PositiveIntegerField(
        "how many residents told us", null=True, blank=True, help_text="Leave blank if we do not know."
    )
    we_did = models.TextField("what the council decided", help_text="What we will change, or have changed, and when.")
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.CONSIDERING, db_index=True)
    reason_not_doing = models.TextField(
        "why we will not do this", blank=True, help_text="Residents read this. Needed when we will not do it."
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="decisions_owned",
        limit_choices_to={"is_staff": True},
    )
    target_date = models.DateField(null=True, blank=True)
    topic = models.CharField(max_length=20, choices=Topic.choices, default=Topic.OTHER)
    wards = models.ManyToManyField(Ward, blank=True, related_name="decisions", help_text="None: borough-wide.")
    estates = models.ManyToManyField(Estate, blank=True, related_name="decisions")
    link_url = models.URLField("link", blank=True, help_text="Optional: a page with more detail.")
    link_text = models.CharField(max_length=120, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = DecisionQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-created_at"]
        verbose_name = "decision (you said, we did)"
        verbose_name_plural = "decisions (you said, we did)"
        indexes = [models.Index(fields=["status", "target_date"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("decisions:decision", args=[self.pk])

    def clean(self):
        errors = {}
        if self.status == Status.NOT_DOING and not self.reason_not_doing.strip():
            errors["reason_not_doing"] = "Say why we will not do this"
        if self.link_url and not self.link_text:
            errors["link_text"] = "Enter the words for the link"
        if errors:
            raise ValidationError(errors)

    @property
    def status_tag_class(self) -> str:
        return STATUS_TAG_CLASSES.get(self.status, "")

    @property
    def reference(self) -> str:
        return f"DEC-{self.pk:05d}" if self.pk else "DEC-new"

    def is_overdue(self, today=None) -> bool:
        return bool(
            self.target_date and self.status in STILL_TO_DO and self.target_date < (today or timezone.localdate())
        )


class DecisionStatusChange(models.Model):
    """One line of a decision's dated history; residents see it on the decision's page."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="history")
    status = models.CharField(max_length=12, choices=Status.choices)
    changed_on = models.DateField(default=timezone.localdate)
    note = models.TextField(blank=True, help_text="Residents read this.")
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # The messages that told contributors about this change: who was told, how and when.
    told = models.ManyToManyField(
        "messaging.Message", blank=True, related_name="decision_changes", verbose_name="messages telling contributors"
    )

    class Meta:
        ordering = ["changed_on", "pk"]
        verbose_name = "status change"

    def __str__(self):
        return f"{self.get_status_display()} on {date_text(self.changed_on)}"

    @property
    def status_tag_class(self) -> str:
        return STATUS_TAG_CLASSES.get(self.status, "")


@dataclass(frozen=True)
class SourceKind:
    """One kind of source: everything that differs by kind, so a new kind is added here alone
    (with its link on DecisionSource)."""

    label: str  # the kind, as residents read it
    plural: str  # the heading of its list in admin
    public: Callable  # what the public page says of it: never who said it
    yours: Callable  # what its contributor is reminded they told us
    date: Callable  # when residents told us (the regulator's evidence)
    # Who is behind it: (decision id, today) -> conditions on Resident, one query each ...
    contributors: Callable
    # ... and the other way round: (resident, today) -> the condition on DecisionSource for theirs.
    contribution: Callable
    related: tuple[str, ...] = ()  # rows the words above read, selected with the link
    searchable: bool = True  # admin picks it by searching as the officer types (else from a list)


# The links a source may have (named after their fields), in the order pages list them.
SOURCE_KINDS: dict[str, SourceKind] = {
    "survey": SourceKind(
        "Survey",
        "surveys",
        public=lambda source: source.survey.title,
        yours=lambda source: f"Your answers to “{source.survey.title}”",
        date=lambda source: source.survey.closes_at,
        contributors=lambda decision, today: [
            # Named respondents only: anonymous ones hear through the public page.
            Q(
                survey_responses__survey__decision_sources__decision=decision,
                survey_responses__submitted_at__isnull=False,
                survey_responses__survey__is_anonymous=False,
            ),
            Q(
                survey_invitations__survey__decision_sources__decision=decision,
                survey_invitations__response__submitted_at__isnull=False,
                survey_invitations__survey__is_anonymous=False,
            ),
        ],
        contribution=lambda resident, today: (
            Q(survey__is_anonymous=False)
            & (
                Q(survey__responses__resident=resident, survey__responses__submitted_at__isnull=False)
                | Q(survey__invitations__resident=resident, survey__invitations__response__submitted_at__isnull=False)
            )
        ),
    ),
    "issue": SourceKind(
        "Walkabout issue",
        "walkabout issues",
        public=lambda source: (
            f"{source.issue.reference}, {source.issue.category} ({source.issue.estate or 'borough-wide'})"
        ),
        yours=lambda source: f"The issue you raised: {source.issue.reference}, {source.issue.location}",
        date=lambda source: source.issue.created_at,
        related=("issue__category", "issue__estate"),
        contributors=lambda decision, today: [Q(issues_raised__decision_sources__decision=decision)],
        contribution=lambda resident, today: Q(issue__raised_by=resident),
    ),
    "recommendation": SourceKind(
        "Panel recommendation",
        "panel recommendations",
        public=lambda source: f"{source.recommendation.panel}: recommendation {source.recommendation.number}",
        yours=lambda source: (
            f"Your panel's recommendation {source.recommendation.number} ({source.recommendation.panel})"
        ),
        date=lambda source: source.recommendation.made_on,
        related=("recommendation__panel",),
        searchable=False,
        contributors=lambda decision, today: [
            Q(
                panel_memberships__panel__recommendations__decision_sources__decision=decision,
                panel_memberships__ended_on__isnull=True,
            )
        ],
        contribution=lambda resident, today: Q(
            recommendation__panel__memberships__resident=resident,
            recommendation__panel__memberships__ended_on__isnull=True,
        ),
    ),
    "event": SourceKind(
        "Workshop or event",
        "workshops and events",
        public=lambda source: f"{source.event.title}, {date_text(source.event.starts_at)}",
        yours=lambda source: f"You came to {source.event}",
        date=lambda source: source.event.starts_at,
        contributors=lambda decision, today: [
            Q(bookings__event__decision_sources__decision=decision, bookings__attendance="attended")
        ],
        contribution=lambda resident, today: Q(
            event__bookings__resident=resident, event__bookings__attendance="attended"
        ),
    ),
    "action": SourceKind(
        "Action from a workshop or event",
        "actions from workshops and events",
        public=lambda source: f"{source.action.action} ({source.action.report.event})",
        yours=lambda source: f"You came to {source.action.report.event}, which agreed: {source.action.action}",
        date=lambda source: source.action.report.event.starts_at,
        related=("action__report__event",),
        searchable=False,
        contributors=lambda decision, today: [
            Q(
                bookings__event__closing_report__actions__decision_sources__decision=decision,
                bookings__attendance="attended",
            )
        ],
        contribution=lambda resident, today: Q(
            action__report__event__bookings__resident=resident, action__report__event__bookings__attendance="attended"
        ),
    ),
    "topic": SourceKind(
        "Discussion",
        "discussions",
        public=lambda source: source.topic.title,
        yours=lambda source: f"The discussion “{source.topic.title}”",
        date=lambda source: source.topic.created_at,
        contributors=lambda decision, today: [
            Q(discussion_topics__decision_sources__decision=decision),
            Q(discussion_posts__topic__decision_sources__decision=decision, discussion_posts__status="published"),
        ],
        contribution=lambda resident, today: (
            Q(topic__started_by_resident=resident)
            | Q(topic__posts__resident=resident, topic__posts__status="published")
        ),
    ),
    "enquiry": SourceKind(
        "Contact us enquiry",
        "contact us enquiries",
        public=lambda source: f"A message to community relations, {month_text(source.enquiry.received_at)}",
        yours=lambda source: f"Your message to us on {date_text(source.enquiry.received_at)}",
        date=lambda source: source.enquiry.received_at,
        contributors=lambda decision, today: [Q(enquiries__decision_sources__decision=decision)],
        contribution=lambda resident, today: Q(enquiry__resident=resident),
    ),
    "visit": SourceKind(
        "Door-knocking visit",
        "door-knocking visits",
        public=lambda source: (
            f"A doorstep conversation on {source.visit.estate}, {month_text(source.visit.recorded_at)}"
        ),
        yours=lambda source: f"When we knocked on your door on {date_text(source.visit.recorded_at)}",
        date=lambda source: source.visit.recorded_at,
        related=("visit__estate",),
        searchable=False,
        contributors=lambda decision, today: [Q(visits__decision_sources__decision=decision)],
        contribution=lambda resident, today: Q(visit__resident=resident),
    ),
    "theme": SourceKind(
        "Theme in survey answers",
        "themes in survey answers",
        public=lambda source: f"“{source.theme.name}”, in answers to {source.theme.survey.title}",
        yours=lambda source: f"Your answer to “{source.theme.survey.title}” about {source.theme.name.lower()}",
        date=lambda source: source.theme.survey.closes_at,
        related=("theme__survey",),
        contributors=lambda decision, today: [
            # Named respondents whose written answers an officer tagged with the theme.
            Q(
                survey_responses__answer_rows__themes__decision_sources__decision=decision,
                survey_responses__submitted_at__isnull=False,
                survey_responses__survey__is_anonymous=False,
            ),
            Q(
                survey_invitations__response__answer_rows__themes__decision_sources__decision=decision,
                survey_invitations__response__submitted_at__isnull=False,
                survey_invitations__survey__is_anonymous=False,
            ),
        ],
        contribution=lambda resident, today: (
            Q(theme__survey__is_anonymous=False, theme__answers__response__submitted_at__isnull=False)
            & (
                Q(theme__answers__response__resident=resident)
                | Q(theme__answers__response__invitation__resident=resident)
            )
        ),
    ),
    "tra": SourceKind(
        "Request from a TRA",
        "requests from TRAs",
        public=lambda source: str(source.tra),
        yours=lambda source: f"Your TRA's request ({source.tra})",
        date=lambda source: None,
        contributors=lambda decision, today: [
            Q(
                tra_committee_roles__tra__decision_sources__decision=decision,
                tra_committee_roles__term_starts_on__lte=today,
            )
            & (Q(tra_committee_roles__term_ends_on__isnull=True) | Q(tra_committee_roles__term_ends_on__gte=today))
        ],
        contribution=lambda resident, today: (
            Q(tra__committee_roles__resident=resident, tra__committee_roles__term_starts_on__lte=today)
            & (Q(tra__committee_roles__term_ends_on__isnull=True) | Q(tra__committee_roles__term_ends_on__gte=today))
        ),
    ),
    "project": SourceKind(
        "Community project",
        "community projects",
        public=lambda source: f"{source.project.title}, chosen by residents ({source.project.round})",
        yours=lambda source: f"The community project “{source.project.title}” you proposed or chose",
        date=lambda source: source.project.round.choosing_closes_on,
        related=("project__round",),
        contributors=lambda decision, today: [
            Q(community_project_proposals__decision_sources__decision=decision),
            Q(community_project_votes__projects__decision_sources__decision=decision),
        ],
        contribution=lambda resident, today: Q(project__proposed_by=resident) | Q(project__votes__resident=resident),
    ),
}


class DecisionSourceQuerySet(models.QuerySet):
    def with_links(self):
        """Every link's row, and what the public label reads from them, in the same query."""
        return self.select_related(*SOURCE_KINDS, *(name for kind in SOURCE_KINDS.values() for name in kind.related))


class DecisionSource(models.Model):
    """Where residents told us: exactly one of the links below, or (for older records) a note alone."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="sources")
    survey = models.ForeignKey(
        "surveys.Survey", null=True, blank=True, on_delete=models.CASCADE, related_name="decision_sources"
    )
    issue = models.ForeignKey(
        "events.Issue", null=True, blank=True, on_delete=models.CASCADE, related_name="decision_sources"
    )
    recommendation = models.ForeignKey(
        "panels.Recommendation", null=True, blank=True, on_delete=models.CASCADE, related_name="decision_sources"
    )
    event = models.ForeignKey(
        "events.Event", null=True, blank=True, on_delete=models.CASCADE, related_name="decision_sources"
    )
    action = models.ForeignKey(
        "decisions.Action", null=True, blank=True, on_delete=models.CASCADE, related_name="decision_sources"
    )
    topic = models.ForeignKey(
        "surveys.Topic", null=True, blank=True, on_delete=models.CASCADE, related_name="decision_sources"
    )
    enquiry = models.ForeignKey(
        ContactEnquiry, null=True, blank=True, on_delete=models.CASCADE, related_name="decision_sources"
    )
    visit = models.ForeignKey(
        "events.Visit", null=True, blank=True, on_delete=models.CASCADE, related_name="decision_sources"
    )
    theme = models.ForeignKey(
        "surveys.Theme", null=True, blank=True, on_delete=models.CASCADE, related_name="decision_sources"
    )
    tra = models.ForeignKey(
        "tenants_associations.TenantsAssociation",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="decision_sources",
        verbose_name="TRA",
    )
    project = models.ForeignKey(
        "community_projects.Proposal",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="decision_sources",
        verbose_name="community project",
    )
    note = models.CharField(
        "what it was about",
        max_length=300,
        blank=True,
        help_text="Shown on the public page: no names or addresses. For a TRA, what it asked for.",
    )

    objects = DecisionSourceQuerySet.as_manager()

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.lookups.LessThanOrEqual(
                    sum(
                        (
                            models.Case(models.When(**{f"{name}__isnull": False}, then=1), default=0)
                            for name in SOURCE_KINDS
                        ),
                        models.Value(0),
                    ),
                    1,
                ),
                name="decision_source_one_link_at_most",
            )
        ]

    def __str__(self):
        return f"{self.kind_label}: {self.public_label}"

    @property
    def kind(self) -> str:
        return next((name for name in SOURCE_KINDS if getattr(self, f"{name}_id")), "")

    @property
    def kind_label(self) -> str:
        return SOURCE_KINDS[self.kind].label if self.kind else "Other"

    @property
    def public_label(self) -> str:
        """What the public page says about it: never who said it (needs the link's row selected)."""
        return SOURCE_KINDS[self.kind].public(self) if self.kind else self.note

    @property
    def what_you_told_us(self) -> str:
        """What a contributor is reminded they told us."""
        return SOURCE_KINDS[self.kind].yours(self) if self.kind else self.note

    @property
    def told_on(self):
        """The day residents told us, where the source has one."""
        moment = SOURCE_KINDS[self.kind].date(self) if self.kind else None
        return timezone.localtime(moment).date() if isinstance(moment, datetime) else moment


class ClosingReport(models.Model):
    """What came of an event: how many came, what was raised, what happens next, and its action plan."""

    event = models.OneToOneField("events.Event", on_delete=models.CASCADE, related_name="closing_report")
    people_came = models.PositiveIntegerField(
        "how many came", null=True, blank=True, help_text="Leave blank to show the attendance recorded."
    )
    what_was_raised = models.TextField("what was raised", help_text="The common issues, with no names.")
    what_happens_next = models.TextField("what happens next")
    published = models.BooleanField(default=True, help_text="Shown on the event's page once it has ended.")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-event__starts_at"]
        verbose_name = "closing report and action plan"
        verbose_name_plural = "closing reports and action plans"

    def __str__(self):
        return f"What came of {self.event}"


class Action(models.Model):
    """One action in an event's action plan (a workshop's, usually), with an owner and a date."""

    class Status(models.TextChoices):
        TO_DO = "to_do", _("To do")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        DROPPED = "dropped", _("Not going ahead")

    report = models.ForeignKey(ClosingReport, on_delete=models.CASCADE, related_name="actions")
    action = models.CharField(max_length=300)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        limit_choices_to={"is_staff": True},
    )
    due_date = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.TO_DO)

    class Meta:
        ordering = ["due_date", "pk"]
        verbose_name = "action"

    def __str__(self):
        return self.action
