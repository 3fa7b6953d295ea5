"""A results line that gives each rider's home town after his name ("1. Bram Kok
Zwanenburg 2. ...") is the rider and his town, not a rider of three names; a name whose
last word is also a town's stays whole when a bracket or more follows it."""

from text_extraction import finishing_order


def test_home_town_after_each_name_in_an_inline_list():
    text = ("Het Nederlands kampioenschap voor renners zonder contract werd in Philippine "
            "beslist in een sprint.\n\nUitslag, 165 km: 1. Bram Kok Zwanenburg 2. Piet "
            "Verhoef Exloo 3. Jan Maes IJzendijke")
    assert finishing_order(text, "nl") == {1: "Bram Kok", 2: "Piet Verhoef", 3: "Jan Maes"}


def test_a_name_ending_in_a_town_word_before_a_bracket_stays_whole():
    text = ("La cuarta etapa de la Vuelta a Colombia terminó en Sevilla.\n\n"
            "1. Marco Antonio Pérez (COL/Team Nova) 3:40:12\n"
            "2. Juan Pablo Rendón (COL/Team Sur) a 0:20\n")
    assert finishing_order(text, "es")[2] == "Juan Pablo Rendón"
