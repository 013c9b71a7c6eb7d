from tenants_associations.admin import associations, centres, membership, starting, support  # noqa: F401  (registers)
