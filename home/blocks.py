from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=120)
    level = blocks.ChoiceBlock(
        choices=[("h2", "Heading 2"), ("h3", "Heading 3")], default="h2"
    )

    class Meta:
        icon = "title"
        template = "blocks/heading_block.html"


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock()
    alt_text = blocks.CharBlock(
        required=False,
        help_text="Describe the image for people who cannot see it. "
        "Leave empty if it is decorative.",
    )
    caption = blocks.CharBlock(required=False)

    class Meta:
        icon = "image"
        template = "blocks/image_block.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock()
    attribution = blocks.CharBlock(required=False)

    class Meta:
        icon = "openquote"
        template = "blocks/quote_block.html"


class CallToActionBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=80)
    page = blocks.PageChooserBlock(required=False)
    url = blocks.URLBlock(required=False, help_text="Used when no page is chosen.")

    class Meta:
        icon = "link"
        template = "blocks/call_to_action_block.html"


class TableWithCaptionBlock(blocks.StructBlock):
    caption = blocks.CharBlock(help_text="Say what the table shows.")
    table = TableBlock()

    class Meta:
        icon = "table"
        template = "blocks/table_with_caption_block.html"


class BaseStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        features=["bold", "italic", "link", "ol", "ul", "document-link"],
        template="blocks/paragraph_block.html",
    )
    image = ImageBlock()
    quote = QuoteBlock()
    call_to_action = CallToActionBlock()
    embed = EmbedBlock(template="blocks/embed_block.html")
    table = TableWithCaptionBlock()
