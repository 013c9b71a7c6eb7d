from django import forms
from django.contrib import admin, messages
from django.utils import timezone

from engagement.admin.actions import date_input, form_action
from engagement.admin.filters import estate_filter, ward_filter
from panels.models import Membership
from panels.services import PanelError
from panels.services.meetings import member_meetings_invite
from panels.services.records import membership_change_role, membership_end


class EndForm(forms.Form):
    ended_on = forms.DateField(label="Ended on", initial=timezone.localdate, widget=date_input())
    reason = forms.CharField(label="Why", max_length=250, help_text="For example, term ended, stood down, moved away.")


class ChangeRoleForm(forms.Form):
    role = forms.ChoiceField(choices=Membership.Role.choices)
    on = forms.DateField(label="From", initial=timezone.localdate, widget=date_input())


end_memberships = form_action(
    name="end_memberships",
    description="End the selected memberships",
    form_class=EndForm,
    run=lambda membership, data, user: membership_end(
        membership=membership, on=data["ended_on"], reason=data["reason"]
    ),
    refused=PanelError,
    done="{count} membership(s) ended. They stay in the panel's history.",
    button="End memberships",
)

change_role = form_action(
    name="change_role",
    description="Change the role of the selected members",
    form_class=ChangeRoleForm,
    run=lambda membership, data, user: membership_change_role(membership=membership, role=data["role"], on=data["on"]),
    refused=PanelError,
    done="{count} role(s) changed. The earlier role stays in the panel's history.",
    intro="Each membership ends the day before and a new one starts with the new role, so the history shows both.",
    button="Change role",
)


class CurrentFilter(admin.SimpleListFilter):
    title = "current or past"
    parameter_name = "current"

    def lookups(self, request, model_admin):
        return [("yes", "Current"), ("no", "Ended")]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(ended_on__isnull=True)
        if self.value() == "no":
            return queryset.filter(ended_on__isnull=False)
        return queryset


class MembershipForm(forms.ModelForm):
    class Meta:
        model = Membership
        fields = ["panel", "resident", "staff_user", "role", "started_on", "term_ends_on"]

    def _value(self, name: str):
        # On a saved membership who holds it, the role and the start are shown, not edited: check what it holds.
        return self.cleaned_data.get(name) if name in self.fields else getattr(self.instance, name)

    def clean(self):
        cleaned = super().clean()
        resident, staff_user, role = self._value("resident"), self._value("staff_user"), self._value("role")
        if bool(resident) == bool(staff_user):
            raise forms.ValidationError("Choose either a resident or a member of staff")
        if staff_user and role != Membership.Role.STAFF_MEMBER:
            self.add_error("role", "Members of staff hold staff member seats")
        if resident and role == Membership.Role.STAFF_MEMBER:
            self.add_error("role", "Residents cannot hold staff member seats")
        started, ends = self._value("started_on"), self._value("term_ends_on")
        if started and ends and ends <= started:
            self.add_error("term_ends_on", "The term must end after it starts")
        return cleaned


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    form = MembershipForm
    list_display = ["member", "panel", "role", "started_on", "term_ends_on", "ended_on", "current"]
    list_filter = [
        "panel",
        "role",
        CurrentFilter,
        estate_filter("resident__tenancy__home__block__"),
        ward_filter("resident__tenancy__home__block__"),
    ]
    list_select_related = ["panel", "resident", "staff_user"]
    search_fields = ["resident__first_name", "resident__last_name", "staff_user__email", "staff_user__last_name"]
    autocomplete_fields = ["resident"]
    actions = [end_memberships, change_role]

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        # Who and what stay as they were: a change is a new membership, so the history is kept.
        return ["panel", "resident", "staff_user", "role", "started_on", "ended_on", "end_reason", "application"]

    def get_fields(self, request, obj=None):
        if obj is None:
            return MembershipForm.Meta.fields
        return [*self.get_readonly_fields(request, obj), "term_ends_on"]

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not change:
            invited = member_meetings_invite(membership=obj, by=request.user)
            if invited:
                self.message_user(request, f"Invited to the panel's next {invited} meeting(s).", messages.SUCCESS)

    @admin.display(ordering="resident__last_name")
    def member(self, membership):
        return membership.member_name

    @admin.display(boolean=True)
    def current(self, membership):
        return membership.is_current
