"""TRA representatives: members their TRA has chosen to represent it on panels.

Panels use these for their eligibility rule for TRA seats (for example on the Service and
Performance Panel). A resident represents a TRA when all of these hold:

- they are a member of it (accepted, not left),
- its committee (or an officer in admin) has marked them as a TRA representative,
- the TRA is recognised by the council (groups in formation, and lapsed TRAs, have no seats).
"""

from django.db.models import QuerySet

from engagement.models import Resident
from tenants_associations.models import Membership, RecognitionStatus, TenantsAssociation


def _representing():
    return Membership.objects.filter(
        status=Membership.Status.MEMBER, is_representative=True, tra__status=RecognitionStatus.RECOGNISED
    )


def tra_representative_of(resident: Resident) -> TenantsAssociation | None:
    """The recognised TRA this resident represents on panels, or None. (The earliest, if more than one.)"""
    membership = _representing().filter(resident=resident).select_related("tra").order_by("pk").first()
    return membership.tra if membership else None


def is_tra_representative(resident: Resident) -> bool:
    """Whether the resident represents a recognised TRA on panels."""
    return _representing().filter(resident=resident).exists()


def tra_representatives() -> QuerySet[Resident]:
    """Every resident who represents a recognised TRA, for filtering many applicants in one query."""
    return Resident.objects.filter(pk__in=_representing().values("resident_id"))
