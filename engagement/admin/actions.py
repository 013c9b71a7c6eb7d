"""List actions also as buttons on a record's own change page: one way for every admin.

A ModelAdmin that mixes in ChangePageActions names some of its actions in `change_actions`
(action name -> button label). Each becomes a button on the change page of the records it
applies to; pressing it runs the very same action on that one record, with the same permission
checks, so a decision taken from the record's page is the decision the list would take.

An action that asks for details first (`form_action` below: a message, a role, a date) shows
its form; any other is confirmed on a page of its own, so nothing happens on a plain link.

`form_action` and `for_each_row` run a service on each selected row and report each row the
service refuses by the refusal's own message, whichever app's error type says so.
"""

from collections.abc import Callable, Iterable

from django import forms
from django.contrib import messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.utils import quote, unquote
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse


class ChangePageActions:
    """Mix into a ModelAdmin (before admin.ModelAdmin) and set `change_actions`."""

    change_actions: dict[str, str] = {}

    def change_actions_for(self, request, obj) -> list[str]:
        """The actions that apply to this record in its present state (override to leave some out)."""
        return list(self.change_actions)

    def _change_page_actions(self, request, obj) -> list[str]:
        available = self.get_actions(request)
        return [name for name in self.change_actions_for(request, obj) if name in available]

    def _change_action_url(self, obj, name: str) -> str:
        opts = self.opts
        return reverse(
            f"admin:{opts.app_label}_{opts.model_name}_change_action",
            args=[quote(obj.pk), name],
            current_app=self.admin_site.name,
        )

    def get_urls(self):
        opts = self.opts
        return [
            path(
                "<path:object_id>/action/<str:name>/",
                self.admin_site.admin_view(self.change_action_view),
                name=f"{opts.app_label}_{opts.model_name}_change_action",
            ),
            *super().get_urls(),
        ]

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None:
            context["change_page_actions"] = [
                (self.change_actions[name], self._change_action_url(obj, name))
                for name in self._change_page_actions(request, obj)
            ]
        return super().render_change_form(request, context, add, change, form_url, obj)

    def change_action_view(self, request, object_id, name):
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404
        if name not in self._change_page_actions(request, obj):
            raise PermissionDenied
        action, _, description = self.get_actions(request)[name]
        opts = self.opts
        change_url = reverse(
            f"admin:{opts.app_label}_{opts.model_name}_change", args=[quote(obj.pk)], current_app=self.admin_site.name
        )
        if getattr(action, "asks_for_details", False) or (request.method == "POST" and "confirm" in request.POST):
            response = action(self, request, self.get_queryset(request).filter(pk=obj.pk))
            return response if response is not None else redirect(change_url)
        return TemplateResponse(
            request,
            "admin/change_page_action.html",
            {
                **self.admin_site.each_context(request),
                "opts": opts,
                "title": self.change_actions[name],
                "object": obj,
                "description": description,
                "change_url": change_url,
            },
        )


# A link typed without its scheme is a web page's: https, as everywhere else in the portal.
WEB_ADDRESSES = {models.URLField: {"assume_scheme": "https"}}


def date_input() -> forms.DateInput:
    """The browser's date picker, which needs its value as YYYY-MM-DD whatever the locale."""
    return forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})


def for_each_row(
    modeladmin,
    request,
    rows: Iterable,
    run: Callable,
    *,
    refused: type[Exception] | tuple[type[Exception], ...],
    done: str,
    refused_level: int = messages.ERROR,
) -> int:
    """Call `run(row)` for each row; report each refusal by its message, then `done` with the count that went ahead.

    Each row goes ahead or not on its own, so one refusal does not hold up the rest.
    """
    succeeded = 0
    for row in rows:
        try:
            run(row)
        except refused as refusal:
            modeladmin.message_user(request, f"{row}: {refusal}", refused_level)
        else:
            succeeded += 1
    if succeeded:
        modeladmin.message_user(request, done.format(count=succeeded), messages.SUCCESS)
    return succeeded


def form_action(
    *,
    name: str,
    description: str,
    form_class,
    run: Callable,
    refused: type[Exception] | tuple[type[Exception], ...],
    done: str,
    intro: str = "",
    button: str = "Confirm",
    permissions: tuple[str, ...] = ("change",),
):
    """Build an action: first show `form_class` for the selected rows; once it is valid, `run(row, data, user)`.

    A row the service refuses (raising one of `refused`) is reported by the refusal's message; the
    others still go ahead. `done` is formatted with the number that went ahead.
    """

    def action(modeladmin, request, queryset):
        submitted = "apply" in request.POST
        form = form_class(request.POST if submitted else None)
        if submitted and form.is_valid():
            data = form.cleaned_data
            for_each_row(
                modeladmin, request, queryset, lambda row: run(row, data, request.user), refused=refused, done=done
            )
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
        return TemplateResponse(request, "admin/action_form.html", context)

    action.__name__ = name
    action.short_description = description
    action.allowed_permissions = permissions
    # On a record's own page (ChangePageActions above) the form is shown first too.
    action.asks_for_details = True
    return action
