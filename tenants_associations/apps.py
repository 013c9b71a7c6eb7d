from django.apps import AppConfig


class TenantsAssociationsConfig(AppConfig):
    name = "tenants_associations"
    verbose_name = "Tenants and Residents Associations"
