"""The directory and each TRA's public page: open to everyone, signed in or not."""

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from engagement.models import Block, Estate, Home, Ward
from engagement.protected_files import protected_file_response
from engagement.throttle import public_message_allowed, status_for
from engagement.versions import kept
from engagement.views.residents import resident_or_none
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
    tra = get_object_or_404(TenantsAssociation.objects.select_related("ward"), slug=slug)
    resident = resident_or_none(request)
    membership = None
    covers_you = False
    on_committee = False
    if resident is not None:
        membership = Membership.objects.open().filter(tra=tra, resident=resident).first()
        covers_you = lives_in_area_of(resident, tra)
        on_committee = bool(committee_roles(resident, tra))
    is_member = membership is not None and membership.status == Membership.Status.MEMBER
    documents = tra.documents.all()
    if not (is_member or on_committee):
        documents = documents.filter(visibility=TRADocument.Visibility.PUBLIC)
    meetings = TRAMeeting.objects.filter(tra=tra).upcoming().with_event()
    if not on_committee:
        meetings = meetings.public()
    return render(
        request,
        "tenants_associations/detail.html",
        {
            "tra": tra,
            "estates": tra.estates.all(),
            "blocks": tra.blocks.select_related("estate"),
            "committee": CommitteeRole.objects.current().filter(tra=tra).select_related("resident").in_role_order(),
            "meetings": meetings,
            "documents": documents,
            "tmos": tmos_of(tra),
            "resident": resident,
            "membership": membership,
            "covers_you": covers_you,
            "on_committee": on_committee,
        },
    )


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
