from tenants_associations.models.associations import (
    CommitteeRole,
    RecognitionStatus,
    TenantsAssociation,
    TRASettings,
)
from tenants_associations.models.documents import TRADocument
from tenants_associations.models.meetings import TRAMeeting
from tenants_associations.models.membership import Enquiry, Membership, Notice
from tenants_associations.models.starting import StartingInterest
from tenants_associations.models.support import SupportGiven, TenantFundGrant

__all__ = [
    "CommitteeRole",
    "Enquiry",
    "Membership",
    "Notice",
    "RecognitionStatus",
    "StartingInterest",
    "SupportGiven",
    "TenantFundGrant",
    "TenantsAssociation",
    "TRADocument",
    "TRAMeeting",
    "TRASettings",
]
