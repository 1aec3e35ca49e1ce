"""Every recorded disagreement between frameworks is explained in the docs."""

from tgdocs.site import DOCS

from .frameworks import DISAGREEMENTS


def test_every_disagreement_has_a_section_with_its_label():
    page = (DOCS / "reference" / "framework-differences.md").read_text(encoding="utf-8")
    for label in DISAGREEMENTS:
        assert f"({label})=" in page, f"{label} is not explained on the page"
