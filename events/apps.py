from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = "Events"

    def ready(self):
        from django.db.models.signals import post_migrate

        from engagement.plugins import (
            register_account_link,
            register_digest_section,
            register_eraser,
            register_happens_at,
            register_history,
            register_involvement,
            register_section,
        )
        from events import data_download, digest, history, involvement
        from events.erasure import events_erase
        from events.reference_data import ensure_issue_categories
        from events.services.events import event_starts_at

        # After migrate, and after a flush (tests that empty the database), which would lose them.
        post_migrate.connect(lambda sender, **kwargs: ensure_issue_categories(), sender=self, weak=False)

        register_account_link(_("Your events"), "events:my_events")
        register_account_link(_("Issues you have raised"), "events:my_issues")
        register_account_link(_("Your training"), "events:my_training")
        register_account_link(_("Your volunteering"), "events:my_volunteering")
        register_section("Event bookings", data_download.bookings)
        register_section("Walkabout requests", data_download.walkabout_requests)
        register_section("Issues you raised", data_download.issues)
        register_section("Workshop suggestions", data_download.workshop_suggestions)
        register_section("Event invitations", data_download.invitations)
        register_section("Door-knocking visits", data_download.visits)
        register_section("Your calendar link", data_download.calendar_link)
        register_eraser(events_erase)
        register_happens_at("events:detail", event_starts_at)
        register_involvement("events", "Events", involvement.booked_or_attended)
        register_involvement("doorstep", "Doorstep conversations", involvement.spoke_at_the_door)
        register_involvement("issues", "Issues raised", involvement.raised_an_issue)
        register_involvement("workshop_topics", "Workshop topics suggested", involvement.suggested_a_workshop)
        register_involvement("training", "Training", involvement.booked_training)
        register_involvement("volunteering", "Volunteering", involvement.signed_up_to_volunteer)
        register_history("bookings", "Bookings and attendance", history.bookings, permission="events.view_booking")
        register_history("issues", "Issues raised", history.issues, permission="events.view_issue")
        register_history(
            "walkabouts", "Walkabouts asked for", history.walkabout_requests, permission="events.view_walkaboutrequest"
        )
        register_history("visits", "Door-knocking visits", history.visits, permission="events.view_visit")
        register_digest_section("Events held", digest.events_held)
        register_digest_section("Events coming up", digest.events_coming_up)
        register_digest_section("Borough-wide events coming up", digest.borough_wide_events_coming_up)
