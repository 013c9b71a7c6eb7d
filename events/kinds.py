"""Each kind of event's own page on What's on, in the council's engagement framework's words."""

from django.utils.translation import gettext_lazy as _

from events.models import Event

KIND_PAGES = {
    Event.Kind.ROADSHOW: {
        "page_title": "Roadshows",
        "intro": (
            "Four roadshows a year, two online and two in person. A member of the housing services senior "
            "leadership team presents an update on our services, transformation programmes and changes in staff "
            "and structure. Roadshows are for common issues: bring an individual issue to the drop-in before."
        ),
    },
    Event.Kind.REPAIRS_OPEN_DAY: {
        "page_title": "Repairs open days",
        "intro": (
            "A different estate each time: meet repairs staff in person and report repairs and other issues "
            "with your home or estate."
        ),
    },
    Event.Kind.WALKABOUT: {
        "page_title": "Estate walkabouts",
        "intro": (
            "Walk round your estate with staff and show them what needs attention. Each walkabout has a "
            "named contact so you can follow up anything not sorted on the day."
        ),
    },
    Event.Kind.SURGERY: {
        "page_title": "Housing officer surgeries",
        "intro": (
            "Talk to your housing officer on or near your estate. Whether surgeries continue depends on you coming."
        ),
    },
    Event.Kind.WORKSHOP: {
        "page_title": "Workshops",
        "intro": (
            "One-off sessions, online and in person, for residents and partners to plan together how to tackle "
            "an important issue. Anyone can suggest a topic."
        ),
    },
    Event.Kind.TRA_MEETING: {
        "page_title": "TRA meetings",
        "intro": "Meetings of Tenants and Residents Associations.",
    },
    Event.Kind.PANEL_MEETING: {
        "page_title": "Panel meetings",
        "intro": "Meetings of resident panels and forums.",
    },
    Event.Kind.TRAINING: {
        "page_title": _("Training programme"),
        "intro": _(
            "Free courses for residents: TRA committee skills, chairing meetings, finance and being a treasurer, "
            "digital skills, and how to hold us to account. Book a place like any event; when you have been, the "
            "course shows in your training record."
        ),
    },
    Event.Kind.VOLUNTEERING: {
        "page_title": _("Volunteering"),
        "intro": _(
            "Roll up your sleeves: litter picks, community gardening and helping at events on your estate. Sign up "
            "for a session; we record the hours you give, and you can see them on your account."
        ),
    },
}
