"""The ingest's analysis drops the words each report adds to a pipeline's vocabulary
(VocabularyZones), so memory stays flat however many reports it reads; the facts are
plain values that outlive the spaCy objects they came from."""

import dataclasses

from ingest.extract import extract
from ingest.model import Report
from ingest.nlp import VocabularyZones, get_nlp

TEXT = ("Zorbanek Quillfeather won the third stage of the Tour de Pologne in Zakopane, "
        "ahead of Vladimiro Pentacosta and Huxley Ombrewood (Team Zyxwv), after 187 km. "
        "Pentacosta finished 4 seconds back.")
OTHER = ("Brelvonik Ashtergrove won Kuurne-Brussel-Kuurne ahead of Teodric Vallombreuse. "
         "The peloton rode 160 km and the sprint came after three laps in the rain.")


def _report(text: str) -> Report:
    return Report(path="memory.txt", source="memory.txt", text=text, published=None,
                  sha256="0" * 64, lang="en")


def _strings() -> int:
    return len(get_nlp("en").vocab.strings)


def test_closing_the_zones_drops_the_words_of_their_reports():
    extract(_report("A first report warms the pipeline up: Zakopane, 12 km."))
    before = _strings()
    zones = VocabularyZones(reports=10)
    zones.enter("en")
    facts = extract(_report(TEXT))
    assert _strings() > before
    zones.close()
    assert _strings() == before
    assert facts.results[0].rider == "Zorbanek Quillfeather"


def test_the_zones_are_renewed_every_so_many_reports():
    extract(_report("A first report warms the pipeline up: Zakopane, 12 km."))
    before = _strings()
    zones = VocabularyZones(reports=1)
    zones.enter("en")
    extract(_report(TEXT))
    zones.enter("en")  # the second report: the first one's words are gone
    assert _strings() == before
    extract(_report(OTHER))
    zones.close()
    assert _strings() == before


def _plain(value) -> bool:
    if dataclasses.is_dataclass(value):
        return all(_plain(getattr(value, f.name)) for f in dataclasses.fields(value))
    if isinstance(value, (list, tuple, set, frozenset)):
        return all(_plain(v) for v in value)
    if isinstance(value, dict):
        return all(_plain(k) and _plain(v) for k, v in value.items())
    return value is None or isinstance(value, (str, int, float, bool))


def test_the_facts_are_plain_values_that_outlive_the_zone():
    zones = VocabularyZones()
    zones.enter("en")
    facts = extract(_report(TEXT))
    zones.close()
    assert _plain(facts)
    assert [r.rider for r in facts.results][:2] == ["Zorbanek Quillfeather", "Vladimiro Pentacosta"]


def test_an_ingest_leaves_the_vocabulary_as_it_found_it(tmp_path):
    from ingest.pipeline import ingest_paths

    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "a.txt").write_text(TEXT, encoding="utf-8")
    (folder / "b.txt").write_text(OTHER, encoding="utf-8")
    ingest_paths([folder / "a.txt"], str(tmp_path / "warm.db"), echo=lambda _: None)
    before = _strings()
    summary = ingest_paths([folder], str(tmp_path / "m.db"), echo=lambda _: None, workers=1)
    assert summary.ingested == 2, summary.skipped
    assert _strings() == before
