"""The site's own scripts and stylesheets, published without their comments and spaces.

reader.js, graph.js and kb.css explain themselves at length in docs/; a reader's phone need not
download the explanation. rjsmin and rcssmin (well-kept, C-accelerated) remove comments and
spaces only: no name is changed, so the published file behaves as the source does (the browser
tests run against the published files). Licence comments (``/*!``) are kept.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterable
from pathlib import Path

import rcssmin
import rjsmin

#: What minifies a file, by its suffix.
MINIFIERS: dict[str, Callable[[str], str]] = {
    ".js": lambda text: rjsmin.jsmin(text, keep_bang_comments=True),
    ".css": lambda text: rcssmin.cssmin(text, keep_bang_comments=True),
}


def minify(text: str, suffix: str) -> str:
    """`text` without comments and needless spaces, as the file type with `suffix` allows."""
    return MINIFIERS[suffix](text)


def minify_files(site_dir: Path, paths: Iterable[str]) -> list[str]:
    """Minify in place each file of the built site named by `paths` (from the site's root, as
    mkdocs.yml names them); return the paths minified. A path that leaves the site is an error."""
    done = []
    for path in paths:
        clean = posixpath.normpath(path.lstrip("/"))
        suffix = posixpath.splitext(clean)[1].lower()
        if clean == ".." or clean.startswith("../"):
            raise ValueError(f"{path!r}: a script or stylesheet outside the site cannot be published")
        target = site_dir / clean
        if suffix not in MINIFIERS or not target.is_file():
            continue
        text = target.read_text(encoding="utf-8")
        target.write_text(minify(text, suffix), encoding="utf-8")
        done.append(clean)
    return done
