"""A small knowledge base for the tests of the output layer's writers (kb.json, JSON-LD, the
search index, alias redirects): a source, people, an organisation, a treaty, a topic, and the
`make_site`, from which each test module makes its module-scoped fixtures."""

from __future__ import annotations

import pytest

from helpers import write_tree
from kb.config import load_config
from kb.site import Site

SOURCE = """---
title: The article
description: The source.
author: Eugene Ivanov
publisher: Rossiyskaya Gazeta
published: early 2011
kind: commentary
licence: all rights reserved
paragraphs: "8-9"
---
# The article
## ¶8 {#p8}
## ¶9 {#p9}
"""

#: One entity of each type, with aliases, an old path, relations, citations and positions.
FILES = {
    "sources/ivanov-2011.md": SOURCE,
    "people/dmitry-rogozin.md": """---
title: Dmitry Rogozin
description: An ambassador.
aliases: [Rogozin, "Dmitry Olegovich Rogozin", "R&D <x>"]
redirect_from: [people/rogozin-old.md]
tags: [diplomacy]
role: Ambassador to NATO
as_of: 2008–2011
country: Russia
born: 1963-12-21
relations:
  ambassador_to:
    - target: organisations/nato.md
      scope: 2008–2011
      cite: ivanov-2011#8
---
# Dmitry Rogozin

Text.[^p8]

[^p8]: [¶8](../sources/ivanov-2011.md#p8)
""",
    "organisations/nato.md": """---
title: NATO
description: An alliance.
aliases: [North Atlantic Treaty Organization]
kind: military alliance
founded: 1949-04-04
---
# NATO

[¶9](../sources/ivanov-2011.md#p9) and [¶8](../sources/ivanov-2011.md#p8)
""",
    "treaties/new-start.md": """---
title: New START
description: A treaty.
signed: 2010-04-08
parties: [United States, Russia]
in_force: 2011-02
treaty_status: In force
---
# New START
""",
    "events/signing.md": """---
title: Prague signing
description: The signing.
date: 2010-04-08
location: Prague
relations:
  about: [treaties/new-start.md]
---
# Signing
[¶9](../sources/ivanov-2011.md#p9)
""",
    "events/summit.md": "---\ntitle: Lisbon summit\ndescription: A summit.\n"
                        "date: 2010-11-20\nend: 2010-11-21\n---\n# S\n",
    "places/kaliningrad.md": "---\ntitle: Kaliningrad\ndescription: An exclave.\n"
                             "kind: exclave\ncountry: Russia\n---\n# K\n",
    "topics/missile-defence.md": """---
title: Missile defence
description: A topic.
positions:
  - holder: people/dmitry-rogozin.md
    summary: Wants a joint system.
    cite: ivanov-2011#8
    quote: two key arrangement
    scope: "2011"
  - holder: Some analysts
    summary: Doubt it.
    cite: ivanov-2011#9
---
# Missile defence
""",
    "index.md": "---\ntitle: Home\naliases: [Start]\n---\n# Home\n",
}

SITE_URL = "https://kb.example/"


def make_site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """The small knowledge base's site model, written in a fresh folder."""
    return Site(load_config(write_tree(tmp_path_factory.mktemp("small-kb"), FILES)))
