"""StreamField blocks of a fellow's QI project: the driver diagram on the
project page and the PDSA cycles recorded in each project update."""

from django.core.exceptions import ValidationError
from django.db import models
from django.template.defaultfilters import linebreaksbr

from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError

NOT_RECORDED = "Not recorded yet"  # a planned cycle's Do and Study


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


NO_DECISION = "No decision yet"


class PDSADecision(models.TextChoices):
    ADOPT = "adopt", "Adopt"
    ADAPT = "adapt", "Adapt"
    ABANDON = "abandon", "Abandon"


# Each stage of a PDSA cycle after the plan needs the one before it.
PDSA_STAGES = [
    ("what_was_done", "study", "Say what was done before the study."),
    ("study", "decision", "Record the study before the decision."),
]


class PDSACycleValue(blocks.StructValue):
    @property
    def decision_label(self):
        """The Act stage: "Adopt", "Adapt" or "Abandon", or "No decision yet" for
        a cycle still being planned or run."""
        decision = self.get("decision")
        return PDSADecision(decision).label if decision else NO_DECISION


class PDSACycleBlock(blocks.StructBlock):
    """One Plan-Do-Study-Act cycle. A cycle is reported as it goes: the plan
    (change idea, start date, prediction) first, then what was done, the study
    and the decision, each once the one before it is recorded."""

    change_idea = blocks.CharBlock(
        max_length=200, help_text="The change tested in this cycle."
    )
    start_date = blocks.DateBlock(help_text="Shown as a marker on the charts.")
    end_date = blocks.DateBlock(required=False)
    prediction = blocks.TextBlock(help_text="Plan: what you expected to happen.")
    what_was_done = blocks.TextBlock(
        required=False,
        label="What was done",
        help_text="Do: what you did and what happened. Leave empty while the "
        "cycle is only planned.",
    )
    study = blocks.TextBlock(
        required=False,
        label="Study against the prediction",
        help_text="Study: how the results compared with the prediction.",
    )
    decision = blocks.ChoiceBlock(
        required=False,
        # The blank choice named, in the editor and in a coach's reading of it.
        choices=[("", NO_DECISION), *PDSADecision.choices],
        help_text="Act: what you decided, once the cycle has been studied.",
    )

    class Meta:
        icon = "rotate"
        label = "PDSA cycle"
        template = "blocks/pdsa_cycle_block.html"
        value_class = PDSACycleValue

    def clean(self, value):
        value = super().clean(value)
        errors = {}
        start, end = value["start_date"], value["end_date"]
        if start and end and end < start:
            errors["end_date"] = ValidationError("The cycle must end after it starts.")
        if not self.is_deferred_validation:  # a draft may be incomplete
            for before, stage, message in PDSA_STAGES:
                if value[stage] and not value[before]:
                    errors[stage] = ValidationError(message)
        if errors:
            raise StructBlockValidationError(block_errors=errors)
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["facts"] = [
            ("Plan: prediction", linebreaksbr(value["prediction"])),
            (
                "Do: what was done",
                linebreaksbr(value["what_was_done"] or NOT_RECORDED),
            ),
            (
                "Study: against the prediction",
                linebreaksbr(value["study"] or NOT_RECORDED),
            ),
            ("Act: decision", value.decision_label),
        ]
        return context


class PDSALogBlock(blocks.StreamBlock):
    pdsa_cycle = PDSACycleBlock()
