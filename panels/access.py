"""Getting panel records for a request, scoped to who is asking. Every panel view goes through here."""

from django.shortcuts import get_object_or_404

from engagement.models import Resident
from panels.models import MeetingDocument, Panel, PanelApplication, PanelMeeting


def panel_or_404(slug: str) -> Panel:
    return get_object_or_404(Panel.objects.for_listing(), slug=slug)


def application_of(resident: Resident, pk: int) -> PanelApplication:
    """One of the resident's own applications; anyone else's is "not found"."""
    return get_object_or_404(PanelApplication.objects.select_related("panel"), pk=pk, resident=resident)


def papers_visible(panel: Panel, *, is_member: bool, user) -> bool:
    """Agendas, approved minutes, papers and the action log: public for panels that publish, else members only."""
    return panel.publishes_records or is_member or user.has_perm("panels.view_panelmeeting")


def board_panel_or_404(slug: str) -> Panel:
    """A Service and Performance Panel: the panels whose performance board is published."""
    return get_object_or_404(Panel.objects.for_listing(), slug=slug, kind=Panel.Kind.SERVICE_AND_PERFORMANCE)


def provisional_figures_visible(*, is_member: bool, user) -> bool:
    """The quarter in progress: for the panel's members (to read before their meeting) and officers, not yet public."""
    return is_member or user.has_perm("panels.view_panel")


def meeting_of(panel: Panel, pk: int) -> PanelMeeting:
    """A meeting of this panel that residents may see (not a draft)."""
    return get_object_or_404(panel.meetings.shown().with_event().prefetch_related("documents"), pk=pk)


def document_of(panel: Panel, pk: int) -> MeetingDocument:
    return get_object_or_404(MeetingDocument.objects.select_related("meeting"), pk=pk, meeting__panel=panel)
