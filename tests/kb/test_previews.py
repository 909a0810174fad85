"""kb.previews: a link to the page it is on gets no preview."""

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from kb.previews import NoSamePagePreviews


class _MarkAll(Extension):
    """Stands in for Material's preview extension (which needs a MkDocs build): marks every link."""

    def extendMarkdown(self, md):
        class Mark(Treeprocessor):
            def run(self, root):
                for a in root.iter("a"):
                    a.set("data-preview", "")
        md.treeprocessors.register(Mark(md), "mark", 0)


def test_links_to_this_page_lose_the_mark_and_others_keep_it():
    text = "# Title\n\n[NATO](../nato/) and [below](#views) and [there](../nato/#p8).\n\n## Views\n"
    html = markdown.markdown(text, extensions=[_MarkAll(), NoSamePagePreviews(), "toc"],
                             extension_configs={"toc": {"permalink": True}})
    assert '<a data-preview="" href="../nato/">' in html
    assert '<a data-preview="" href="../nato/#p8">' in html
    assert '<a href="#views">below</a>' in html
    assert 'class="headerlink" href="#views"' in html and html.count("data-preview") == 2
