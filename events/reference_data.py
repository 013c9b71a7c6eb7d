"""Issue categories and their default timescales, loaded by migration; officers change them in admin."""

# code, name, days to resolve
ISSUE_CATEGORIES = [
    ("repairs", "Repairs", 20),
    ("environment", "Environment (cleaning, grounds, waste)", 10),
    ("housing_management", "Housing management", 15),
    ("anti_social_behaviour", "Anti-social behaviour", 5),
    ("other", "Other", 20),
]
