"""The ways to get involved, in the council's engagement framework's own words.

The home page lists them all. Each names the URL of its section; a section whose URL
does not exist yet is shown as "coming soon", so there are no broken links while the
portal grows.
"""

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

# The events pages listed under their own item in the navigation rather than under What's on.
LEARN_AND_VOLUNTEER_KINDS = ("training", "volunteering")
LEARN_AND_VOLUNTEER_PAGES = ("my_training", "my_volunteering")


@dataclass(frozen=True)
class Element:
    title: str
    summary: str
    url_name: str | None = None
    url_kwargs: tuple = ()

    @property
    def url(self) -> str | None:
        if not self.url_name:
            return None
        try:
            return reverse(self.url_name, kwargs=dict(self.url_kwargs))
        except NoReverseMatch:
            return None


@dataclass(frozen=True)
class Group:
    heading: str
    elements: tuple[Element, ...]


FRAMEWORK = (
    Group(
        _("Come to an event"),
        (
            Element(
                _("Roadshows"),
                _(
                    "Four a year, two online and two in person. A senior housing manager updates you on "
                    "services and changes, with a drop-in before for individual issues."
                ),
                "events:kind",
                (("kind", "roadshow"),),
            ),
            Element(
                _("Repairs open days"),
                _("Meet repairs staff on a different estate each time and report repairs."),
                "events:kind",
                (("kind", "repairs_open_day"),),
            ),
            Element(
                _("Estate walkabouts"),
                _("Walk your estate with staff. Residents and resident groups can ask for one."),
                "events:kind",
                (("kind", "walkabout"),),
            ),
            Element(
                _("Housing officer surgeries"),
                _("Talk to your housing officer on or near your estate."),
                "events:kind",
                (("kind", "surgery"),),
            ),
            Element(
                _("Workshops"),
                _("One-off sessions, online and in person, to plan how to tackle an issue. Suggest a topic."),
                "events:kind",
                (("kind", "workshop"),),
            ),
        ),
    ),
    Group(
        _("Join a panel or forum"),
        (
            Element(
                _("Resident panels"),
                _("Task and finish panels on one service, with a clear, dated outcome. Training is offered."),
                "panels:kind",
                (("kind", "task_and_finish"),),
            ),
            Element(
                _("Service and Performance Panel"),
                _("Residents, TRA representatives and senior staff overseeing performance and this framework."),
                "panels:kind",
                (("kind", "service_and_performance"),),
            ),
            Element(
                _("Building safety panel"),
                _("For residents of buildings covered by the Building Safety Act."),
                "panels:kind",
                (("kind", "building_safety"),),
            ),
            Element(
                _("Leasehold forum"),
                _("Leaseholders giving feedback to the Homeownership team."),
                "panels:kind",
                (("kind", "leasehold_forum"),),
            ),
            Element(
                _("Independent living forum"),
                _("A resident-led forum for people living in independent living schemes."),
                "panels:kind",
                (("kind", "independent_living_forum"),),
            ),
        ),
    ),
    Group(
        _("Your community"),
        (
            Element(
                _("Tenants and Residents Associations"),
                _("Find and join your TRA, or start one where there is none."),
                "tenants_associations:directory",
            ),
            Element(
                _("Community projects"),
                _("Tell us each year which community projects to fund first."),
                "community_projects:index",
            ),
            Element(
                _("Estate ballots"),
                _("Where an estate may be rebuilt, residents vote on the landlord's offer: ballots and results."),
                "ballots:list",
            ),
            Element(
                _("Our partners"),
                _("Who we work with, and the community projects they fund, such as free tutoring and Street Games."),
                "partnerships:index",
            ),
        ),
    ),
    Group(
        _("Learn and volunteer"),
        (
            Element(
                _("Training programme"),
                _("Free courses: TRA committee skills, chairing, finance, digital skills and more."),
                "events:kind",
                (("kind", "training"),),
            ),
            Element(
                _("Volunteering"),
                _("Litter picks, community gardening and helping at events. We record the hours you give."),
                "events:kind",
                (("kind", "volunteering"),),
            ),
        ),
    ),
    Group(
        _("Have your say online"),
        (
            Element(
                _("Online sounding board"),
                _("Surveys and discussions about housing services, by email, text or letter."),
                "surveys:index",
            ),
            Element(_("You said, we did"), _("What changed because of what residents told us."), "decisions:register"),
        ),
    ),
)


def navigation(request) -> list[dict]:
    """The service navigation: sections that exist, then the resident's own pages."""
    current = request.resolver_match.namespace if request.resolver_match else ""
    url_name = request.resolver_match.url_name if request.resolver_match else ""
    kind = request.resolver_match.kwargs.get("kind") if request.resolver_match else None
    if current == "events" and (kind in LEARN_AND_VOLUNTEER_KINDS or url_name in LEARN_AND_VOLUNTEER_PAGES):
        current = "learn_and_volunteer"
    items = []
    for label, name, kwargs, namespace in (
        (_("What's on"), "events:list", None, "events"),
        (_("Training and volunteering"), "events:kind", {"kind": "training"}, "learn_and_volunteer"),
        (_("Panels and forums"), "panels:list", None, "panels"),
        (_("TRAs"), "tenants_associations:directory", None, "tenants_associations"),
        (_("Sounding board"), "surveys:index", None, "surveys"),
    ):
        try:
            items.append({"label": label, "url": reverse(name, kwargs=kwargs), "active": current == namespace})
        except NoReverseMatch:
            continue
    if request.user.is_authenticated:
        account_url = reverse("my_account")
        items.append({"label": _("Your account"), "url": account_url, "active": request.path.startswith(account_url)})
    else:
        items.append({"label": _("Sign in"), "url": reverse("account_login"), "active": url_name == "account_login"})
    return items


# Links on the resident's account page to their own pages in each app ("Your events"…),
# added by each app in its AppConfig.ready() so the account page needs no edit per app.
_account_links: list[tuple[str, str]] = []


def register_account_link(label: str, url_name: str) -> None:
    if (label, url_name) not in _account_links:
        _account_links.append((label, url_name))


def account_links() -> list[dict]:
    links = []
    for label, url_name in _account_links:
        try:
            links.append({"label": label, "url": reverse(url_name)})
        except NoReverseMatch:
            continue
    return links
