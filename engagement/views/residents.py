"""Access to the signed-in resident's own record: the one place every resident view gets it."""

from functools import wraps
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse

from engagement.models import Resident


def resident_or_none(request) -> Resident | None:
    if not request.user.is_authenticated:
        return None
    # Read with the account on sign-in, home and all (engagement/auth_backends.py).
    try:
        return request.user.resident
    except Resident.DoesNotExist:
        return None


def resident_required(view=None, *, verified_tenancy=False):
    """Signed in, with a resident record (and, if asked, a verified tenancy); passes `resident` to the view."""

    def decorate(view):
        @login_required
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            resident = resident_or_none(request)
            if resident is None:
                # Staff accounts and half-finished sign-ups have no resident pages.
                return render(request, "engagement/no_resident_record.html", status=403)
            if verified_tenancy and not resident.has_verified_tenancy:
                return redirect(f"{reverse('verify_tenancy')}?{urlencode({'next': request.get_full_path()})}")
            return view(request, *args, resident=resident, **kwargs)

        return wrapper

    return decorate(view) if view else decorate
