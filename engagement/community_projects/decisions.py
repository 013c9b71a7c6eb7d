"""Each funded project's “you said, we did” decision: made when the results are published, and kept in
step with the project's delivery, so residents who proposed or chose it hear what happened."""

from engagement.community_projects.models import Proposal
from engagement.dates import date_text
from engagement.decisions.models import Decision, DecisionSource, Status, Topic
from engagement.decisions.services import decision_create, decision_publish, decision_record_status

DELIVERY_STATUS = {
    Proposal.Delivery.PLANNED: Status.AGREED,
    Proposal.Delivery.IN_PROGRESS: Status.IN_PROGRESS,
    Proposal.Delivery.DELIVERED: Status.DONE,
}


def decision_of(project: Proposal) -> Decision | None:
    return Decision.objects.filter(sources__project=project).order_by("pk").first()


def decision_for_funded_project(*, project: Proposal, households: int, by) -> Decision:
    decision = decision_of(project)
    if decision is not None:
        return decision
    decision = decision_create(
        by=by,
        title=f"{project.title} ({project.round})",
        topic=Topic.COMMUNITY,
        you_said=f"{households} households chose {project.title} as a community project to fund in {project.round.year}.",
        how_many=households,
        we_did=f"We will fund {project.title} ({project.cost_text}) and report here as it is delivered.",
        status=DELIVERY_STATUS[project.delivery or Proposal.Delivery.PLANNED],
    )
    if project.estate_id:
        decision.estates.set([project.estate_id])
    DecisionSource.objects.create(decision=decision, project=project)
    decision_publish(decision=decision)
    return decision


def decision_follow_delivery(*, project: Proposal, by) -> None:
    decision = decision_of(project)
    status = DELIVERY_STATUS.get(project.delivery)
    if decision is None or status is None or decision.status == status:
        return
    decision.status = status
    decision.save(update_fields=["status", "updated_at"])
    note = f"Delivered on {date_text(project.delivered_on)}." if project.delivered_on else ""
    decision_record_status(decision=decision, by=by, note=note)
