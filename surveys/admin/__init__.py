from surveys.admin import discussions, invitations, surveys  # noqa: F401  (registers the admin pages)
