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
