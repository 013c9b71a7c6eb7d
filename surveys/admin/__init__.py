from surveys.admin import discussions, feedback, invitations, surveys  # noqa: F401  (registers the admin pages)
