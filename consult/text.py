"""Markdown rendering with sanitising, and text normalisation for search and similarity."""
import functools
import re
import unicodedata

import nh3
from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markupsafe import Markup

_md = MarkdownIt("commonmark", {"html": False, "linkify": False})


def _image_as_link(renderer, tokens, idx, options, env):
    """An image is shown as a link to it, named by its description: a page never loads a
    picture from another site (which would learn who reads it)."""
    token = tokens[idx]
    src = token.attrGet("src") or ""
    text = renderer.renderInlineAsText(token.children or [], options, env) or src
    return f'<a href="{escapeHtml(src)}">{escapeHtml(text)}</a>'


_md.add_render_rule("image", _image_as_link)

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "a", "ul", "ol", "li", "blockquote", "code", "pre",
    "h2", "h3", "h4", "h5", "h6", "hr",
}


def render_markdown(source, top=3):
    """Markdown → safe HTML: raw HTML is escaped, then the output is sanitised with nh3.

    Headings start at level `top`: 3 under a page's h1 and section h2 (residents' text never
    outranks the page's own headings), 2 when the text is the page's whole body."""
    source, top = source or "", min(max(int(top), 2), 6)
    return _kept_render(source, top) if len(source) <= KEPT_RENDER_LENGTH else _render(source, top)


KEPT_RENDER_LENGTH = 4000  # with 1,024 texts kept, about 10 MB per process at most


@functools.lru_cache(maxsize=1024)
def _kept_render(source, top):
    """The same text always gives the same HTML: the texts shown again and again (a debate's
    page, a proposal read by many) are rendered once per process."""
    return _render(source, top)


def _render(source, top):
    html = _md.render(source)
    html = re.sub(r"<(/?)h([1-6])>", lambda m: f"<{m[1]}h{max(int(m[2]), top)}>", html)
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes={"a": {"href", "title"}},
        url_schemes={"http", "https", "mailto"},
        link_rel="nofollow ugc noopener",
    )
    return Markup(clean)


STOP_WORDS = frozenset("""
a au aux avec ce ces cet cette dans de des du elle en et eux il ils je la le les leur lui ma mais
me meme mes moi mon ne nos notre nous on ou par pas pour qu que qui sa se ses son sur ta te tes
toi ton tu un une vos votre vous c d j l m n s t y ete etre avoir fait faire plus tres tout tous
toute toutes sont est sera ont a aussi comme donc car si sans sous entre vers chez ni or
the an and or of to in on for with is are be by this that it as at from we our you your
""".split())

# Letters and digits of any script: a text in Cyrillic or Greek is searched for by its own words.
_word = re.compile(r"[^\W_]+")


def _blank(character):
    """White space, or an invisible formatting character (a zero-width space, a joiner…)."""
    return character.isspace() or unicodedata.category(character) == "Cf"


def strip(value):
    """A form field filter: surrounding white space and invisible characters removed (a title of
    zero-width spaces is an empty title); other values untouched. Those inside the text stay
    (a joiner holds an emoji's parts together)."""
    if not isinstance(value, str):
        return value
    start, end = 0, len(value)
    while start < end and _blank(value[start]):
        start += 1
    while end > start and _blank(value[end - 1]):
        end -= 1
    return value[start:end]


# Line breaks, tabs and the other control characters, with the white space around them.
_BREAKS = re.compile(r"\s*[\x00-\x1f\x7f-\x9f\u2028\u2029]+\s*")
# The controls that reorder the text after them (embeddings, overrides, isolates): 'abc\u202egnp.exe'
# shows as 'abcexe.png'. The marks (LRM, RLM) that a name in Arabic or Hebrew may need stay.
_REORDERING = re.compile("[\u202a-\u202e\u2066-\u2069]")


def one_line(value):
    """A form field filter for a text on one line (a name, a title): `strip`, and each line break,
    tab or other control character inside, with the spaces around it, becomes one space (as a
    browser's text box drops the line breaks pasted into it). Those would otherwise break the
    line they are shown on, in the plain text of the mails too, where whoever chose the name
    could write lines of their own. The controls that reorder the text shown after them go too:
    a name must not make the words around it read otherwise. Other values untouched."""
    return strip(_REORDERING.sub("", _BREAKS.sub(" ", value))) if isinstance(value, str) else value


def drop_invisible(text):
    """`text` without its invisible formatting characters (a soft hyphen, a zero-width space or
    joiner…): 'conn\u00adard' shows as 'connard'."""
    return "".join(c for c in text if unicodedata.category(c) != "Cf")


# Latin letters that NFKD leaves whole (no accent to take off), as they are spelt without them.
_SPELT_OUT = str.maketrans({"œ": "oe", "æ": "ae", "ø": "o", "đ": "d", "ð": "d", "ł": "l", "þ": "th",
                            "ħ": "h", "ı": "i", "ŧ": "t"})


def fold(text):
    """Lower-case and strip accents: 'Écoles' → 'ecoles', 'Cœur' → 'coeur', 'Straße' → 'strasse'."""
    decomposed = unicodedata.normalize("NFKD", (text or "").casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).translate(_SPELT_OUT)


# Cyrillic and Greek letters drawn like Latin ones (after case folding), and the Latin letter
# they pass for: 'соnnаrd' spelt with a Cyrillic с, о and а reads 'connard' on screen.
_LOOK_ALIKES = str.maketrans({
    "а": "a", "в": "b", "е": "e", "і": "i", "ј": "j", "к": "k", "м": "m", "н": "h", "о": "o",
    "р": "p", "с": "c", "т": "t", "у": "y", "х": "x", "ѕ": "s", "ԁ": "d", "ԛ": "q", "ԝ": "w",
    "һ": "h", "ӏ": "l", "α": "a", "β": "b", "ε": "e", "η": "n", "ι": "i", "κ": "k", "ν": "v",
    "ο": "o", "ρ": "p", "τ": "t", "υ": "u", "χ": "x"})


def as_read(text):
    """What a text reads as, to compare words by their look: folded (`fold`), invisible
    characters left out (`drop_invisible`), look-alike letters of other scripts as the Latin
    ones they pass for. Only for finding words: never shown, never stored."""
    return fold(drop_invisible(text or "")).translate(_LOOK_ALIKES)


def keywords(text):
    """Significant words of a text, in any script: folded, without stop words or one-letter words."""
    return [w for w in _word.findall(fold(text)) if len(w) > 1 and w not in STOP_WORDS]


# An address name (territories, platform pages): lower-case letters and digits, single hyphens.
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def slugify(text):
    """The address name a name gives: 'Villeneuve-sur-Lot' → 'villeneuve-sur-lot'."""
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")[:80]


def search_text(*parts):
    return " ".join(keywords(" ".join(p or "" for p in parts)))


def singular(word):
    """A folded word without its plural ending: 'pistes' → 'piste', 'journaux' → 'journal'."""
    if len(word) > 4 and word.endswith("aux"):
        return word[:-3] + "al"
    if len(word) > 3 and word[-1] in "sx":
        return word[:-1]
    return word


def search_terms(text, limit):
    """The first `limit` words of a search (`keywords`), each with its other number, or None:
    its singular ('pistes' → 'piste'), or the plural of a word in -al ('local' → 'locaux')."""
    terms = []
    for word in keywords(text)[:limit]:
        other = word[:-2] + "aux" if len(word) > 4 and word.endswith("al") else singular(word)
        terms.append((word, other if other != word else None))
    return terms
