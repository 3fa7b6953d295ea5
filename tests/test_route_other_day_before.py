"""A sentence that goes on about the day the sentence before it put elsewhere, in the same
paragraph, naming no rider and holding no `today` cue, gives no route: "Amanhã há nova
etapa. São 195 quilómetros entre A e B." is tomorrow's stage."""

from ingest.extract import extract
from ingest.model import Report


def _extract(text: str, lang: str):
    report = Report(path="x.txt", source="x.txt", text=text, published=None, sha256="",
                    lang=lang)
    return extract(report)


def test_the_sentence_after_tomorrow_is_tomorrows_route():
    facts = _extract("João Almeida venceu a etapa no Monte Bondone. Amanhã há nova etapa, "
                     "plana. São 195 quilómetros entre Pergine Valsugana e Caorle.", "pt")
    assert facts.start is None and facts.distance_km is None


def test_a_new_paragraph_is_read_again():
    facts = _extract("João Almeida venceu a etapa. Amanhã há nova etapa, plana.\n\n"
                     "Foram 195 quilómetros entre Pergine Valsugana e Caorle.", "pt")
    assert facts.start is not None and facts.start.value == "Pergine Valsugana"


def test_a_sentence_naming_a_rider_is_read_again():
    facts = _extract("Ontem choveu muito. João Almeida venceu a etapa de 195 quilómetros "
                     "entre Pergine Valsugana e Caorle.", "pt")
    assert facts.start is not None and facts.start.value == "Pergine Valsugana"
