"""The one spreadsheet reader (uploads and pasted cells) and its limits."""

import io

import pytest

from cohorts.spreadsheets import (
    MAX_FILE_SIZE,
    MAX_ROWS,
    ImportFileError,
    read_pasted,
    read_table,
)


def test_wrong_encoding_is_refused():
    data = "name,profession\nSiân Evans,nurse\n".encode("cp1252")
    with pytest.raises(ImportFileError, match="not UTF-8"):
        read_table("fellows.csv", io.BytesIO(data))


def test_utf8_with_byte_order_mark_is_accepted():
    data = "name,profession\nSiân Evans,nurse\n".encode("utf-8-sig")
    table = read_table("fellows.csv", io.BytesIO(data))
    assert table.headers == ["name", "profession"]


@pytest.mark.parametrize("data", [b"", b"\n\n"], ids=["no bytes", "blank lines"])
def test_empty_file_is_refused(data):
    with pytest.raises(ImportFileError, match="The file is empty"):
        read_table("fellows.csv", io.BytesIO(data))


def test_oversized_file_is_refused():
    data = b"name,profession\n" + b"x" * MAX_FILE_SIZE
    with pytest.raises(ImportFileError, match="larger than 2 MB"):
        read_table("fellows.csv", io.BytesIO(data))


def test_too_many_rows_are_refused():
    text = "name,profession\n" + "a,nurse\n" * (MAX_ROWS + 1)
    with pytest.raises(ImportFileError, match="5,001 rows"):
        read_table("fellows.csv", io.BytesIO(text.encode()))


@pytest.mark.parametrize("name", ["fellows.xls", "fellows.txt", "fellows"])
def test_unsupported_file_type_is_refused(name):
    with pytest.raises(ImportFileError, match="Upload a CSV"):
        read_table(name, io.BytesIO(b"name,profession\n"))


def test_file_that_is_not_a_workbook_is_refused():
    with pytest.raises(ImportFileError, match="could not be read as an Excel"):
        read_table("fellows.xlsx", io.BytesIO(b"name,profession\nSian,nurse\n"))


def test_pasted_cells_are_read_as_tab_separated():
    table = read_pasted("Date\tValue\r\n2015-01-01\t9.5\r\n")
    assert table.headers == ["date", "value"]
    assert table.rows == [[2, {"date": "2015-01-01", "value": "9.5"}]]


def test_pasted_text_without_tabs_is_read_as_csv():
    table = read_pasted("date,value\n2015-01-01,9.5\n")
    assert table.rows == [[2, {"date": "2015-01-01", "value": "9.5"}]]


@pytest.mark.parametrize(
    ("text", "message"),
    [(" \n", "Nothing was pasted."), ("a\tb\n" + "x" * MAX_FILE_SIZE, "larger")],
    ids=["blank", "oversized"],
)
def test_bad_paste_is_refused(text, message):
    with pytest.raises(ImportFileError, match=message):
        read_pasted(text)
