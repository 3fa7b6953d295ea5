"""Numbered lists: the stage result, not the overall standings printed beside it."""

from __future__ import annotations

from ingest.extract import extract
from ingest.model import Extraction, Report

WINNER = ("Kaden Groves won the ninth stage of the Vuelta a España in Ourense, "
          "beating Bryan Coquard and Pascal Ackermann.\n\n")

STANDINGS = ("1. Sepp Kuss (Jumbo-Visma) {first}\n"
             "2. Marc Soler (UAE Team Emirates) +0:26\n"
             "3. Lenny Martinez (Groupama-FDJ) +1:09\n")


def facts(text: str) -> Extraction:
    return extract(Report("r.txt", "r.txt", text, None, "0" * 64, "en"))


def ranks(x: Extraction) -> dict[int, str]:
    return {r.rank: r.rider for r in x.results}


def test_a_list_led_by_a_total_of_many_hours_is_the_overall_standings():
    x = facts(WINNER + "The riders now rest in Galicia before the time trial.\n\n"
              + STANDINGS.format(first="33:35:46"))
    assert ranks(x) == {1: "Kaden Groves", 2: "Bryan Coquard", 3: "Pascal Ackermann"}


def test_a_list_led_by_a_stage_time_is_the_result():
    x = facts(WINNER + "Result\n" + STANDINGS.format(first="4:11:02"))
    assert ranks(x) == {1: "Sepp Kuss", 2: "Marc Soler", 3: "Lenny Martinez"}


def test_a_section_title_above_the_list_says_it_is_the_overall_standings():
    x = facts(WINNER + "The GC situation after nine stages\n\n"
              "Kuss kept the red jersey without trouble on a quiet day for the favourites.\n\n"
              + STANDINGS.format(first="4:11:02"))
    assert ranks(x) == {1: "Kaden Groves", 2: "Bryan Coquard", 3: "Pascal Ackermann"}


def test_a_list_from_two_under_the_winner_in_prose():
    x = facts("Kaden Groves won the ninth stage of the Vuelta a España in Ourense.\n"
              "2. Bryan Coquard (Cofidis) same time\n"
              "3. Pascal Ackermann (UAE Team Emirates) at 2s\n")
    assert ranks(x) == {1: "Kaden Groves", 2: "Bryan Coquard", 3: "Pascal Ackermann"}
    assert {r.rank: r.gap_seconds for r in x.results} == {1: 0, 2: 0, 3: 2}


def test_a_list_from_two_under_another_sentence_is_not_read():
    x = facts(WINNER + "Sepp Kuss keeps the red jersey after a quiet day.\n"
              "2. Marc Soler (UAE Team Emirates) at 26s\n"
              "3. Lenny Martinez (Groupama-FDJ) at 1:09\n")
    assert ranks(x) == {1: "Kaden Groves", 2: "Bryan Coquard", 3: "Pascal Ackermann"}


def test_a_list_right_under_another_belongs_to_its_heading():
    """'Result and standings:' over the stage's top 3, a few more riders, then the
    standings from 1 with no heading of their own: neither list is the stage's."""
    x = facts(WINNER + "Result and overall standings:\n"
              "1. Kaden Groves (Alpecin-Deceuninck) 4:11:02\n"
              "2. Bryan Coquard (Cofidis) same time\n"
              "3. Pascal Ackermann (UAE Team Emirates) same time\n"
              "14. Marc Soler\n"
              + STANDINGS.format(first="4:11:02"))
    assert ranks(x) == {1: "Kaden Groves", 2: "Bryan Coquard", 3: "Pascal Ackermann"}
    assert all(r.evidence.sentence_start < 200 for r in x.results)


def test_hours_written_u_make_a_total():
    """Dutch '33u35'46"': the standings, not the stage."""
    x = facts(WINNER + "Stand\n" + STANDINGS.format(first="33u35'46\""))
    assert ranks(x) == {1: "Kaden Groves", 2: "Bryan Coquard", 3: "Pascal Ackermann"}


def test_a_table_one_cell_a_line():
    """A results table copied from a page: rank, rider, team and time each on a line."""
    x = facts(WINNER + "Result\n1\nKaden Groves\nAlpecin-Deceuninck\n4:11:02\n"
              "2\nBryan Coquard\nCofidis\n0:00\n3\nPascal Ackermann\nUAE Team Emirates\n0:02\n")
    assert [(r.rank, r.rider, r.team, r.gap_seconds) for r in x.results] == [
        (1, "Kaden Groves", "Alpecin-Deceuninck", 0), (2, "Bryan Coquard", "Cofidis", 0),
        (3, "Pascal Ackermann", "UAE Team Emirates", 2)]


def test_a_rider_on_two_lines_team_and_time_below_his_name():
    x = facts(WINNER + "Result\n1. Kaden Groves\nAlpecin-Deceuninck 4:11:02\n"
              "2. Bryan Coquard\nCofidis +0:00\n3. Pascal Ackermann\nUAE Team Emirates +0:02\n")
    assert [(r.rank, r.rider, r.team, r.gap_seconds) for r in x.results] == [
        (1, "Kaden Groves", "Alpecin-Deceuninck", 0), (2, "Bryan Coquard", "Cofidis", 0),
        (3, "Pascal Ackermann", "UAE Team Emirates", 2)]


def test_a_line_of_prose_under_a_list_line_is_no_cell():
    x = facts(WINNER + "Result\n1. Kaden Groves\nHe was the fastest in a bunch sprint.\n"
              "2. Bryan Coquard\n3. Pascal Ackermann\n")
    assert [(r.rank, r.rider, r.team) for r in x.results] == [
        (1, "Kaden Groves", None), (2, "Bryan Coquard", None), (3, "Pascal Ackermann", None)]


def test_a_gap_written_as_hours_minutes_seconds_after_a_plus():
    x = facts(WINNER + "Result\n1. Kaden Groves (Alpecin-Deceuninck) - 4:11:02\n"
              "2. Bryan Coquard (Cofidis) + 00:00:00\n"
              "3. Pascal Ackermann (UAE Team Emirates) + 00:00:04\n")
    assert {r.rank: r.gap_seconds for r in x.results} == {1: 0, 2: 0, 3: 4}


def test_german_same_time_broken_after_gl():
    """'gl. Zeit': the sentence break falls after the abbreviation."""
    x = extract(Report("r.txt", "r.txt", "Kaden Groves hat die neunte Etappe der Vuelta in "
                       "Ourense gewonnen, vor Bryan Coquard und Pascal Ackermann.\n\nErgebnis:\n"
                       "1. Kaden Groves (Alpecin-Deceuninck) 4:11:02 Std.\n"
                       "2. Bryan Coquard (Cofidis) + 0:04 Min.\n"
                       "3. Pascal Ackermann (UAE Team Emirates) gl. Zeit\n", None, "0" * 64,
                       "de"))
    assert {r.rank: r.gap_seconds for r in x.results} == {1: 0, 2: 4, 3: 4}


def test_ranks_written_as_ordinals():
    x = facts(WINNER + "Result\n1st Kaden Groves (Alpecin-Deceuninck) 4:11:02\n"
              "2nd Bryan Coquard (Cofidis) same time\n3rd Pascal Ackermann (UAE Team Emirates) "
              "+0:02\n")
    assert [(r.rank, r.rider, r.team, r.gap_seconds) for r in x.results] == [
        (1, "Kaden Groves", "Alpecin-Deceuninck", 0), (2, "Bryan Coquard", "Cofidis", 0),
        (3, "Pascal Ackermann", "UAE Team Emirates", 2)]


def test_a_list_of_stage_winners_is_no_ranking():
    x = facts(WINNER + "Stage winners so far\n1st stage: Remco Evenepoel\n"
              "2nd stage: Primoz Roglic\n3rd stage: Kaden Groves\n")
    assert ranks(x) == {1: "Kaden Groves", 2: "Bryan Coquard", 3: "Pascal Ackermann"}


def test_a_table_with_cells_between_bars_and_the_surname_in_capitals():
    # "1 | POGAČAR Tadej | Slovenia | 6:27:30 |": a results table kept as text; a quote
    # mark alone in the time cell is a ditto mark (the time above).
    x = facts("Top 5 of the race\n"
              "Position | Rider | Nation | Time |\n"
              "1 | POGAČAR Tadej | Slovenia | 6:27:30 |\n"
              "2 | O’CONNOR Ben | Australia | 0:34 |\n"
              "3 | VAN DER POEL Mathieu | Netherlands | 0:58 |\n"
              "4 | SKUJIŅŠ Toms | Latvia | “ |\n"
              "5 | HEALY Ben | Ireland | 1:00 |\n")
    assert ranks(x) == {1: "Tadej Pogačar", 2: "Ben O'Connor", 3: "Mathieu van der Poel",
                        4: "Toms Skujiņš", 5: "Ben Healy"}
    assert [r.gap_seconds for r in x.results] == [0, 34, 58, 58, 60]


def test_an_inline_list_goes_on_through_a_surname_no_list_knows():
    # "8. Zanvettor;": a surname alone in a slot of a results list is a rider, not a town
    x = facts("Order of finish: 1. Andrea Vendrame (AG2R) in 4h55'10\"; 2. Diego Ulissi a 2\"; "
              "3. Felline; 4. Zanvettor; 5. Montaguti (Ita) a 8\"; 6. Cunego a 58′‘.")
    assert ranks(x) == {1: "Andrea Vendrame", 2: "Diego Ulissi", 3: "Felline",
                        4: "Zanvettor", 5: "Montaguti", 6: "Cunego"}
    assert x.results[4].gap_seconds == 8 and x.results[5].gap_seconds == 58  # 58′‘: seconds


def test_a_list_line_with_a_surname_alone_after_riders_named_in_full():
    x = facts("Stage result\n1. Andrea Vendrame (AG2R) 4:55:10\n2. Diego Ulissi (UAE) +0:02\n"
              "3. Zorzettig +0:08\n")
    assert ranks(x) == {1: "Andrea Vendrame", 2: "Diego Ulissi", 3: "Zorzettig"}
    # a list of towns names no rider in full: it stays a list of towns
    assert ranks(facts("Stage towns\n1. Bilbao\n2. Vitoria\n3. Pamplona\n")) == {}


def test_a_sheet_that_writes_the_surname_first_names_the_rider_as_the_list_does():
    x = facts("Stage 3 result\n1. Philipsen Jasper Alpecin-Deceuninck 4:12:30\n"
              "2. Kooij Olav Visma-Lease a Bike s.t.\n3. Thijssen Gerben Intermarché-Wanty s.t.\n")
    assert ranks(x) == {1: "Jasper Philipsen", 2: "Olav Kooij", 3: "Gerben Thijssen"}


def test_ranks_written_with_an_ordinal_sign_and_a_point():
    """'1º.' / '2º.' (Spanish and Portuguese lists) number the lines like '1.'; a line the
    sentence splitter cut after the rank is joined to its rider again."""
    text = ("Ramón Ibarra gana la crono inaugural de la Vuelta a Castilla y León\n"
            "El murciano fue el más rápido sobre los ocho kilómetros llanos de Medina.\n"
            "Resultados:\n"
            "1º. Ramón Ibarra (CJR) 9:58\n"
            "2º. Telmo Aguirre (EUS) a 3\n"
            "3º. Bruno Lemos (EFP) a 7\n")
    x = extract(Report("r.txt", "r.txt", text, None, "0" * 64, "es"))
    assert {r.rank: (r.rider, r.gap_seconds) for r in x.results} == {
        1: ("Ramón Ibarra", 0), 2: ("Telmo Aguirre", 3), 3: ("Bruno Lemos", 7)}
