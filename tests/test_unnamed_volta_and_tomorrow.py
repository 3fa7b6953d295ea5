"""'La Volta' in a Spanish report's lead is a Volta (Catalunya, Portugal ...) we cannot
name, so a Vuelta named deep in the body is not the report's race; German 'die morgige
Schlussetappe rund um X' is tomorrow's route, not today's; 'kvindernes DM-linjeløb' is
the women's championship, a race of its own."""

from text_extraction import extract_text


def test_la_volta_in_the_lead_is_not_the_vuelta_named_later():
    text = ("Rominger gana en Vallter y deja sentenciada la Volta\n"
            "Tony Rominger se impuso ayer en la cima de Vallter, por delante de Álvaro "
            "Pino.\nEl suizo llega lanzado al verano.\nSu equipo descansará una semana.\n"
            "Para Rominger, la Vuelta a España es la carrera más importante del año.")
    assert extract_text(text, "es").race is None


def test_tomorrows_final_stage_route_is_not_todays():
    text = ("Brendel gewinnt zweite Etappe der Herald Sun Tour\n"
            "Mount Hotham (rad-net) - Lukas Brendel hat bei der Herald Sun Tour den nächsten "
            "Etappensieg eingefahren. Brendel führt nur knapp, allerdings verläuft die morgige "
            "Schlussetappe rund um Melbourne über flaches Terrain.")
    x = extract_text(text, "de")
    assert x.start is None or x.start.value != "Melbourne"
    assert x.finish is None or x.finish.value != "Melbourne"


def test_the_womens_danish_championship_is_its_own_race():
    text = ("Maja Holm er ny danmarksmester\n"
            "Maja Holm var stærkest, da kvindernes DM-linjeløb søndag blev afgjort i Vejle. "
            "Hun slog Ida Krag og Sofie Lund i en spurt.")
    race = extract_text(text, "da").race
    assert race is not None and race.value == "Danish National Women's Road Race Championships"
