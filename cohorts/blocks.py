"""StreamField blocks of a fellow's QI project: the driver diagram on the
project page and the PDSA cycles recorded in each project update."""

from django.core.exceptions import ValidationError
from django.db import models
from django.template.defaultfilters import linebreaksbr

from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError


class SecondaryDriverBlock(blocks.StructBlock):
    driver = blocks.CharBlock(max_length=200, label="Secondary driver")
    change_ideas = blocks.ListBlock(
        blocks.CharBlock(max_length=200, label="Change idea"),
        label="Change ideas",
        help_text="The changes you could test to act on this driver.",
    )

    class Meta:
        icon = "list-ul"


class PrimaryDriverBlock(blocks.StructBlock):
    driver = blocks.CharBlock(
        max_length=200,
        label="Primary driver",
        help_text="Something that must change for the aim to be reached.",
    )
    secondary_drivers = blocks.ListBlock(
        SecondaryDriverBlock(), label="Secondary drivers"
    )

    class Meta:
        icon = "list-ul"
        template = "blocks/primary_driver_block.html"


class DriverDiagramBlock(blocks.StreamBlock):
    """Aim (the project's aim) → primary drivers → secondary drivers → change
    ideas."""

    primary_driver = PrimaryDriverBlock()


class PDSADecision(models.TextChoices):
    ADOPT = "adopt", "Adopt"
    ADAPT = "adapt", "Adapt"
    ABANDON = "abandon", "Abandon"


class PDSACycleBlock(blocks.StructBlock):
    change_idea = blocks.CharBlock(
        max_length=200, help_text="The change tested in this cycle."
    )
    start_date = blocks.DateBlock(help_text="Shown as a marker on the charts.")
    end_date = blocks.DateBlock(required=False)
    prediction = blocks.TextBlock(help_text="Plan: what you expected to happen.")
    what_was_done = blocks.TextBlock(
        label="What was done", help_text="Do: what you did and what happened."
    )
    study = blocks.TextBlock(
        label="Study against the prediction",
        help_text="Study: how the results compared with the prediction.",
    )
    decision = blocks.ChoiceBlock(
        choices=PDSADecision.choices, help_text="Act: what you decided."
    )

    class Meta:
        icon = "rotate"
        label = "PDSA cycle"
        template = "blocks/pdsa_cycle_block.html"

    def clean(self, value):
        value = super().clean(value)
        if value["end_date"] and value["end_date"] < value["start_date"]:
            raise StructBlockValidationError(
                block_errors={
                    "end_date": ValidationError("The cycle must end after it starts.")
                }
            )
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["facts"] = [
            ("Plan: prediction", linebreaksbr(value["prediction"])),
            ("Do: what was done", linebreaksbr(value["what_was_done"])),
            ("Study: against the prediction", linebreaksbr(value["study"])),
            ("Act: decision", PDSADecision(value["decision"]).label),
        ]
        return context


class PDSALogBlock(blocks.StreamBlock):
    pdsa_cycle = PDSACycleBlock()
