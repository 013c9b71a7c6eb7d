from django.urls import path

from events.views import bookings, calendars, reports, training, walkabouts, whats_on, workshops

app_name = "events"

urlpatterns = [
    path("", whats_on.whats_on, name="list"),
    path("calendar/", whats_on.month, name="month_now"),
    path("calendar/<int:year>/<int:month>/", whats_on.month, name="month"),
    path("calendar.ics", calendars.public_feed, name="feed"),
    path("type/<slug:kind>/", whats_on.by_kind, name="kind"),
    path("<int:pk>/", whats_on.detail, name="detail"),
    path("<int:pk>/book/", bookings.book, name="book"),
    path("<int:pk>/calendar.ics", calendars.event_ics, name="ics"),
    path("bookings/<str:code>/", bookings.booking, name="booking"),
    path("bookings/<str:code>/cancel/", bookings.booking_cancel_view, name="booking_cancel"),
    path("offers/<str:token>/", bookings.offer, name="offer"),
    path("your-events/", bookings.my_events, name="my_events"),
    path("your-training/", training.my_training, name="my_training"),
    path("your-volunteering/", training.my_volunteering, name="my_volunteering"),
    path("your-events/calendar-link/", bookings.my_calendar_reset, name="my_calendar_reset"),
    path("your-events/<str:token>/calendar.ics", calendars.private_feed, name="my_feed"),
    path("walkabouts/ask/", walkabouts.request_walkabout, name="request_walkabout"),
    path("walkabouts/ask/sent/", walkabouts.request_walkabout_done, name="request_walkabout_done"),
    path("issues/", walkabouts.my_issues, name="my_issues"),
    path("issues/report/", walkabouts.issue_report, name="issue_report"),
    path("issues/<int:pk>/", walkabouts.issue_detail, name="issue_detail"),
    path("issues/<int:pk>/photo/", walkabouts.issue_photo, name="issue_photo"),
    path("workshops/suggestions/", workshops.suggestions, name="suggestions"),
    path("workshops/suggest/", workshops.suggest, name="suggest"),
    path("workshops/suggestions/<int:pk>/support/", workshops.support, name="support"),
    path("reports/attendance/", reports.attendance_report, name="attendance_report"),
    path("reports/attendance.<str:fmt>", reports.attendance_export, name="attendance_export"),
]
