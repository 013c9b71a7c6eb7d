from events.models.bookings import Booking, CalendarFeed, SurgerySlot
from events.models.door_knocking import RoundEstate, Visit
from events.models.events import Event, Invitation, StaffInvitation, Venue
from events.models.walkabouts import Issue, IssueCategory, IssueUpdate, WalkaboutRequest
from events.models.workshops import WorkshopSuggestion, WorkshopSupport

__all__ = [
    "Booking",
    "CalendarFeed",
    "Event",
    "Invitation",
    "Issue",
    "IssueCategory",
    "IssueUpdate",
    "RoundEstate",
    "StaffInvitation",
    "SurgerySlot",
    "Venue",
    "Visit",
    "WalkaboutRequest",
    "WorkshopSuggestion",
    "WorkshopSupport",
]
