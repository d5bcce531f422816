"""The editor as a coach sees it: every field shown as text, with its button to
comment on it, and nothing to type into, add, delete or reorder.

It is the page's own edit handler with each field panel (and each inline panel)
replaced by a ReadOnlyPanel, which has no form field: the form built from it
holds only the comments, so whatever a coach posts, saving stores their
comments and nothing else. Scheduling (the publishing panel) is left out."""

import functools
from dataclasses import dataclass, field

from django.utils.text import capfirst

from wagtail import blocks
from wagtail.admin.panels import (
    FieldPanel,
    InlinePanel,
    Panel,
    PanelGroup,
    PublishingPanel,
)
from wagtail.blocks import StreamValue
from wagtail.embeds.blocks import EmbedValue
from wagtail.rich_text import RichText
from wagtail.utils.text import text_from_html


@functools.cache
def edit_handler_for_reading(page_class):
    """The read-only version of a page class's edit handler."""
    return read_only(page_class.get_edit_handler()).bind_to_model(page_class)


def read_only(panel):
    """A read-only copy of a bound panel and its children (None to leave it out)."""
    if isinstance(panel, PublishingPanel):
        return None
    if isinstance(panel, InlinePanel):
        return ReadOnlyPanel(
            panel.relation_name,
            heading=panel.heading,
            help_text=panel.help_text,
            columns=[
                (capfirst(child.db_field.verbose_name), child)
                for child in field_panels(panel.child_edit_handler)
            ],
        )
    if isinstance(panel, FieldPanel):
        return ReadOnlyPanel(
            panel.field_name,
            heading=panel.heading or capfirst(panel.db_field.verbose_name),
            help_text=panel.help_text or panel.db_field.help_text,
        )
    if isinstance(panel, PanelGroup):
        children = [child for child in map(read_only, panel.children) if child]
        return type(panel)(**{**panel.clone_kwargs(), "children": children})
    return panel.clone()  # the comments, help text: nothing to type into


def field_panels(panel):
    if isinstance(panel, FieldPanel):
        yield panel
    for child in getattr(panel, "children", ()):
        yield from field_panels(child)


@dataclass
class Entry:
    """One labelled part of a value shown as text: a block of a stream, a field
    of a block or of an inline row, with its text or its own parts."""

    label: str
    text: str = ""
    parts: list = field(default_factory=list)


class ReadOnlyPanel(FieldPanel):
    """A field, or the rows of an inline panel (`columns`: their headings and
    field panels), shown as text that can be commented on."""

    read_only_output_template_name = "cohorts/admin/read_only_output.html"

    def __init__(self, field_name, columns=(), **kwargs):
        kwargs["read_only"] = True
        super().__init__(field_name, **kwargs)
        self.columns = columns

    def clone_kwargs(self):
        return {**super().clone_kwargs(), "columns": self.columns}

    def format_value_for_display(self, value):
        """Text, or an Entry whose parts are the rows or the blocks."""
        if self.columns:
            parts = [
                Entry(f"{self.heading} {number}", parts=self.row_entries(row))
                for number, row in enumerate(value.all(), start=1)
            ]
        elif isinstance(value, StreamValue):
            parts = [stream_entry(child.block, child.value) for child in value]
        elif value is None or value == "":
            return ""
        else:
            return str(super().format_value_for_display(value))
        return Entry(self.heading, parts=parts) if parts else ""

    def row_entries(self, row):
        return [
            Entry(heading, display(panel, getattr(row, panel.field_name)))
            for heading, panel in self.columns
        ]

    class BoundPanel(FieldPanel.BoundPanel):
        # The field's wrapper names its content path, which Wagtail's read-only
        # fields leave out, so that the comment button has a field to comment on.
        template_name = "cohorts/admin/read_only_field_panel.html"

        def __init__(self, **kwargs):
            # FieldPanel's own looks the heading up on the model field, which a
            # relation does not have; this panel always has its heading.
            Panel.BoundPanel.__init__(self, **kwargs)
            self.bound_field = None
            self.read_only = True


def display(panel, value):
    """A field's value as text, as the panel shows it ("" when there is none)."""
    if value is None or value == "":
        return ""
    return str(panel.format_value_for_display(value))


def stream_entry(block, value):
    """A block of a stream field and its value, as an Entry."""
    if isinstance(block, blocks.StructBlock):
        parts = [
            stream_entry(child, value.get(name))
            for name, child in block.child_blocks.items()
        ]
    elif isinstance(block, blocks.StreamBlock):
        parts = [stream_entry(child.block, child.value) for child in value]
    elif isinstance(block, blocks.ListBlock):
        parts = [stream_entry(block.child_block, item) for item in value]
    else:
        return Entry(block.label, text_of(block, value))
    return Entry(block.label, parts=parts)


def text_of(block, value):
    if value is None:
        return ""
    if isinstance(value, RichText):
        return text_from_html(value)
    if isinstance(value, EmbedValue):
        return value.url  # its HTML would be fetched from the provider
    if isinstance(block, blocks.ChoiceBlock):
        return str(dict(block.field.choices).get(value, value))
    if isinstance(value, dict | list):  # a table
        return " ".join(block.get_searchable_content(value))
    return str(value)
