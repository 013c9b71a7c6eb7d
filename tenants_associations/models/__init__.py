from tenants_associations.models.associations import (
    CommitteeRole,
    RecognitionStatus,
    TenantsAssociation,
    TRASettings,
)
from tenants_associations.models.centres import (
    CommunityRoom,
    OpeningHours,
    ResourceCentre,
    RoomBooking,
    TenantManagementOrganisation,
)
from tenants_associations.models.documents import TRADocument
from tenants_associations.models.meetings import TRAMeeting
from tenants_associations.models.membership import Enquiry, Membership, Notice
from tenants_associations.models.starting import StartingInterest
from tenants_associations.models.support import SupportGiven, TenantFundGrant

__all__ = [
    "CommitteeRole",
    "CommunityRoom",
    "Enquiry",
    "Membership",
    "Notice",
    "OpeningHours",
    "RecognitionStatus",
    "ResourceCentre",
    "RoomBooking",
    "StartingInterest",
    "SupportGiven",
    "TenantFundGrant",
    "TenantManagementOrganisation",
    "TenantsAssociation",
    "TRADocument",
    "TRAMeeting",
    "TRASettings",
]
