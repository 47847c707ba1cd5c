"""Both catalogs are complete and up to date with the source code."""
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
LOCALES = ("fr", "en")


def _catalog(locale):
    with open(ROOT / "translations" / locale / "LC_MESSAGES" / "messages.po", "rb") as f:
        return read_po(f)


def _ids(catalog):
    return {m.id if isinstance(m.id, str) else m.id[0] for m in catalog if m.id}


@pytest.mark.parametrize("locale", LOCALES)
def test_no_untranslated_or_fuzzy_entry(locale):
    bad = [m.id for m in _catalog(locale) if m.id and (
        m.fuzzy or not m.string or (isinstance(m.string, tuple) and not all(m.string)))]
    assert bad == [], f"{len(bad)} untranslated or fuzzy entries in {locale}: {bad[:10]}"


def test_catalogs_are_up_to_date_with_the_source(tmp_path):
    pot = tmp_path / "messages.pot"
    subprocess.run(
        [str(Path(sys.executable).parent / "pybabel"), "-q", "extract", "-F", "babel.cfg",
         "-k", "_l", "-k", "lazy_gettext", "-k", "ngettext:1,2", "-o", str(pot), "."],
        check=True, cwd=ROOT, capture_output=True,
    )
    with open(pot, "rb") as f:
        source = _ids(read_po(f))
    for locale in LOCALES:
        missing = source - _ids(_catalog(locale))
        assert not missing, f"{locale}: {len(missing)} messages missing, run `make translations`: {sorted(missing)[:10]}"


def test_french_is_the_default_and_english_is_complete(client):
    assert '<html lang="fr">' in client.get("/", headers={"Accept-Language": ""}).get_data(as_text=True)
    page = client.get("/", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert '<html lang="en">' in page
