"""The yearly cycle: ideas proposed and checked, households choosing within the budget, the result.

Who funds what: the projects are taken in order of how many households chose them, most first, and
each is funded if what is left of the budget pays for all of it; one that does not fit is passed over
and the next is tried, so the money left goes as far down the list as it can. In a tie, the cheaper
project comes first (so more can be funded), then the one proposed first.
"""

from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from engagement.community_projects.models import Proposal, Round, Stage, Vote, pounds
from engagement.models import Resident
from engagement.services.involvement import involvement_changed


class Refused(Exception):
    """Something a resident asked for that the rules do not allow; `field` is the form field to show it at."""

    def __init__(self, message: str, field: str = "__all__"):
        super().__init__(message)
        self.field = field


# Proposing ---------------------------------------------------------------------------------------


def proposal_submit(*, round: Round, resident: Resident, **fields) -> Proposal:
    if round.stage() != Stage.PROPOSING:
        raise Refused(_("Ideas for %(round)s are not being taken now") % {"round": round})
    with transaction.atomic():
        proposal = Proposal(round=round, proposed_by=resident, **fields)
        proposal.full_clean()
        proposal.save()
        involvement_changed([resident.pk])
    return proposal


def proposal_approve(*, proposal: Proposal, by) -> None:
    proposal.moderation = Proposal.Moderation.APPROVED
    proposal.rejected_reason = ""
    _moderated(proposal, by)


def proposal_reject(*, proposal: Proposal, by, reason: str) -> None:
    proposal.moderation = Proposal.Moderation.REJECTED
    proposal.rejected_reason = reason
    _moderated(proposal, by)


def _moderated(proposal: Proposal, by) -> None:
    proposal.full_clean()
    proposal.moderated_by = by
    proposal.moderated_at = timezone.now()
    proposal.save()


# Choosing ----------------------------------------------------------------------------------------


def choice_of(round: Round, resident: Resident) -> Vote | None:
    """The choice the resident's household made in this round, if it has made one."""
    if not resident.tenancy_id:
        return None
    return Vote.objects.filter(round=round, tenancy_id=resident.tenancy_id).prefetch_related("projects").first()


def choice_make(*, round: Round, resident: Resident, projects: list[Proposal]) -> Vote:
    """Record the household's choice: projects from the round's shortlist, costing no more than the budget."""
    if round.stage() != Stage.CHOOSING:
        raise Refused(_("Choosing is not open for %(round)s") % {"round": round})
    if not resident.has_verified_tenancy:
        raise Refused(_("Confirm your tenancy before choosing: we count one choice from each home"))
    if not projects:
        raise Refused(_("Select at least one project"), "projects")
    shortlist = set(round.proposals.on_the_shortlist().values_list("pk", flat=True))
    if any(project.pk not in shortlist for project in projects):
        raise Refused(_("Select projects from this year's list"), "projects")
    total = sum(project.cost for project in projects)
    if total > round.budget:
        raise Refused(
            _(
                "The projects you selected cost %(total)s together, which is %(over)s more than the budget of "
                "%(budget)s. Untick one or more"
            )
            % {"total": pounds(total), "over": pounds(total - round.budget), "budget": round.budget_text},
            "projects",
        )
    try:
        with transaction.atomic():
            vote = Vote.objects.create(round=round, tenancy_id=resident.tenancy_id, resident=resident)
            vote.projects.set(projects)
            involvement_changed([resident.pk])
    except IntegrityError:
        raise Refused(
            _("Someone in your home has already chosen this year: we count one choice from each home")
        ) from None
    return vote


# The result --------------------------------------------------------------------------------------


@dataclass
class ResultRow:
    project: Proposal
    votes: int
    funded: bool = False
    why: str = ""


@dataclass
class Result:
    round: Round
    households: int
    rows: list[ResultRow] = field(default_factory=list)

    @property
    def funded(self) -> list[ResultRow]:
        return [row for row in self.rows if row.funded]

    @property
    def spent(self) -> int:
        return sum(row.project.cost for row in self.funded)

    @property
    def spent_text(self) -> str:
        return pounds(self.spent)

    @property
    def left_text(self) -> str:
        return pounds(self.round.budget - self.spent)


def round_result(round: Round) -> Result:
    """How many households chose each shortlisted project, and which the budget funds (see the module's docstring)."""
    projects = list(
        round.proposals.on_the_shortlist()
        .select_related("estate")
        .annotate(chosen_by=Count("votes"))
        .order_by("-chosen_by", "cost", "created_at", "pk")
    )
    result = Result(round=round, households=round.votes.count())
    left = round.budget
    for project in projects:
        row = ResultRow(project=project, votes=project.chosen_by)
        if project.cost <= left:
            row.funded = True
            left -= project.cost
        else:
            row.why = _("Not enough of the budget was left: %(left)s after the projects above") % {"left": pounds(left)}
        tied = [other.title for other in projects if other.chosen_by == project.chosen_by and other.pk != project.pk]
        if tied:
            tie = ngettext(
                "Tied with %(others)s on %(votes)s vote: in a tie the cheaper project comes first.",
                "Tied with %(others)s on %(votes)s votes: in a tie the cheaper project comes first.",
                project.chosen_by,
            ) % {"others": ", ".join(tied), "votes": project.chosen_by}
            row.why = f"{row.why}. {tie}" if row.why else tie
        result.rows.append(row)
    return result


def results_publish(*, round: Round, by) -> Result:
    """Publish the result: the funded projects are marked, and each gets its “you said, we did” decision."""
    from engagement.community_projects.decisions import decision_for_funded_project

    with transaction.atomic():
        locked = Round.objects.select_for_update().get(pk=round.pk)
        if locked.results_published_at is not None:
            raise Refused(_("The results are already published"))
        if locked.stage() != Stage.COUNTING:
            raise Refused(_("Publish the results once choosing has closed"))
        result = round_result(locked)
        funded = [row.project.pk for row in result.funded]
        Proposal.objects.filter(pk__in=funded).update(funded=True, delivery=Proposal.Delivery.PLANNED)
        locked.results_published_at = timezone.now()
        locked.save(update_fields=["results_published_at", "updated_at"])
        round.results_published_at = locked.results_published_at
        for row in result.funded:
            row.project.funded, row.project.delivery = True, Proposal.Delivery.PLANNED
            decision_for_funded_project(project=row.project, households=row.votes, by=by)
    return result


def delivery_changed(*, project: Proposal, by) -> None:
    """Keep the project's decision in step with its delivery (after an officer saved it)."""
    from engagement.community_projects.decisions import decision_follow_delivery

    decision_follow_delivery(project=project, by=by)


def yours(resident: Resident):
    """The ideas the resident proposed, newest first, with their round."""
    return (
        Proposal.objects.filter(proposed_by=resident)
        .select_related("round", "estate")
        .order_by("-round__year", "-created_at")
    )
