"""Ballot pages for residents: what the landlord offer is, when voting closes, and voting with the code from the letter.

No sign-in: the code is the voter's credential. Wrong codes are limited per address.
"""

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _

from engagement.ballots.forms import VoteForm
from engagement.ballots.models import Ballot
from engagement.ballots.services import BallotRefused, ballot_result, vote_cast
from engagement.protected_files import protected_file_response
from engagement.throttle import Throttle

# Wrong or used codes per address per hour: plenty for typing mistakes, far too few to guess a 12-character code.
WRONG_VOTING_CODES = Throttle("wrong-voting-code", per_hour=20)


def ballot_or_404(slug: str) -> Ballot:
    """A ballot residents may see: its landlord offer is published."""
    return get_object_or_404(Ballot.objects.published().select_related("scheme"), slug=slug)


def ballots(request):
    found = Ballot.objects.published().select_related("scheme").order_by("-opens_at")
    return render(request, "ballots/ballots.html", {"ballots": found})


def ballot(request, slug):
    found = ballot_or_404(slug)
    result = ballot_result(found) if found.result_is_published else None
    return render(
        request,
        "ballots/ballot.html",
        {"ballot": found, "result": result, "estates": found.scheme.estates.all(), "is_open": found.is_open()},
    )


def vote(request, slug):
    found = ballot_or_404(slug)
    if not found.is_open():
        return render(request, "ballots/not_open.html", {"ballot": found}, status=200)
    too_many = WRONG_VOTING_CODES.used_up(request)
    if request.method == "POST" and not too_many:
        # Counted before the code is looked up, so many tries at once cannot get more.
        too_many = not WRONG_VOTING_CODES.take(request)
    form = VoteForm(request.POST if request.method == "POST" and not too_many else None, question=found.question)
    if form.is_bound and form.is_valid():
        try:
            vote_cast(ballot=found, code=form.cleaned_data["code"], choice=form.cleaned_data["choice"])
        except BallotRefused as refusal:
            form.add_error("choice" if refusal.code == "no_choice" else "code", str(refusal))
        else:
            WRONG_VOTING_CODES.give_back(request)
            return redirect("ballots:voted", slug=found.slug)
    context = {
        "ballot": found,
        "form": form,
        "too_many": too_many,
        "page_title": _("Vote: {name}").format(name=found.scheme.name),
    }
    return render(request, "ballots/vote.html", context, status=429 if too_many else 200)


def voted(request, slug):
    return render(request, "ballots/voted.html", {"ballot": ballot_or_404(slug)})


def _document(file, ballot: Ballot, title: str):
    if not file:
        raise Http404("There is no such document")
    extension = file.name.rsplit(".", 1)[-1] if "." in file.name else "bin"
    return protected_file_response(file, filename=f"{ballot.scheme.name} {title}.{extension}", public=True)


def landlord_offer(request, slug):
    found = ballot_or_404(slug)
    return _document(found.landlord_offer, found, "landlord offer")


def residents_charter(request, slug):
    found = ballot_or_404(slug)
    return _document(found.residents_charter, found, "residents charter")
