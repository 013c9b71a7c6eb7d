"""Which records of residents' personal data keep an audit trail (django-auditlog).

Every change to these is kept with its old and new values, who made it and when, whoever made it
(staff in admin, a TRA committee on the site, the resident themselves). Administrators read it in
admin: *Audit log*, and "Changes with old and new values" on a resident.
"""

from auditlog.registry import auditlog
from django.apps import apps

AUDITED: dict[str, dict] = {
    "engagement.Resident": {"m2m_fields": {"access_needs", "interests"}},
    "engagement.OfficerNote": {},
    "engagement.ContactEnquiry": {},
    "engagement.FormatRequest": {},
    "engagement.InterestRegistration": {},
    # What the reach report sets the diversity of those involved against.
    "engagement.TenantProfileFigure": {},
    # What the council decided and told residents: who changed it, and when.
    "decisions.Decision": {"m2m_fields": {"wards", "estates"}},
    "decisions.DecisionSource": {},
    "decisions.ClosingReport": {},
    "decisions.Action": {},
    # Ballots: who set them up, and who was added to or taken off a register (never how anyone voted:
    # ballot papers are not audited, as a record of their creation would tie them to a time).
    "ballots.Scheme": {"m2m_fields": {"estates"}},
    "ballots.Ballot": {},
    "ballots.Voter": {},
    "ballots.HousingRegisterDate": {},
    # Partners' contacts are people's personal data; who changed a commitment or what was delivered, and when.
    "partnerships.PartnerContact": {},
    "partnerships.Commitment": {},
    "partnerships.Delivery": {},
    # Community projects: who checked, costed and funded each idea, and the year's budget.
    "community_projects.Round": {},
    "community_projects.Proposal": {},
    "community_projects.ProjectUpdate": {},
    "events.Booking": {"m2m_fields": {"access_needs"}},
    "events.Issue": {},
    "events.WalkaboutRequest": {},
    "events.Visit": {},
    "panels.PanelApplication": {},
    "panels.Membership": {},
    "surveys.Topic": {},
    "surveys.Post": {},
    # Which themes an officer tagged each written answer with.
    "surveys.Theme": {"m2m_fields": {"answers"}},
    # Published performance figures: who set them, and when.
    "surveys.TsmSurvey": {},
    "surveys.ManagementInformation": {},
    # TRA decisions: membership requests accepted or declined, committee roles.
    "tenants_associations.Membership": {},
    "tenants_associations.CommitteeRole": {},
    # Resource centres, their rooms and hours, TRAs' room bookings (and officers cancelling them), and TMOs.
    "tenants_associations.ResourceCentre": {},
    "tenants_associations.OpeningHours": {},
    "tenants_associations.CommunityRoom": {},
    "tenants_associations.RoomBooking": {},
    "tenants_associations.TenantManagementOrganisation": {"m2m_fields": {"estates"}},
}

# Changes on every save, so say nothing.
_NOT_AUDITED = {"updated_at"}


def register_audited_models() -> None:
    for label, options in AUDITED.items():
        model = apps.get_model(label)
        # Only the record's own fields: left to itself auditlog also reads every reverse relation,
        # which costs queries and leaves "does not exist" cached on the instance.
        fields = [field.name for field in model._meta.concrete_fields if field.name not in _NOT_AUDITED]
        auditlog.register(model, include_fields=fields, **options)
