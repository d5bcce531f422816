"""Spreadsheet cells that cannot run as formulas (CSV or formula injection).

A spreadsheet program treats a cell that starts with =, +, - or @ (or a tab or
carriage return before one) as a formula, so a fellow's job title such as
``=HYPERLINK(...)`` would run when staff open an export. Every export prefixes
such text with a single quote, which the program shows as plain text.
"""

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def escape_formula(value):
    """The value, with a leading quote if it is text that would start a formula.
    Numbers and dates are left alone (a negative number is not a formula)."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return f"'{value}"
    return value


class FormulaSafeExportMixin:
    """Escapes every exported cell, for any view with Wagtail's
    SpreadsheetExportMixin (snippet and modeladmin listings, reports): both the
    CSV and the XLSX writers pass each value through preprocess_field_value."""

    def preprocess_field_value(self, field, value, export_format):
        return escape_formula(
            super().preprocess_field_value(field, value, export_format)
        )
