"""A name set off by commas after a team link ("Marcio May, da Memorial Santos, ...") is
the rider's team even when we do not know it: it is neither a rider nor ranked."""

from text_extraction import extract_text


def test_portuguese_unknown_team_after_da():
    facts = extract_text(
        "O colombiano Juan Pérez venceu a terceira etapa da Volta de Santa Catarina, à "
        "frente de Jan Maes e Piet Smit. O brasileiro melhor colocado foi Rui Lopes, da "
        "Pedal Clube Joinville, que chegou em quinto.", "pt")
    fifth = next(r for r in facts.results if r.rank == 5)
    assert (fifth.rider, fifth.team) == ("Rui Lopes", "Pedal Clube Joinville")


def test_spanish_unknown_team_after_del():
    facts = extract_text(
        "Juan Pérez ganó la tercera etapa de la Vuelta a Colombia por delante de Jan Maes. "
        "El mejor venezolano fue Luis Mora, del Lotería Oriental, que terminó sexto.", "es")
    assert {r.rank: r.rider for r in facts.results}.get(6) == "Luis Mora"
    assert "Lotería Oriental" not in {r.rider for r in facts.results}
