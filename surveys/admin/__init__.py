from surveys.admin import discussions, invitations, surveys, themes, tsm  # noqa: F401  (registers the admin pages)
