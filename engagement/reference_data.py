"""Reference data the portal cannot work without, loaded by migration."""

ACCESS_NEEDS = [
    ("bsl_interpreter", "British Sign Language (BSL) interpreter"),
    ("hearing_loop", "Hearing loop"),
    ("step_free_access", "Step-free access"),
    ("large_print", "Large print"),
    ("easy_read", "Easy read"),
    ("language_interpreter", "An interpreter for another language"),
    ("carer_or_supporter", "A carer or supporter coming with me"),
    ("childcare", "Childcare"),
    ("travel_help", "Help with travel"),
]

INTERESTS = [
    ("events", "Events", "Roadshows, repairs open days, estate walkabouts, surgeries and workshops"),
    (
        "panels",
        "Panels and forums",
        "Resident panels, the Service and Performance Panel, leasehold and independent living forums",
    ),
    ("surveys", "Surveys", "Short surveys by email, text or letter about housing services"),
    ("tra", "Tenants and Residents Associations", "Joining your TRA, or starting one"),
    ("training", "Training", "Courses to help you take part, like chairing meetings or reading performance reports"),
    ("volunteering", "Practical volunteering", "Litter picks, community gardening and estate projects"),
]


def ensure_reference_data(apps=None) -> None:
    """Create any missing access needs and interests; officers' edits to existing ones are kept.

    Run by migration and after every migrate or flush, so tests that empty the database
    (and a database restored without them) get them back.
    """
    from django.apps import apps as global_apps

    apps = apps or global_apps
    AccessNeed = apps.get_model("engagement", "AccessNeed")
    Interest = apps.get_model("engagement", "Interest")
    for position, (code, label) in enumerate(ACCESS_NEEDS):
        AccessNeed.objects.get_or_create(code=code, defaults={"label": label, "position": position})
    for position, (code, label, hint) in enumerate(INTERESTS):
        Interest.objects.get_or_create(code=code, defaults={"label": label, "hint": hint, "position": position})
