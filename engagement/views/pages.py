"""Public pages: the home page, the ways to get involved and the footer pages."""

from django.shortcuts import render

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


def csrf_failure(request, reason=""):
    return render(request, "403_csrf.html", status=403)
