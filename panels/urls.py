from django.urls import path

from panels import views

app_name = "panels"

# Fixed words come before <slug>: panels cannot take them as their address (see RESERVED_SLUGS).
urlpatterns = [
    path("", views.panel_list, name="list"),
    path("type/<slug:kind>/", views.panel_kind, name="kind"),
    path("yours/", views.yours, name="yours"),
    path("applications/<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("<slug:slug>/", views.panel_detail, name="detail"),
    path("<slug:slug>/apply/", views.apply, name="apply"),
    path("<slug:slug>/action-log/", views.action_log, name="action_log"),
    path("<slug:slug>/performance/", views.performance, name="performance"),
    path("<slug:slug>/terms-of-reference/", views.terms_of_reference, name="terms_of_reference"),
    path("<slug:slug>/meetings/<int:pk>/", views.meeting, name="meeting"),
    path("<slug:slug>/documents/<int:pk>/", views.document, name="document"),
]
