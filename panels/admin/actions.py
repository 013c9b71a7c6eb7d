"""Admin actions that ask for details first (a message, a date, a role), then call a service for each row."""

from collections.abc import Callable

from django import forms
from django.contrib import messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.template.response import TemplateResponse

from panels.services import PanelError


def date_input() -> forms.DateInput:
    """The browser's date picker, which needs its value as YYYY-MM-DD whatever the locale."""
    return forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})


def form_action(
    *,
    name: str,
    description: str,
    form_class,
    run: Callable,
    done: str,
    intro: str = "",
    button: str = "Confirm",
    permissions: tuple[str, ...] = ("change",),
):
    """Build an action: first show `form_class` for the selected rows; once it is valid, `run(row, data, user)`.

    A row the service refuses is reported by its PanelError message; the others still go ahead,
    each in its own transaction. `done` is formatted with the number that went ahead.
    """

    def action(modeladmin, request, queryset):
        submitted = "apply" in request.POST
        form = form_class(request.POST if submitted else None)
        if submitted and form.is_valid():
            succeeded = 0
            for row in queryset:
                try:
                    run(row, form.cleaned_data, request.user)
                except PanelError as error:
                    modeladmin.message_user(request, f"{row}: {error}", messages.ERROR)
                else:
                    succeeded += 1
            if succeeded:
                modeladmin.message_user(request, done.format(count=succeeded), messages.SUCCESS)
            return None
        context = {
            **modeladmin.admin_site.each_context(request),
            "title": description,
            "intro": intro,
            "rows": queryset,
            "form": form,
            "action_name": name,
            "button": button,
            "opts": modeladmin.model._meta,
            "action_checkbox_name": ACTION_CHECKBOX_NAME,
            "from_change_page": bool(request.resolver_match)
            and request.resolver_match.url_name.endswith("_change_action"),
        }
        return TemplateResponse(request, "admin/panels/action_form.html", context)

    action.__name__ = name
    action.short_description = description
    action.allowed_permissions = permissions
    # On a record's own page (engagement.admin.actions.ChangePageActions) the form is shown first too.
    action.asks_for_details = True
    return action
