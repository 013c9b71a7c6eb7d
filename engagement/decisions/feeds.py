"""The register as an Atom feed: each published decision, newest change first."""

from django.contrib.syndication.views import Feed
from django.db.models import Max
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from engagement.decisions.models import Decision

ITEMS = 30


class DecisionsFeed(Feed):
    feed_type = Atom1Feed
    title = "You said, we did: decisions"
    subtitle = "What the council decided because of what residents told us, and where each decision stands."

    def link(self):
        return reverse("decisions:register")

    def items(self):
        return (
            Decision.objects.published()
            .annotate(last_change=Max("history__created_at"))
            .order_by("-last_change", "-published_at")[:ITEMS]
        )

    def item_title(self, decision):
        return f"{decision.title} ({decision.get_status_display()})"

    def item_description(self, decision):
        return f"You said: {decision.you_said}\n\nWe decided: {decision.we_did}"

    def item_pubdate(self, decision):
        return decision.published_at

    def item_updateddate(self, decision):
        return max(filter(None, [decision.last_change, decision.published_at]))
