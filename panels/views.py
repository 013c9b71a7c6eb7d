"""Panels, boards and forums on the public site, and residents' applications."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from engagement.models import Estate
from engagement.protected_files import protected_file_response
from engagement.versions import kept
from engagement.views.residents import resident_or_none, resident_required
from events.models import Event
from events.rules import joining_link_visible
from panels.access import (
    application_of,
    board_panel_or_404,
    document_of,
    meeting_of,
    panel_or_404,
    papers_visible,
    provisional_figures_visible,
)
from panels.documents import extension_of
from panels.eligibility import panels_open_to, who_can_join
from panels.forms import ApplicationForm
from panels.models import EligibilityRule, Membership, Panel, PanelApplication
from panels.services import PanelError
from panels.services.applications import (
    NotEligible,
    access_needs_summary,
    application_save_draft,
    application_submit,
    application_withdraw,
)
from panels.services.performance import performance_board_kept
from panels.standing import Standing, Standings, State

# How the list page groups panels, in the engagement framework's words.
GROUPS = (
    ("Resident panels", (Panel.Kind.TASK_AND_FINISH,)),
    ("Boards", (Panel.Kind.SERVICE_AND_PERFORMANCE, Panel.Kind.BUILDING_SAFETY, Panel.Kind.OTHER_BOARD)),
    ("Forums", Panel.FORUMS),
    ("Regeneration steering groups", (Panel.Kind.REGENERATION_STEERING_GROUP,)),
)


# Headings for a page of one kind of panel, as the home page names them.
KIND_HEADINGS = {
    Panel.Kind.TASK_AND_FINISH: "Resident panels",
    Panel.Kind.SERVICE_AND_PERFORMANCE: "Service and Performance Panel",
    Panel.Kind.BUILDING_SAFETY: "Building safety panels",
    Panel.Kind.LEASEHOLD_FORUM: "Leasehold forums",
    Panel.Kind.INDEPENDENT_LIVING_FORUM: "Independent living forums",
    Panel.Kind.OTHER_BOARD: "Other boards",
    Panel.Kind.REGENERATION_STEERING_GROUP: "Regeneration steering groups",
}


def _standings(request) -> Standings:
    return Standings(resident_or_none(request), signed_in=request.user.is_authenticated)


def _rows(panels, standings: Standings) -> list[dict]:
    return [{"panel": panel, "standing": standings.for_panel(panel), "who": who_can_join(panel)} for panel in panels]


def panel_list(request):
    standings = _standings(request)
    if standings.resident is None:
        # Without a resident there is no standing to show: every visitor sees the same list.
        listing = kept("panels_list", lambda: _listing(standings), *LISTING_TABLES, key=(get_language(),))
    else:
        listing = _listing(standings)
    return render(request, "panels/list.html", {"listing": listing, "resident": standings.resident})


# Every table the list reads: panels and who can join them (estates' names for the estates rule).
LISTING_TABLES = (Panel, EligibilityRule, EligibilityRule.estates.through, Estate)


def _listing(standings: Standings) -> str:
    """Every panel by group, and finished ones, as written for the reader."""
    panels = list(Panel.objects.for_listing())
    current = [p for p in panels if p.status != Panel.Status.FINISHED]
    groups = [
        {"heading": heading, "rows": _rows([p for p in current if p.kind in kinds], standings)}
        for heading, kinds in GROUPS
    ]
    finished = _rows([p for p in panels if p.status == Panel.Status.FINISHED], standings)
    return render_to_string("panels/includes/listing.html", {"groups": groups, "finished": finished})


def panel_kind(request, kind):
    """Panels of one kind, for the home page's links. With only one, go straight to it."""
    if kind not in Panel.Kind.values:
        return redirect("panels:list")
    panels = list(Panel.objects.for_listing().filter(kind=kind).exclude(status=Panel.Status.FINISHED))
    if len(panels) == 1:
        return redirect("panels:detail", slug=panels[0].slug)
    return render(
        request,
        "panels/kind.html",
        {"heading": KIND_HEADINGS[kind], "rows": _rows(panels, _standings(request))},
    )


def panel_detail(request, slug):
    panel = panel_or_404(slug)
    standings = _standings(request)
    standing = standings.for_panel(panel)
    meetings = list(panel.meetings.shown().with_event())
    visible = papers_visible(panel, is_member=standing.is_member, user=request.user)
    other_panels = []
    if standing.state in (State.CANNOT_APPLY, State.NOT_RECRUITING) and standings.resident is not None:
        other_panels = panels_open_to(standings.resident, excluding=panel)
    return render(
        request,
        "panels/detail.html",
        {
            "panel": panel,
            "standing": standing,
            "who": who_can_join(panel),
            "upcoming": sorted((m for m in meetings if m.is_upcoming), key=lambda m: m.event.starts_at),
            "past": [m for m in meetings if not m.is_upcoming and not m.is_cancelled],
            "papers_visible": visible,
            "recommendations": panel.recommendations.filter(published_at__isnull=False),
            "other_panels": other_panels,
            "review_due": panel.terms_of_reference_review_due(),
            "apply_url": reverse("panels:apply", kwargs={"slug": panel.slug}),
        },
    )


def _cannot_apply(request, panel, standing, resident):
    return render(
        request,
        "panels/cannot_apply.html",
        {"panel": panel, "standing": standing, "other_panels": panels_open_to(resident, excluding=panel)},
    )


@resident_required(verified_tenancy=True)
def apply(request, slug, resident):
    panel = panel_or_404(slug)
    standing = Standings(resident, signed_in=True).for_panel(panel)
    if standing.state == State.MEMBER:
        messages.info(request, _("You are already a member of the {name}.").format(name=panel.name))
        return redirect("panels:yours")
    if standing.state == State.APPLIED:
        messages.info(request, _("You have already applied to the {name}.").format(name=panel.name))
        return redirect("panels:yours")
    if standing.state in (State.NOT_RECRUITING, State.CANNOT_APPLY):
        return _cannot_apply(request, panel, standing, resident)

    draft = standing.application
    instance = draft or PanelApplication(resident=resident, panel=panel, access_needs=access_needs_summary(resident))
    sending = "save_draft" not in request.POST
    form = ApplicationForm(request.POST or None, instance=instance, seats=standing.eligibility.seats, sending=sending)
    if request.method == "POST" and form.is_valid():
        try:
            if sending:
                application_submit(resident=resident, panel=panel, answers=form.answers())
                messages.success(request, _("Your application to the {name} has been sent.").format(name=panel.name))
            else:
                application_save_draft(resident=resident, panel=panel, answers=form.answers())
                messages.success(request, _("Your answers are saved. Come back to them here whenever you are ready."))
            return redirect("panels:yours")
        except NotEligible as refusal:
            refused = Standing(State.CANNOT_APPLY, eligibility=refusal.eligibility)
            return _cannot_apply(request, panel, refused, resident)
        except PanelError as error:
            form.add_error(None, str(error))
    return render(
        request,
        "panels/apply.html",
        {
            "form": form,
            "panel": panel,
            "page_title": _("Apply to join the {name}").format(name=panel.name),
            "draft": draft,
        },
    )


@resident_required
def withdraw(request, pk, resident):
    application = application_of(resident, pk)
    if not application.can_be_withdrawn:
        messages.info(request, _("That application can no longer be withdrawn."))
        return redirect("panels:yours")
    if request.method == "POST":
        application_withdraw(application=application)
        messages.success(
            request, _("You have withdrawn your application to the {name}.").format(name=application.panel.name)
        )
        return redirect("panels:yours")
    return render(request, "panels/withdraw.html", {"application": application})


@resident_required
def yours(request, resident):
    memberships = list(Membership.objects.filter(resident=resident).select_related("panel"))
    applications = list(
        PanelApplication.objects.filter(resident=resident).select_related("panel").prefetch_related("training")
    )
    return render(
        request,
        "panels/yours.html",
        {
            "current": [m for m in memberships if m.is_current],
            "past": [m for m in memberships if not m.is_current],
            "applications": applications,
        },
    )


def meeting(request, slug, pk):
    panel = panel_or_404(slug)
    standings = _standings(request)
    standing = standings.for_panel(panel)
    meeting = meeting_of(panel, pk)
    return render(
        request,
        "panels/meeting.html",
        {
            "panel": panel,
            "meeting": meeting,
            "event": meeting.event,
            "is_member": standing.is_member,
            # Through events' rule: members with a place, while the meeting is on.
            "show_joining_link": joining_link_visible(event=meeting.event, resident=standings.resident),
            "papers_visible": papers_visible(panel, is_member=standing.is_member, user=request.user),
        },
    )


def action_log(request, slug):
    panel = panel_or_404(slug)
    standing = _standings(request).for_panel(panel)
    visible = papers_visible(panel, is_member=standing.is_member, user=request.user)
    today = timezone.localdate()
    items = list(panel.action_log.select_related("meeting__event")) if visible else []
    rows = [{"item": item, "overdue": item.is_overdue(today)} for item in items]
    return render(
        request,
        "panels/action_log.html",
        {
            "panel": panel,
            "visible": visible,
            "to_do": [row for row in rows if row["item"].status in row["item"].STILL_TO_DO],
            "finished": [row for row in rows if row["item"].status not in row["item"].STILL_TO_DO],
            "overdue_count": sum(row["overdue"] for row in rows),
        },
        status=200 if visible else 403,
    )


def performance(request, slug):
    """The Service and Performance Panel's performance board: published for everyone, with the quarter in
    progress for its members and officers."""
    panel = board_panel_or_404(slug)
    standing = _standings(request).for_panel(panel)
    with_current = provisional_figures_visible(is_member=standing.is_member, user=request.user)
    upcoming = panel.meetings.shown().with_event().filter(event__ends_at__gte=timezone.now())
    next_meeting = upcoming.exclude(event__status=Event.Status.CANCELLED).last()
    return render(
        request,
        "panels/performance.html",
        {
            "panel": panel,
            "board": performance_board_kept(with_current=with_current),
            "is_member": standing.is_member,
            "next_meeting": next_meeting,
        },
    )


def _filename(file, title: str) -> str:
    return f"{title}.{extension_of(file.name) or 'bin'}"


def document(request, slug, pk):
    panel = panel_or_404(slug)
    standing = _standings(request).for_panel(panel)
    if not papers_visible(panel, is_member=standing.is_member, user=request.user):
        return render(request, "panels/members_only.html", {"panel": panel}, status=403)
    found = document_of(panel, pk)
    return protected_file_response(
        found.file, filename=_filename(found.file, found.title), public=panel.publishes_records
    )


def terms_of_reference(request, slug):
    panel = panel_or_404(slug)
    if not panel.terms_of_reference:
        return redirect("panels:detail", slug=panel.slug)
    return protected_file_response(
        panel.terms_of_reference,
        filename=_filename(panel.terms_of_reference, f"{panel.name} terms of reference"),
        public=True,
    )
