"""Access to the signed-in resident's own record: the one place every resident view gets it."""

from functools import wraps
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse

from engagement.models import Resident, Tenancy


def resident_or_none(request, *, home: bool = True) -> Resident | None:
    """The signed-in resident's record (read with their account: engagement/auth_backends.py) and, with `home`,
    their tenancy, home, block, estate and ward in one more query. A page that shows none of those does
    without."""
    if not request.user.is_authenticated:
        return None
    try:
        resident = request.user.resident
    except Resident.DoesNotExist:
        return None
    if home:
        read_home(resident)
    return resident


def read_home(resident: Resident) -> None:
    """Read the resident's tenancy with its home, block, estate and ward, in one query."""
    if resident.tenancy_id:
        tenancy = Tenancy.objects.select_related("home__block__estate__ward").filter(pk=resident.tenancy_id).first()
        if tenancy is not None:
            resident.tenancy = tenancy


def resident_required(view=None, *, verified_tenancy=False, home=True):
    """Signed in, with a resident record (and, if asked, a verified tenancy); passes `resident` to the view,
    with their home unless `home` is false (see resident_or_none)."""

    def decorate(view):
        @login_required
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            resident = resident_or_none(request, home=home)
            if resident is None:
                # Staff accounts and half-finished sign-ups have no resident pages.
                return render(request, "engagement/no_resident_record.html", status=403)
            if verified_tenancy and not resident.has_verified_tenancy:
                return redirect(f"{reverse('verify_tenancy')}?{urlencode({'next': request.get_full_path()})}")
            return view(request, *args, resident=resident, **kwargs)

        return wrapper

    return decorate(view) if view else decorate
