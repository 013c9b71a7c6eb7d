from surveys.admin import discussions, invitations, surveys, tsm  # noqa: F401  (registers the admin pages)
