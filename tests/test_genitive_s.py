"""A name with the genitive -s (da, de, nl: `genitive_s`) is the rider the report names
without it: "Mads Thygesens holdkammerat", "Philipsens landsmand" (r9 winners)."""

from ingest.extract import abstract_sentences
from ingest.nlp import get_nlp


def riders_named(text: str, lang: str) -> list[str]:
    doc = get_nlp(lang)(text)
    return [str(e.value) for s in abstract_sentences(doc) for e in s.entities.values()
            if e.label == "PERSON"]


def test_full_name_with_genitive_is_the_rider():
    text = ("Mads Thygesen kørte ind på fjerdepladsen i Ribe.\n\n"
            "Mads Thygesens holdkammerat Ole Krogh blev nummer fem.")
    assert set(riders_named(text, "da")) == {"Mads Thygesen", "Ole Krogh"}


def test_surname_with_genitive_is_the_rider():
    text = ("Jens Vestergaard blev nummer to i Ribe.\n\n"
            "Vestergaards landsmand Anders Lund blev nummer tre.")
    assert riders_named(text, "da").count("Jens Vestergaard") == 2


def test_german_surname_genitive():
    text = ("Dylan Groenewegen gewann die dritte Etappe in Köln.\n\n"
            "Groenewegens Sprint war nicht zu schlagen.")
    assert riders_named(text, "de").count("Dylan Groenewegen") == 2


def test_name_without_a_base_form_stays():
    text = "Michael Matthews gewann die dritte Etappe in Köln."
    assert riders_named(text, "de") == ["Michael Matthews"]
