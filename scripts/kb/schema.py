"""The content schema: page types, their folders, their front-matter fields and relations.

This module is the single definition. The checker validates pages against it, the scaffold
command writes pages from it, and the site's schema page is generated from it
(``kb.docs.schema_markdown``).

A page's type comes from one place only: its folder (``people/`` holds persons, and so on).
Pages at the top of the docs directory and in ``about/``, and the ``index.md`` of every
folder, are plain pages.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Kind(enum.Enum):
    """The kind of value a front-matter field holds."""

    TEXT = "text"
    """A non-empty string on one line."""
    SENTENCE = "sentence"
    """One sentence: a non-empty string ending with a full stop, at most 300 characters."""
    TEXT_LIST = "list of text"
    """A list of non-empty strings."""
    DATE = "date"
    """A date written ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``."""
    MAPPING = "mapping"
    """A mapping, passed to the theme unchanged."""
    NAMES = "list of names"
    """A list of strings, passed to the theme unchanged (Material's ``hide``)."""
    RELATIONS = "relations"
    """A mapping from relation type to a list of targets (see `RELATIONS`)."""
    POSITIONS = "positions"
    """A list of position records (see `POSITION_KEYS`)."""
    CHOICE = "choice"
    """One of a fixed set of names (see `Field.choices`)."""
    CHOICES = "list of choices"
    """A list of names from a fixed set (see `Field.choices`)."""
    ICON = "icon"
    """The name of an icon of the theme, e.g. ``material/home``."""
    WHEN = "date or text"
    """A date (``YYYY-MM-DD``, ``YYYY-MM``, ``YYYY``) where it is known, else a description ("early 2011")."""
    URL = "address"
    """An ``https://`` (or ``http://``) address on one line."""
    YES_NO = "yes/no"
    """``true`` or ``false``."""
    PARAGRAPHS = "paragraph ranges"
    """Paragraph numbers as ranges, e.g. ``"1-6"`` or ``"1, 2, 4-9"``."""
    FORBIDDEN = "not allowed"
    """A key MkDocs or the theme would read, that no page may set."""


@dataclass(frozen=True)
class Field:
    """One front-matter field."""

    name: str
    kind: Kind
    required: bool
    doc: str
    example: object = None
    choices: tuple[str, ...] = ()
    """The names a `Kind.CHOICE` or `Kind.CHOICES` field may hold."""


@dataclass(frozen=True)
class PageType:
    """One page type: its name, its folder and its fields besides the common ones."""

    name: str
    folder: str
    label: str
    plural: str
    doc: str
    fields: tuple[Field, ...] = ()
    schema_org: str = "Thing"


@dataclass(frozen=True)
class Relation:
    """A typed relation from one entity to another."""

    name: str
    label: str
    """How the relation reads on the page that declares it ("Ambassador to")."""
    inverse: str
    """How it reads on the target page ("Ambassadors")."""
    domain: frozenset[str]
    """Types of page that may declare it."""
    range: frozenset[str]
    """Types of page it may point to."""
    doc: str = ""


# --- Fields -----------------------------------------------------------------------------------

#: The most aliases and old paths (``redirect_from``) one page may have: each makes a redirect
#: page (and aliases a search entry).
MAX_ALIASES = 20
MAX_REDIRECTS = 20


TITLE = Field("title", Kind.TEXT, True,
              "The page's name, as in its first sentence. Like every front-matter value, plain text: no HTML, "
              "no character references such as `&ndash;` (write the character), no control characters.",
              "Dmitry Rogozin")
DESCRIPTION = Field(
    "description",
    Kind.SENTENCE,
    True,
    "One sentence that says what the thing is; shown in indexes, search results and link previews.",
    "Russian politician who was Russia's ambassador to NATO from 2008 to 2011.",
)
ALIASES = Field(
    "aliases",
    Kind.TEXT_LIST,
    False,
    f"Other names and spellings readers may search for (at most {MAX_ALIASES}).",
    ["Rogozin", "Dmitry Olegovich Rogozin"],
)
TAGS = Field("tags", Kind.TEXT_LIST, False, "Themes, shown as tags and listed on the tags page.", ["arms control"])
RELATIONS_FIELD = Field(
    "relations",
    Kind.RELATIONS,
    False,
    "Typed links to other entities; see the relation vocabulary below.",
    {"ambassador_to": [{"target": "organisations/nato.md", "scope": "2008–2011", "cite": "ivanov-2011#8"}]},
)

#: What Material's ``hide:`` can hide.
HIDE_VALUES = ("navigation", "toc", "footer", "path", "tags", "feedback")

#: The page statuses Material for MkDocs knows; a site may declare more in mkdocs.yml under
#: ``extra: status:`` (the status is written into an HTML class, so it must be a known name).
THEME_STATUSES = ("new", "deprecated")

HIDE = Field("hide", Kind.CHOICES, False,
             "Material: parts of the layout to hide, among " + ", ".join(f"``{v}``" for v in HIDE_VALUES) + ".",
             ["toc"], HIDE_VALUES)
SEARCH = Field("search", Kind.MAPPING, False, "Material: search settings for the page (``boost``, ``exclude``).")
ICON = Field("icon", Kind.ICON, False,
             "Material: the page's icon in navigation; the name of an icon of the theme (or of overrides/.icons/).",
             "material/home")
STATUS = Field("status", Kind.CHOICE, False,
               "Material: the page's status badge: " + " or ".join(f"``{v}``" for v in THEME_STATUSES)
               + ", or a status declared in mkdocs.yml under ``extra.status``.",
               "new", THEME_STATUSES)
TEMPLATE = Field("template", Kind.FORBIDDEN, False,
                 "MkDocs: the template a page is rendered with. A page cannot choose it: another template "
                 "could drop the site's protections (maintainers set templates in overrides/).")

#: Keys MkDocs or Material for MkDocs give a meaning; allowed on plain pages only, and checked on
#: every page (the theme reads them wherever they are).
THEME_FIELDS: tuple[Field, ...] = (HIDE, SEARCH, ICON, STATUS, TEMPLATE)


REDIRECT_FROM = Field(
    "redirect_from",
    Kind.TEXT_LIST,
    False,
    "Paths this page had before it was renamed or moved, relative to docs/ (``people/old-name.md``; no "
    f"``..``, no leading ``/``; at most {MAX_REDIRECTS}); their old URLs redirect here.",
    ["people/rogozin.md"],
)

COMMON_FIELDS = (TITLE, DESCRIPTION, ALIASES, TAGS, REDIRECT_FROM)

# --- Types ------------------------------------------------------------------------------------

_DATE_AS_OF = Field("as_of", Kind.TEXT, True, "When `role` applied: a year or a span.", "2008–2011")


#: The kinds of document a source page may be (its `kind:`).
SOURCE_KINDS = ("commentary", "speech", "statement", "declaration", "fact sheet", "transcript", "treaty",
                "agreement", "decree", "policy document", "official list", "official record", "biography",
                "reference")

#: The licence under which longer quotations are allowed (every other licence: at most `MAX_QUOTE_WORDS`).
PUBLIC_DOMAIN = "public domain"


PAGE_TYPES: dict[str, PageType] = {
    t.name: t
    for t in (
        PageType(
            "person",
            "people",
            "Person",
            "People",
            "A person the article names or relies on.",
            (
                Field("role", Kind.TEXT, True, "The role that makes the person matter here.",
                      "Permanent Representative of Russia to NATO"),
                _DATE_AS_OF,
                Field("country", Kind.TEXT, False, "The country the person served or lived in, where a source says it.",
                      "Russia"),
                Field("born", Kind.DATE, False, "Date of birth.", "1963-12-21"),
            ),
            "Person",
        ),
        PageType(
            "organization",
            "organisations",
            "Organisation",
            "Organisations",
            "An organisation, including states acting as parties.",
            (
                Field("kind", Kind.TEXT, True, "What sort of organisation it is.", "military alliance"),
                Field("founded", Kind.DATE, False, "When it was founded.", "1949-04-04"),
                Field("headquarters", Kind.TEXT, False, "Where it is based.", "Brussels"),
            ),
            "Organization",
        ),
        PageType(
            "treaty",
            "treaties",
            "Treaty",
            "Treaties",
            "A treaty or international agreement.",
            (
                Field("signed", Kind.DATE, True, "Date of signature.", "2010-04-08"),
                Field("signed_at", Kind.TEXT, False, "Place of signature.", "Prague"),
                Field("parties", Kind.TEXT_LIST, True, "The parties, by name.", ["United States", "Russia"]),
                Field("in_force", Kind.DATE, False, "Date of entry into force.", "2011-02-05"),
                Field("treaty_status", Kind.TEXT, True, "Status, scoped in time.", "In force since 5 February 2011"),
            ),
            "Legislation",
        ),
        PageType(
            "event",
            "events",
            "Event",
            "Events",
            "A dated event: a meeting, a signing, a decision.",
            (
                Field("date", Kind.DATE, True, "When it happened (first day).", "2010-11-20"),
                Field("end", Kind.DATE, False, "Last day, for events of several days.", "2010-11-21"),
                Field("location", Kind.TEXT, False, "Where it happened, if known.", "Lisbon, Portugal"),
            ),
            "Event",
        ),
        PageType(
            "place",
            "places",
            "Place",
            "Places",
            "A place: a country, region or city.",
            (
                Field("kind", Kind.TEXT, True, "What sort of place it is.", "exclave"),
                Field("country", Kind.TEXT, False, "The country it belongs to, if it is not one.", "Russia"),
            ),
            "Place",
        ),
        PageType(
            "topic",
            "topics",
            "Topic",
            "Topics",
            "An issue the article discusses, explained across entities.",
            (
                Field(
                    "positions",
                    Kind.POSITIONS,
                    False,
                    "Who argues what on this topic: one record per position (see below).",
                    [{"holder": "people/dmitry-rogozin.md", "summary": "…", "cite": "ivanov-2011#8",
                      "quote": "two key arrangement"}],
                ),
            ),
            "Article",
        ),
        PageType(
            "source",
            "sources",
            "Source",
            "Sources",
            "A document the knowledge base cites: its record, and a digest of each retrieved paragraph.",
            (
                Field("author", Kind.TEXT, True, "Who wrote or issued it.", "Barack Obama"),
                Field("publisher", Kind.TEXT, False, "Who published it, if not the author.", "The White House"),
                Field("published", Kind.WHEN, True, "When: an ISO date where known, else as precisely as known.",
                      "2009-09-17"),
                Field("kind", Kind.CHOICE, True, "What kind of document it is.", "speech",
                      choices=SOURCE_KINDS),
                Field("url", Kind.URL, False, "The document's official address.",
                      "https://obamawhitehouse.archives.gov/the-press-office/remarks-president-strengthening-"
                      "missile-defense-europe"),
                Field("identifier", Kind.TEXT, False, "Its official identifier, if it has one.",
                      "Press Release (2010) 155"),
                Field("licence", Kind.TEXT, True,
                      "Its licence: `all rights reserved` (quote at most 25 words), `public domain`, or a named "
                      "licence (treated as all rights reserved).", "public domain"),
                Field("paragraphs", Kind.PARAGRAPHS, False,
                      "The paragraphs retrieved and digested, as ranges (none for a document without text).",
                      "1-6"),
                Field("complete", Kind.YES_NO, False, "Whether the retrieved paragraphs are the whole document.",
                      False),
                Field("numbering", Kind.CHOICE, False,
                      "`official` if the document numbers its paragraphs, else `counted` (blank-line separated "
                      "paragraphs after the title and dateline; salutations and speaker lines count).", "counted",
                      choices=("official", "counted")),
                Field("text", Kind.TEXT, False,
                      "The file name of its text, kept outside the repository (the checker verifies quotations "
                      "against it when the file is in the folder of KB_SOURCE_TEXT).",
                      "obama-remarks-missile-defense-europe-2009-09-17.txt"),
            ),
            "CreativeWork",
        ),
    )
}

#: The themes pages may be tagged with (Material's tags plugin lists pages by tag).
TAG_VOCABULARY = frozenset({
    "arms control", "diplomacy", "geography", "missile defence", "nato enlargement", "nuclear weapons",
    "russia–nato relations", "security", "source", "treaties", "us–russia relations",
})

#: The type of plain pages (home, about, indexes). Not an entity.
PLAIN = "page"

#: Folders (relative to docs) whose pages are plain pages. "" is the top of docs.
PLAIN_FOLDERS = frozenset({"", "about"})

FOLDER_TYPES: dict[str, str] = {t.folder: t.name for t in PAGE_TYPES.values()}

ENTITY_TYPES = frozenset(PAGE_TYPES)

# --- Relations --------------------------------------------------------------------------------

_AGENTS = frozenset({"person", "organization"})
_ANY = ENTITY_TYPES - {"source"}


def _rel(name: str, label: str, inverse: str, domain: set[str] | frozenset[str], range_: set[str] | frozenset[str],
         doc: str) -> Relation:
    return Relation(name, label, inverse, frozenset(domain), frozenset(range_), doc)


RELATIONS: dict[str, Relation] = {
    r.name: r
    for r in (
        _rel("member_of", "Member of", "Members", _AGENTS, {"organization"}, "Belongs to an organisation."),
        _rel("ambassador_to", "Ambassador to", "Ambassadors", {"person"}, {"organization"},
             "Represents a state at an organisation."),
        _rel("leader_of", "Leader of", "Led by", {"person"}, {"organization"}, "Heads a state or organisation."),
        _rel("party_to", "Party to", "Parties", _AGENTS, {"treaty"}, "Is a party to a treaty."),
        _rel("signed", "Signed", "Signed by", _AGENTS, {"treaty"}, "Signed a treaty."),
        _rel("suspended", "Suspended", "Suspended by", _AGENTS, {"treaty"}, "Suspended a treaty."),
        _rel("attended", "Attended", "Attended by", _AGENTS, {"event"}, "Took part in an event."),
        _rel("located_in", "Located in", "Places in it", {"place", "event", "organization"}, {"place", "organization"},
             "Lies in a place or state."),
        _rel("borders", "Borders", "Borders", {"place", "organization"}, {"place", "organization"},
             "Shares a border with."),
        _rel("position_on", "Position on", "Positions held by", _AGENTS, {"topic", "treaty", "event"},
             "Holds a stated position on an issue."),
        _rel("proposed", "Proposed", "Proposed by", _AGENTS, {"topic", "treaty", "event"},
             "Put forward an idea or arrangement."),
        _rel("opposed", "Opposed", "Opposed by", _AGENTS, {"topic", "treaty", "event"}, "Spoke or acted against."),
        _rel("about", "About", "Subject of", {"event", "treaty", "topic"}, _ANY, "Concerns another entity."),
        _rel("part_of", "Part of", "Includes", {"event", "topic", "place"}, {"event", "topic", "place"},
             "Is a part of a larger whole."),
        _rel("author_of", "Author of", "Author", {"person"}, {"source"}, "Wrote a source."),
        _rel("publisher_of", "Publisher of", "Publisher", {"organization"}, {"source"}, "Published a source."),
        _rel("mentions", "Mentions", "Mentioned in", {"source"}, _ANY, "A source names an entity."),
    )
}

#: Keys allowed in one relation entry written as a mapping.
RELATION_KEYS = {"target": Kind.TEXT, "scope": Kind.TEXT, "cite": Kind.TEXT}

#: How front matter cites a source: its page's name in ``sources/``, then ``#`` and a paragraph.
CITE_EXAMPLE = "ivanov-2011#8"

#: Keys of one position record: who holds it (a page path, or a description such as "Some
#: Western analysts"), a short paraphrase, the source paragraph, and optionally a short exact
#: quotation from that paragraph and a time scope.
POSITION_KEYS = {
    "holder": (True, "A page path (people/x.md) or a description of an unnamed holder."),
    "summary": (True, "The position in a short paraphrase, in our words."),
    "cite": (True, "The source and paragraph, e.g. `ivanov-2011#8` (the source page's name, `#`, the ¶)."),
    "quote": (False, "A short exact quotation from that paragraph (at most 25 words)."),
    "scope": (False, "When the position was held, e.g. 2011."),
}

#: The longest quotation of a source that is not in the public domain, in words (copyright: quote,
#: do not republish).
MAX_QUOTE_WORDS = 25

#: The longest run of words a page may share with a source that is not in the public domain.
MAX_COPIED_WORDS = 30


# --- Lookups ----------------------------------------------------------------------------------


def type_of(src_uri: str) -> str | None:
    """The page type for a docs-relative path, or None if it is outside every type folder.

    >>> type_of("people/dmitry-rogozin.md"), type_of("index.md"), type_of("people/index.md")
    ('person', 'page', 'page')
    """
    folder, _, name = src_uri.rpartition("/")
    if not name.endswith(".md"):  # MkDocs' other Markdown extensions are not pages of the knowledge base
        return None
    if name == "index.md" and (folder in FOLDER_TYPES or folder in PLAIN_FOLDERS):
        return PLAIN
    if folder in FOLDER_TYPES:
        return FOLDER_TYPES[folder]
    if folder in PLAIN_FOLDERS:
        return PLAIN
    return None


def fields_for(page_type: str) -> dict[str, Field]:
    """Every field a page of this type may have, by name."""
    if page_type == PLAIN:
        plain_fields = (TITLE, field_optional(DESCRIPTION), ALIASES, TAGS, *THEME_FIELDS)
        return {f.name: f for f in plain_fields}
    spec = PAGE_TYPES[page_type]
    extra = (RELATIONS_FIELD, SEARCH)  # entity pages may tune search boost
    return {f.name: f for f in (*COMMON_FIELDS, *spec.fields, *extra)}


def field_optional(f: Field) -> Field:
    """The same field, not required."""
    return Field(f.name, f.kind, False, f.doc, f.example, f.choices)
