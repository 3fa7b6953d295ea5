"""Quotation marks: Danish and German »quote« as well as "quote", “quote”, «quote», „quote“."""

from ingest.extract import QUOTE


def quotes(text: str) -> list[str]:
    return [m.group(1) for m in QUOTE.finditer(text)]


def test_reversed_guillemets_quote():
    text = "»Holdet kørte en fantastisk finale i dag,« sagde Mads Pedersen."
    assert quotes(text) == ["Holdet kørte en fantastisk finale i dag,"]


def test_french_guillemets_are_not_read_backwards():
    text = ("« C'était une journée très difficile » a dit Bardet, puis "
            "« merci à toute l'équipe pour ce travail ».")
    assert quotes(text) == [" C'était une journée très difficile ",
                            " merci à toute l'équipe pour ce travail "]
    assert quotes("« Oui » répond-il, avant d'ajouter encore une longue phrase « non ».") == []


TEXT = """Mads Pedersen vandt etapen.

»Vi var uheldige i går. Holdet kørte godt i dag,« sagde Mads Pedersen og tilføjede:

»Det er min første sejr i lang tid. Det viser, at jeg er godt på vej.«
"""


def test_a_quote_over_several_sentences():
    from ingest.extract import extract
    from ingest.read import parse_report

    quotes = extract(parse_report(TEXT.encode(), "q.txt")).quotes
    assert [(q.text, q.speaker) for q in quotes] == [
        ("Vi var uheldige i går. Holdet kørte godt i dag,", "Mads Pedersen"),
        ("Det er min første sejr i lang tid. Det viser, at jeg er godt på vej.", "Mads Pedersen"),
    ]
