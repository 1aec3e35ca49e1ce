"""Framework tabs open on the chapter's own framework.

In Part II (PyTorch) and Part III (TensorFlow) every framework tab set opens
on that part's tab, chosen in the HTML itself, so nothing moves when the page
loads.  A reader's own choice still wins: sphinx-design's script applies the
stored choice over this default.
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
            if any(item.get("selected", False) for item in items):
                continue
            for item in items:
                if item.children and item.children[0].get("sync_id") == framework:
                    item["selected"] = True


def setup(app) -> None:
    app.add_post_transform(ChapterFrameworkFirst)
