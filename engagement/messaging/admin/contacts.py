"""Contact details that have failed for good: officers check them, fix them in the resident's record, and clear the flag."""

from django.contrib import admin
from django.db.models import OuterRef, Q, Subquery
from django.urls import reverse
from django.utils.html import format_html_join

from engagement.admin.filters import estate_filter, ward_filter
from engagement.messaging.admin.outbox import ViewOnlyAdmin
from engagement.messaging.models import ContactToFix, Message

_FAILING = Q(email_undeliverable=True) | Q(mobile_undeliverable=True) | Q(tenancy__home__undeliverable_post=True)


class ProblemFilter(admin.SimpleListFilter):
    title = "what failed"
    parameter_name = "failed"
    _lookups = {
        "email": Q(email_undeliverable=True),
        "mobile": Q(mobile_undeliverable=True),
        "post": Q(tenancy__home__undeliverable_post=True),
    }

    def lookups(self, request, model_admin):
        return [("email", "Email address"), ("mobile", "Mobile number"), ("post", "Postal address")]

    def queryset(self, request, queryset):
        return queryset.filter(self._lookups[self.value()]) if self.value() in self._lookups else queryset


@admin.register(ContactToFix)
class ContactToFixAdmin(ViewOnlyAdmin):
    list_display = ["name", "what_failed", "email", "mobile", "address", "last_failure", "fix"]
    list_filter = [ProblemFilter, estate_filter("tenancy__home__block__"), ward_filter("tenancy__home__block__")]
    list_select_related = ["tenancy__home__block__estate"]
    search_fields = ["first_name", "last_name", "email", "mobile", "tenancy__home__postcode"]

    def get_queryset(self, request):
        last_failure = (
            Message.objects.filter(resident=OuterRef("pk"), status=Message.Status.PERMANENTLY_FAILED)
            .order_by("-failed_at")
            .values("last_error")[:1]
        )
        return super().get_queryset(request).filter(_FAILING).annotate(last_failure_reason=Subquery(last_failure))

    @admin.display(ordering="last_name")
    def name(self, resident):
        return resident.full_name

    @admin.display(description="what failed")
    def what_failed(self, resident):
        post = resident.home is not None and resident.home.undeliverable_post
        failing = {"email": resident.email_undeliverable, "mobile": resident.mobile_undeliverable, "post": post}
        return ", ".join(label for label, failed in failing.items() if failed)

    @admin.display(description="address")
    def address(self, resident):
        return resident.home or "–"

    @admin.display(description="last failure")
    def last_failure(self, resident):
        return resident.last_failure_reason or "–"

    @admin.display(description="")
    def fix(self, resident):
        links = [("resident", reverse("admin:engagement_resident_change", args=[resident.pk]))]
        home = resident.home
        if home is not None and home.undeliverable_post:
            links.append(("address", reverse("admin:engagement_home_change", args=[home.pk])))
        return format_html_join(
            " ",
            '<a href="{}">Check and fix {}<span class="visually-hidden"> of {}</span></a>',
            ((url, what, resident.full_name) for what, url in links),
        )
