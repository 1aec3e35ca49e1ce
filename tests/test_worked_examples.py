"""The step-by-step tables on the pages: every row asserted here by hand."""

from tensorguide.worked_examples import reshape_add_sum


def test_reshape_add_sum_rows():
    rows = reshape_add_sum()
    assert [row.number for row in rows] == [1, 2, 3, 4]
    assert [row.result for row in rows] == [
        "[[1,2,3],[4,5,6]]",
        "[[1,2],[3,4],[5,6]]",
        "[[2,3],[4,5],[6,7]]",
        "27",
    ]
    assert rows[3].calculation == "2 + 3 + 4 + 5 + 6 + 7"


def test_table_renders_as_markdown():
    markdown = reshape_add_sum()._repr_markdown_()
    assert markdown.splitlines()[0] == "| Step | Operation | Calculation | Result |"
    assert "| 4 | Sum all elements | `2 + 3 + 4 + 5 + 6 + 7` | `27` |" in markdown
