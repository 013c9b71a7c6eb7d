"""How allauth fits the portal: where people land after signing in, and the emails it sends in our words."""

from urllib.parse import quote

from allauth.account import app_settings as allauth_settings
from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.urls import reverse

from engagement.links import site_url
from engagement.models import User

# How long each kind of code works, for the email that carries it.
_CODE_SECONDS = {
    "account/email/email_confirmation": lambda: allauth_settings.EMAIL_VERIFICATION_BY_CODE_TIMEOUT,
    "account/email/email_confirmation_signup": lambda: allauth_settings.EMAIL_VERIFICATION_BY_CODE_TIMEOUT,
    "account/email/login_code": lambda: allauth_settings.LOGIN_BY_CODE_TIMEOUT,
}


class AccountAdapter(DefaultAccountAdapter):
    def get_login_redirect_url(self, request):
        user = request.user
        if user.is_staff:
            return reverse("admin:index")
        resident = getattr(user, "resident", None)
        if resident is not None and not resident.has_verified_tenancy:
            return reverse("verify_tenancy")
        return super().get_login_redirect_url(request)

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """Every account email greets the resident by name and signs off as the service, with SITE_URL links."""
        user = context.get("user") or User.objects.filter(email__iexact=email).select_related("resident").first()
        resident = getattr(user, "resident", None) if user is not None else None
        seconds = _CODE_SECONDS.get(template_prefix)
        context = {
            **context,
            # The name the resident gave us; a staff account's own.
            "first_name": getattr(resident, "first_name", "") or getattr(user, "first_name", ""),
            "service_name": settings.SERVICE_NAME,
            "council_name": settings.COUNCIL_NAME,
            "site_url": settings.SITE_URL,
            "code_minutes": seconds() // 60 if seconds else None,
            "link_days": settings.PASSWORD_RESET_TIMEOUT // (24 * 60 * 60),
        }
        super().send_mail(template_prefix, email, context)

    def get_reset_password_from_key_url(self, key: str) -> str:
        # From SITE_URL, like every link we send, not from the address the request came in on.
        url = site_url("account_reset_password_from_key", uidb36="UID", key="KEY")
        return url.replace("UID-KEY", quote(key))

    def add_message(self, request, level, message_template=None, message_context=None, extra_tags="", message=None):
        # Confirming the code from a sign-up email also signs the resident in: one banner says so, not two.
        if message_template == "account/messages/logged_in.txt" and getattr(request, "_email_just_confirmed", False):
            return
        if message_template == "account/messages/email_confirmed.txt":
            request._email_just_confirmed = True
        super().add_message(request, level, message_template, message_context, extra_tags, message)
