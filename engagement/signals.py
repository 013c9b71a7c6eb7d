from allauth.account.signals import email_changed, email_confirmed
from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import post_migrate
from django.dispatch import receiver

from engagement.reference_data import ensure_reference_data
from engagement.roles import sync_role_permissions


@receiver(post_migrate)
def keep_role_permissions_in_step(sender, **kwargs):
    # Runs after each app's permissions are created, so the last run sees them all.
    sync_role_permissions()


@receiver(post_migrate)
def keep_reference_data(sender, **kwargs):
    # Also runs after a flush (tests that empty the database), which would otherwise lose it.
    if sender.name == "engagement":
        ensure_reference_data()


@receiver(email_confirmed)
def merge_get_involved_forms(request, email_address, **kwargs):
    from engagement.services.residents import merge_interest_registrations

    resident = getattr(email_address.user, "resident", None)
    if resident is not None:
        merge_interest_registrations(resident, email_address.email)


@receiver(email_changed)
def keep_resident_email_in_step(request, user, from_email_address, to_email_address, **kwargs):
    from engagement.models import Resident

    Resident.objects.filter(user=user).update(email=to_email_address.email)


@receiver(user_logged_in)
def remember_resident_language(sender, request, user, **kwargs):
    # Pages are in the resident's language from the first one after signing in (engagement/i18n/middleware.py).
    from engagement.i18n.middleware import remember_preferred_language

    resident = getattr(user, "resident", None)
    if request is not None:
        remember_preferred_language(request, resident.preferred_language if resident else "")
