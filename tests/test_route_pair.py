"""A route written as one hyphenated name ("la Foligno-Arezzo di 186 km") is read as a
start and a finish by a `{pair}` template; a town whose own name holds a dash is not."""

import pytest

from ingest.extract import extract
from ingest.model import Report


def _extract(text: str, lang: str = "it"):
    report = Report(path="x.txt", source="x.txt", text=text, published=None, sha256="",
                    lang=lang)
    return report, extract(report)


def test_hyphenated_route_is_split_into_start_and_finish():
    report, facts = _extract("Marco Verdi ha vinto la Foligno-Arezzo di 186 km, quinta tappa "
                             "del Giro d'Italia. Secondo Luca Bianchi.")
    assert (facts.start.value, facts.finish.value) == ("Foligno", "Arezzo")
    ev = facts.start.evidence
    assert report.text[ev.start:ev.end] == "Foligno"
    ev = facts.finish.evidence
    assert report.text[ev.start:ev.end] == "Arezzo"


def test_a_town_opened_by_a_place_starter_is_not_a_route():
    _, facts = _extract("Marco Verdi ha vinto la Saint-Vincent di 150 km, quinta tappa "
                        "del Giro d'Italia. Secondo Luca Bianchi.")
    assert facts.start is None and facts.finish is None


def test_a_name_with_two_dashes_is_not_a_route():
    _, facts = _extract("Marco Verdi ha vinto la tappa Saint-Jean-de-Maurienne del Tour. "
                        "Secondo Luca Bianchi.")
    assert facts.start is None and facts.finish is None


def test_a_country_is_no_finish_but_a_city_state_is():
    _, facts = _extract("O português Rui Costa venceu ao sprint em Portugal. Em segundo "
                        "lugar ficou João Silva.", "pt")
    assert facts.finish is None
    _, facts = _extract("O português Rui Costa venceu ao sprint em Mónaco. Em segundo "
                        "lugar ficou João Silva.", "pt")
    assert facts.finish is not None and facts.finish.value == "Mónaco"


def test_a_hyphenated_town_the_gazetteer_knows_is_not_a_route():
    from ingest.gazetteer import town_population

    if town_population("Vitoria-Gasteiz") is None:
        pytest.skip("no gazetteer index")
    _, facts = _extract("Pedro Ruiz ganó la etapa Vitoria-Gasteiz de la Vuelta al País Vasco. "
                        "Segundo fue Juan Gómez.", "es")
    assert facts.start is None and facts.finish is None
