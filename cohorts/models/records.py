"""Plain records that are not content, kept with wagtail-modeladmin."""

from django.db import models


class FellowOutcome(models.Model):
    class Kind(models.TextChoices):
        PRESENTATION = "presentation", "Conference presentation"
        POSTER = "poster", "Poster"
        PUBLICATION = "publication", "Publication"
        AWARD = "award", "Award"
        PROMOTION = "promotion", "Promotion"
        SPREAD = "spread", "Project spread to another site"

    fellow = models.ForeignKey(
        "cohorts.Fellow", on_delete=models.CASCADE, related_name="outcomes"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    date = models.DateField()
    title = models.CharField(max_length=255)
    link = models.URLField(blank=True)
    details = models.TextField(blank=True)

    class Meta:
        ordering = ["-date", "title"]

    def __str__(self):
        return f"{self.title} ({self.get_kind_display()})"
