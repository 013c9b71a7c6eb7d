from engagement.admin import enquiries, places, residents, tenancies, users  # noqa: F401  (registers)
