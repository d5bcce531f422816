from bs4 import BeautifulSoup

from home.blocks import TableWithCaptionBlock


def test_table_block_renders_its_heading_row_and_rows_as_a_table():
    block = TableWithCaptionBlock()
    value = block.to_python(
        {
            "caption": "Beds by ward",
            "table": {
                "data": [["Ward", "Beds"], ["Ward 7", None]],
                "first_row_is_table_header": True,
            },
        }
    )
    soup = BeautifulSoup(block.render(value), "html.parser")
    assert soup.caption.get_text(strip=True) == "Beds by ward"
    assert [th.get_text(strip=True) for th in soup.select("thead th")] == [
        "Ward",
        "Beds",
    ]
    cells = soup.select("tbody td span:not(.nhsuk-table__heading)")
    assert [cell.get_text(strip=True) for cell in cells] == ["Ward 7", ""]
