"""Framework tab sets open on the chapter's framework (Parts II and III), in
the HTML itself, so nothing moves as the page loads; sphinx-design's script
still applies a reader's stored choice over it.
"""

from __future__ import annotations

from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx_design.shared import is_component

from .site import PARTS


class ChapterFrameworkFirst(SphinxPostTransform):
    # before sphinx-design's TabSetHtmlTransform (200) turns tab items into inputs
    default_priority = 199
    formats = ("html",)

    def run(self, **kwargs) -> None:
        framework = PARTS.get(self.env.docname.split("/")[0])
        if framework is None:
            return
        for tab_set in self.document.findall(lambda node: is_component(node, "tab-set")):
            items = [child for child in tab_set.children if is_component(child, "tab-item")]
            ours = [item for item in items if item.children and item.children[0].get("sync_id") == framework]
            if ours and not any(item.get("selected", False) for item in items):  # the page's own choice wins
                ours[0]["selected"] = True


def setup(app) -> None:
    app.add_post_transform(ChapterFrameworkFirst)
