"""Public pages: the home page, the ways to get involved and the footer pages."""

from django.conf import settings
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from engagement.framework import FRAMEWORK


def home(request):
    resident = getattr(request.user, "resident", None) if request.user.is_authenticated else None
    return render(request, "engagement/home.html", {"framework": FRAMEWORK, "resident": resident})


def accessibility(request):
    return render(request, "engagement/accessibility.html")


def privacy(request):
    return render(request, "engagement/privacy.html")


def cookies(request):
    return render(request, "engagement/cookies.html")


def bare_layout(request):
    """The layout with nothing in it: the baseline for the page benchmark. Not there unless switched on."""
    if not settings.BARE_LAYOUT_PAGE:
        raise Http404
    return render(request, "base.html", {"page_title": _("Bare layout")})


def csrf_failure(request, reason=""):
    return render(request, "403_csrf.html", status=403)
