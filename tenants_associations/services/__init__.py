"""What can happen to a TRA, as plain functions that views, admin actions and tasks all call.

For other apps: `tra_representative_of(resident)`, `is_tra_representative(resident)` and
`tra_representatives()` (panels' eligibility rule for TRA seats) live in representatives.py
and are importable from here.
"""

from tenants_associations.services.representatives import (
    is_tra_representative,
    tra_representative_of,
    tra_representatives,
)

__all__ = ["is_tra_representative", "tra_representative_of", "tra_representatives"]
