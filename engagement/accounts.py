"""How allauth fits the portal: where people land after signing in."""

from allauth.account.adapter import DefaultAccountAdapter
from django.urls import reverse


class AccountAdapter(DefaultAccountAdapter):
    def get_login_redirect_url(self, request):
        user = request.user
        if user.is_staff:
            return reverse("admin:index")
        resident = getattr(user, "resident", None)
        if resident is not None and not resident.has_verified_tenancy:
            return reverse("verify_tenancy")
        return super().get_login_redirect_url(request)
