"""The directory and each TRA's public page: open to everyone, signed in or not."""

from datetime import timedelta

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from engagement.models import Block, Estate, Home, Resident, Ward
from engagement.protected_files import protected_file_response
from engagement.throttle import public_message_allowed, status_for
from engagement.versions import kept
from engagement.views.residents import resident_or_none
from events.models import Event, Venue
from tenants_associations.directory import directory_estates, directory_listings, tmos_of
from tenants_associations.forms import ContactCommitteeForm, DirectorySearchForm
from tenants_associations.models import (
    CommitteeRole,
    Membership,
    TenantManagementOrganisation,
    TenantsAssociation,
    TRADocument,
    TRAMeeting,
)
from tenants_associations.rules import can_read_document, committee_roles, lives_in_area_of
from tenants_associations.services.contact import enquiry_send

# Estates on a page of the directory: a large landlord has hundreds.
DIRECTORY_PAGE_SIZE = 50


def directory(request):
    # Only the page number asked for is not a search.
    query = request.GET.copy()
    number = query.pop("page", [None])[-1]
    shown = kept(
        "tra_directory",
        lambda: _directory_shown(query, number),
        *DIRECTORY_TABLES,
        key=(query.urlencode(), number, get_language()),
    )
    return render(request, "tenants_associations/directory.html", shown)


# Every table the directory reads: estates and their wards, blocks and homes (postcodes), TRAs and TMOs.
DIRECTORY_TABLES = (
    Ward,
    Estate,
    Block,
    Home,
    TenantsAssociation,
    TenantsAssociation.estates.through,
    TenantsAssociation.blocks.through,
    TenantManagementOrganisation,
    TenantManagementOrganisation.estates.through,
)


def _directory_shown(query, number) -> dict:
    """The directory's search form and listings as written, the same for everyone who asks the same."""
    form = DirectorySearchForm(query or None)
    page = listings = None
    if not form.is_bound or form.is_valid():
        estates = directory_estates(**form.cleaned_data) if form.is_bound else directory_estates()
        page = Paginator(estates, DIRECTORY_PAGE_SIZE).get_page(number)
        listings = directory_listings(page.object_list)
    context = {"form": form, "page": page, "listings": listings, "searched": form.is_bound, "query": query.urlencode()}
    return {
        "searched": form.is_bound,
        "refused": bool(form.errors),
        "content": render_to_string("tenants_associations/includes/directory_content.html", context),
    }


def detail(request, slug):
    resident = resident_or_none(request)
    membership = None
    covers_you = on_committee = False
    if resident is not None:
        tra = get_object_or_404(TenantsAssociation, slug=slug)
        membership = Membership.objects.open().filter(tra=tra, resident=resident).first()
        covers_you = lives_in_area_of(resident, tra)
        on_committee = bool(committee_roles(resident, tra))
    is_member = membership is not None and membership.status == Membership.Status.MEMBER
    # What the page shows of the TRA is the same for everyone who may see as much: the public, members
    # (documents for members too) or the committee (committee meetings too).
    audience = "committee" if on_committee else "members" if is_member else "public"
    # Meetings leave the page as they end, and committee seats as their terms do: kept for a minute.
    minute = timezone.now().replace(second=0, microsecond=0)
    shown = kept(
        "tra_page",
        lambda: _tra_shown(slug, audience, minute),
        *TRA_PAGE_TABLES,
        key=(slug, audience, get_language(), minute),
    )
    if shown is None:
        raise Http404
    return render(
        request,
        "tenants_associations/detail.html",
        {
            **shown,
            "resident": resident,
            "membership": membership,
            "covers_you": covers_you,
            "on_committee": on_committee,
        },
    )


# Every table a TRA's page reads: the TRA and what it covers, its committee, meetings, documents and TMOs.
TRA_PAGE_TABLES = (
    TenantsAssociation,
    Ward,
    Estate,
    Block,
    TenantsAssociation.estates.through,
    TenantsAssociation.blocks.through,
    CommitteeRole,
    Resident,
    TRAMeeting,
    Event,
    Venue,
    TRADocument,
    TenantManagementOrganisation,
    TenantManagementOrganisation.estates.through,
)


def _tra_shown(slug: str, audience: str, minute) -> dict | None:
    """The TRA and what its page says about it, as written for `audience` during this `minute`; None if there
    is no such TRA. Meetings that end within the minute are left off, so a kept page never shows one that has
    ended."""
    tra = TenantsAssociation.objects.select_related("ward").filter(slug=slug).first()
    if tra is None:
        return None
    documents = tra.documents.all()
    if audience == "public":
        documents = documents.filter(visibility=TRADocument.Visibility.PUBLIC)
    meetings = TRAMeeting.objects.filter(tra=tra).upcoming(minute + timedelta(minutes=1)).with_event()
    if audience != "committee":
        meetings = meetings.public()
    context = {
        "tra": tra,
        "estates": tra.estates.all(),
        "blocks": tra.blocks.select_related("estate"),
        "committee": CommitteeRole.objects.current(timezone.localdate(minute))
        .filter(tra=tra)
        .select_related("resident")
        .in_role_order(),
        "meetings": meetings,
        "documents": documents,
        "tmos": tmos_of(tra),
    }
    return {"tra": tra, "content": render_to_string("tenants_associations/includes/tra_page.html", context)}


def contact(request, slug):
    tra = get_object_or_404(TenantsAssociation, slug=slug)
    resident = resident_or_none(request)
    if request.method == "POST":
        form = ContactCommitteeForm(request.POST)
        if form.is_valid() and public_message_allowed(request, form):
            enquiry_send(tra=tra, **form.cleaned_data, resident=resident)
            return redirect("tenants_associations:contact_sent", slug=tra.slug)
    else:
        initial = {"name": resident.full_name, "email": resident.email} if resident else {}
        form = ContactCommitteeForm(initial=initial)
    return render(
        request,
        "tenants_associations/contact.html",
        {"form": form, "tra": tra, "page_title": _("Contact {name}").format(name=tra.name)},
        status=status_for(form),
    )


def contact_sent(request, slug):
    tra = get_object_or_404(TenantsAssociation, slug=slug)
    return render(request, "tenants_associations/contact_sent.html", {"tra": tra})


def document(request, slug, document_id):
    document = get_object_or_404(TRADocument.objects.select_related("tra"), pk=document_id, tra__slug=slug)
    if not can_read_document(document, user=request.user, resident=resident_or_none(request)):
        return render(request, "tenants_associations/members_only.html", {"tra": document.tra}, status=403)
    return protected_file_response(
        document.file,
        filename=document.original_name or f"document.{document.extension.lower()}",
        public=document.visibility == TRADocument.Visibility.PUBLIC,
    )
