from engagement.admin import enquiries, places, residents, tenancies, tenant_profile, users  # noqa: F401  (registers)
