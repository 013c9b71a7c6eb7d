"""“You said, we did”: what changed because residents told us, published back to them."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from surveys.models.surveys import Survey


class YouSaidWeDid(models.Model):
    title = models.CharField(max_length=200)
    you_said = models.TextField("you said", help_text="What residents told us, in a few plain sentences.")
    we_did = models.TextField("we did", help_text="What we changed, or will change and when.")
    survey = models.ForeignKey(Survey, null=True, blank=True, on_delete=models.SET_NULL, related_name="you_said_we_did")
    # Panels, walkabouts and other ways residents told us are named here until they can be linked.
    source_title = models.CharField(
        "where residents told us",
        max_length=200,
        blank=True,
        help_text="If not a survey: for example “Damp and mould panel” or “Evelyn Gardens walkabout”.",
    )
    link_url = models.URLField("link", blank=True, help_text="Optional: a page with more detail.")
    link_text = models.CharField(max_length=120, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    participants_told_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-published_at", "-created_at"]
        verbose_name = "you said, we did"
        verbose_name_plural = "you said, we did"

    def __str__(self):
        return self.title

    def clean(self):
        if not self.survey_id and not self.source_title:
            raise ValidationError({"source_title": "Choose the survey, or say where residents told us."})
        if self.link_url and not self.link_text:
            raise ValidationError({"link_text": "Enter the words for the link."})

    @property
    def source(self) -> str:
        return self.survey.title if self.survey_id else self.source_title
