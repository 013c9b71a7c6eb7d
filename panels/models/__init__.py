from panels.models.meetings import MeetingDocument, PanelMeeting
from panels.models.membership import Membership, PanelApplication, TrainingRecord
from panels.models.panels import EligibilityRule, Format, Panel, Seat
from panels.models.records import ActionLogItem, Recommendation

__all__ = [
    "ActionLogItem",
    "EligibilityRule",
    "Format",
    "MeetingDocument",
    "Membership",
    "Panel",
    "PanelApplication",
    "PanelMeeting",
    "Recommendation",
    "Seat",
    "TrainingRecord",
]
