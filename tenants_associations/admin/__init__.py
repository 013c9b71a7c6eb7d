from tenants_associations.admin import associations, membership, starting, support  # noqa: F401  (registers)
