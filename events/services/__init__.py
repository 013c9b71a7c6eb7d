"""Events' business logic. Views, admin actions and Celery tasks all call these functions.

For other apps (panels, TRAs): holding your meetings as events
----------------------------------------------------------------
A panel or TRA meeting is an ``events.models.Event`` of kind ``Event.Kind.PANEL_MEETING`` or
``Event.Kind.TRA_MEETING``. Keep a link to it from your own model (``meeting.event =
models.OneToOneField("events.Event", ...)``); events knows nothing about panels or TRAs.

Create it::

    from events.models import Event
    from events.services.events import event_create, event_invite

    event = event_create(
        kind=Event.Kind.PANEL_MEETING,
        title="Damp and mould panel: March meeting",
        organiser="Damp and mould panel",          # shown to residents
        format=Event.Format.ONLINE,
        starts_at=..., ends_at=...,
        joining_link="https://…",                  # only residents with a confirmed place see it
        invitation_only=True,                      # only residents on the invitation list may register
        listed=False,                              # not in What's on: only invitees (and staff) can open it
        lead_officer=officer,
        publish=True,
    )
    event_invite(event=event, residents=panel_members, invited_by=officer)   # sends events.invitation once each

Who may register is the conjunction of ``invitation_only`` (with ``Invitation`` rows),
``eligible_estates`` (pass ``eligible_estates=[...]`` to ``event_create``) and
``eligible_tenure_types`` (a list of ``TenureType`` values). Ask with
``events.rules.booking_eligibility(event=..., resident=...)``, which gives a reason in
residents' words when the answer is no. ``events.rules.joining_link_visible(event=...,
resident=...)`` says whether to show the joining link.

To register members straight away rather than inviting them to book, call
``events.services.bookings.booking_create(event=..., resident=...)`` for each (it checks
eligibility, so invite them first). When someone leaves, ``event_uninvite(event=...,
residents=[...])`` takes them off the list and cancels their booking. Moving or
cancelling a meeting: ``event_reschedule`` and ``event_cancel`` tell everyone registered.

Everything else events does (booking page, reminders, calendars, attendance register and
report) then works for your meetings too. Reminders are written when they are due, from the event
as it is then (a new place, joining link or time is in them).

Modules
-------
- ``events``: create, copy, cancel, move, invite; the year's roadshows; drop-ins; open-day rota check
- ``bookings``: booking, cancelling, the waiting list and offers (locks the event row)
- ``reminders``: each confirmed place's reminder, recorded by a periodic task when it is due, once
- ``attendance``: marking attendance, walk-ins, check-in by booking code
- ``reports``: the attendance report rows and totals
- ``walkabouts``, ``issues``, ``workshops``, ``door_knocking``: those parts of the framework
- ``calendars``: the resident's private calendar feed
"""
