"""The public partnerships page: who we work with and the community projects they fund. Never a contact's details."""

from django.shortcuts import render

from engagement.partnerships.services import partnerships_page


def partnerships(request):
    return render(request, "partnerships/partnerships.html", {"page": partnerships_page()})
