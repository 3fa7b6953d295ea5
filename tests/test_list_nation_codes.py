"""Results sheets that write a nation's three-letter code beside the rider: the code is
never part of the name, before the surname in capitals ("4 BEL VAN WILDER Ilan") or after
it ("15 Joaquin RODRIGUEZ OLIVER ESP KAT 0"), even when the surname has a code's letters."""

from text_extraction import finishing_order

TITLE = "Classement de la 4e étape du Tour de Romandie\n"


def test_code_before_a_surname_of_several_words():
    text = TITLE + ("1 FRA MORIN Léo Team Nova 21'54''\n"
                    "2 BEL VAN DER STEEN Pieter Team Nova + 6''\n"
                    "3 ESP GARCIA LORENTE Pablo Equipo Sur + 17''\n"
                    "4 DAN HOLM NIELSEN Jonas Team Nord + 18''\n")
    assert finishing_order(text, "fr") == {1: "Léo Morin", 2: "Pieter Van Der Steen",
                                           3: "Pablo Garcia Lorente", 4: "Jonas Holm Nielsen"}


def test_code_after_a_surname_in_capitals():
    text = TITLE + ("1 Léo MORIN FRA NOV 04:20:51\n"
                    "2 Pablo GARCIA LORENTE ESP SUR 0\n"
                    "3 Marco ARU ITA AST 0\n")
    assert finishing_order(text, "fr") == {1: "Léo Morin", 2: "Pablo Garcia Lorente",
                                           3: "Marco Aru"}
