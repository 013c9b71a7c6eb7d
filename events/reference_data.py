"""Issue categories and their default timescales, loaded by migration; officers change them in admin."""

# code, name, days to resolve
ISSUE_CATEGORIES = [
    ("repairs", "Repairs", 20),
    ("environment", "Environment (cleaning, grounds, waste)", 10),
    ("housing_management", "Housing management", 15),
    ("anti_social_behaviour", "Anti-social behaviour", 5),
    ("other", "Other", 20),
]


def ensure_issue_categories(apps=None) -> None:
    """Create any missing categories (after migrate or a flush); officers' timescales are kept."""
    from django.apps import apps as global_apps

    IssueCategory = (apps or global_apps).get_model("events", "IssueCategory")
    for position, (code, name, days) in enumerate(ISSUE_CATEGORIES):
        IssueCategory.objects.get_or_create(
            code=code, defaults={"name": name, "timescale_days": days, "position": position}
        )
