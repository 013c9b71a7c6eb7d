from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from engagement.messaging.views import letter_code, unsubscribe
from engagement.views import account, pages, public, reports

admin.site.site_header = "Resident Voice administration"
admin.site.site_title = "Resident Voice admin"
admin.site.index_title = "Resident engagement"

your_account = [
    path("", account.my_account, name="my_account"),
    path("verify-tenancy/", account.verify_tenancy, name="verify_tenancy"),
    path("contact-details/", account.contact_details, name="contact_details"),
    path("contact-preferences/", account.contact_preferences, name="contact_preferences"),
    path("interests/", account.interests, name="interests"),
    path("access-needs/", account.access_needs, name="access_needs"),
    path("equality-monitoring/", account.equality_monitoring, name="equality_monitoring"),
    path("download-my-data/", account.download_my_data, name="download_my_data"),
    path("download-my-data/my-data.zip", account.download_my_data_file, name="download_my_data_file"),
    path("close-your-account/", account.close_account, name="close_account"),
]

urlpatterns = [
    path("", pages.home, name="home"),
    path("get-involved/", public.get_involved, name="get_involved"),
    path("get-involved/thank-you/", public.get_involved_done, name="get_involved_done"),
    path("contact-us/", public.contact_us, name="contact_us"),
    path("contact-us/sent/", public.contact_us_done, name="contact_us_done"),
    path("other-formats/", public.format_request, name="format_request"),
    path("other-formats/sent/", public.format_request_done, name="format_request_done"),
    path("accessibility/", pages.accessibility, name="accessibility"),
    path("privacy/", pages.privacy, name="privacy"),
    path("cookies/", pages.cookies, name="cookies"),
    path("bare-layout/", pages.bare_layout, name="bare_layout"),
    path("your-account/", include(your_account)),
    path("reports/reach/", reports.reach_report, name="reach_report"),
    path("reports/reach.<str:fmt>", reports.reach_export, name="reach_export"),
    path("account/", include("allauth.urls")),
    # Typed in from a letter (messaging's short codes): the shortest address the site has.
    path("code/", letter_code, name="letter_code"),
    path("messages/", include("engagement.messaging.urls")),
    # Short links for texts, where every character costs: an unsubscribe link and a survey's personal link.
    path("u/<str:token>", unsubscribe, name="unsubscribe"),
    path("s/<str:token>", RedirectView.as_view(pattern_name="surveys:answer"), name="survey_short_link"),
    path("panels/", include("panels.urls")),
    path("tenants-associations/", include("tenants_associations.urls")),
    path("whats-on/", include("events.urls")),
    path("sounding-board/", include("surveys.urls")),
    path("you-said-we-did/", include("engagement.decisions.urls")),
    path("ballots/", include("engagement.ballots.urls")),
    path("partnerships/", include("engagement.partnerships.urls")),
    path("community-projects/", include("engagement.community_projects.urls")),
    path("admin/", admin.site.urls),
]
