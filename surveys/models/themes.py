"""Coding written answers: officers keep a list of themes for a survey and tag each written answer with some."""

from django.db import models

from surveys.models.responses import Answer
from surveys.models.surveys import Survey


class Theme(models.Model):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="themes")
    name = models.CharField(max_length=100, help_text="A few words residents would recognise, like “Dark stairwells”.")
    description = models.CharField(max_length=300, blank=True, help_text="Optional: what belongs under it.")
    answers = models.ManyToManyField(Answer, blank=True, related_name="themes")

    class Meta:
        ordering = ["survey", "name"]
        constraints = [models.UniqueConstraint("survey", "name", name="one_theme_name_per_survey")]

    def __str__(self):
        return f"{self.name} ({self.survey})"


class WrittenAnswerQuerySet(models.QuerySet):
    def written(self):
        return self.filter(question__kind="text").exclude(text="")


class WrittenAnswer(Answer):
    """A written (free-text) answer, as officers code it in admin."""

    objects = WrittenAnswerQuerySet.as_manager()

    class Meta:
        proxy = True
        verbose_name = "written answer"
        verbose_name_plural = "written answers (to tag with themes)"

    def __str__(self):
        return self.text[:60] + ("…" if len(self.text) > 60 else "")
