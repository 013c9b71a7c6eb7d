from engagement.models.consent import Channel, Consent, ConsentChange, ConsentSource, Purpose
from engagement.models.enquiries import ContactEnquiry, EnquiryReply, FormatRequest, InterestRegistration
from engagement.models.equality import EqualityMonitoring, TenantProfileFigure
from engagement.models.involvement import ResidentInvolvement
from engagement.models.places import Block, Estate, Home, Ward
from engagement.models.residents import AccessNeed, Interest, OfficerNote, Resident
from engagement.models.tenancies import (
    Tenancy,
    TenancyClaim,
    TenancyImport,
    TenancyVerificationAttempt,
    TenureType,
    TsmStockGroup,
    tsm_stock_group,
)
from engagement.models.users import User

__all__ = [
    "AccessNeed",
    "Block",
    "Channel",
    "Consent",
    "ConsentChange",
    "ConsentSource",
    "ContactEnquiry",
    "FormatRequest",
    "EnquiryReply",
    "EqualityMonitoring",
    "Estate",
    "Home",
    "Interest",
    "InterestRegistration",
    "OfficerNote",
    "Purpose",
    "Resident",
    "ResidentInvolvement",
    "Tenancy",
    "TenancyClaim",
    "TenancyImport",
    "TenancyVerificationAttempt",
    "TenantProfileFigure",
    "TenureType",
    "TsmStockGroup",
    "User",
    "Ward",
    "tsm_stock_group",
]
