from django.urls import path

from engagement.decisions import feeds, views

app_name = "decisions"

urlpatterns = [
    path("", views.register, name="register"),
    path("feed/", feeds.DecisionsFeed(), name="feed"),
    path("<int:pk>/", views.decision_detail, name="decision"),
    path("what-happened-to-what-you-said/", views.yours, name="yours"),
    path("evidence/", views.evidence, name="evidence"),
    path("evidence/decisions.<str:fmt>", views.evidence_export, name="evidence_export"),
]
