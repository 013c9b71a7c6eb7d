from django.urls import include, path

from tenants_associations.views import centres, committee, membership, public

app_name = "tenants_associations"

committee_urls = [
    path("", committee.home, name="committee_home"),
    path("requests/", committee.requests, name="committee_requests"),
    path("requests/<int:membership_id>/", committee.request_decide, name="committee_request"),
    path("members/", committee.members, name="committee_members"),
    path("members/<int:membership_id>/message/", committee.member_message, name="committee_member_message"),
    path("members/<int:membership_id>/representative/", committee.representative, name="committee_representative"),
    path("notices/new/", committee.notice_new, name="committee_notice_new"),
    path("meetings/", committee.meetings, name="committee_meetings"),
    path("meetings/new/", committee.meeting_new, name="committee_meeting_new"),
    path("meetings/<int:meeting_id>/cancel/", committee.meeting_cancel, name="committee_meeting_cancel"),
    path("rooms/", centres.room_bookings, name="committee_room_bookings"),
    path("rooms/book/", centres.room_booking_new, name="committee_room_booking_new"),
    path("documents/", committee.documents, name="committee_documents"),
    path("documents/new/", committee.document_new, name="committee_document_new"),
    path("documents/<int:document_id>/remove/", committee.document_delete, name="committee_document_delete"),
]

urlpatterns = [
    path("", public.directory, name="directory"),
    path("start-a-tra/", membership.start, name="start"),
    path("start-a-tra/withdraw/", membership.start_withdraw, name="start_withdraw"),
    path("resource-centres/", centres.centres, name="centres"),
    path("resource-centres/<slug:centre_slug>/", centres.centre, name="centre"),
    path("<slug:slug>/", public.detail, name="detail"),
    path("<slug:slug>/join/", membership.join, name="join"),
    path("<slug:slug>/leave/", membership.leave, name="leave"),
    path("<slug:slug>/contact/", public.contact, name="contact"),
    path("<slug:slug>/contact/sent/", public.contact_sent, name="contact_sent"),
    path("<slug:slug>/documents/<int:document_id>/", public.document, name="document"),
    path("<slug:slug>/committee/", include(committee_urls)),
]
