from panels.admin import applications, meetings, memberships, panels  # noqa: F401  (registers)
