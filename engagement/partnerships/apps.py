from django.apps import AppConfig


class PartnershipsConfig(AppConfig):
    name = "engagement.partnerships"
    label = "partnerships"
    verbose_name = "Partnerships and social value"
