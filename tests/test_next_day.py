"""A print report of the day before: when the lead names yesterday and no sentence outside
a quote names today, "yesterday" is the report's own day (language file keys `yesterday`,
`today`); a winner the rest of the report gives otherwise keeps the report as it is."""

from dataclasses import replace

import pytest

import ingest.extract as extract_module
from ingest.extract import extract
from ingest.nlp.lexicon import cue_pattern
from ingest.read import parse_report


@pytest.fixture(autouse=True)
def with_yesterday(monkeypatch):
    real = extract_module.lexicon

    def patched(lang):
        lex = real(lang)
        return replace(lex, yesterday=((cue_pattern(["re:(?<!\\w)yesterday 's(?!\\w)"]), "the"),
                                       (cue_pattern(["yesterday"]), "")),
                       today=cue_pattern(["today"]))

    monkeypatch.setattr(extract_module, "lexicon", patched)


def facts(text: str):
    out = extract(parse_report(text.encode(), "next_day.txt"))
    return out, {r.rank: r.rider for r in out.results}


def test_yesterday_is_the_reports_day():
    out, ranks = facts("Jasper Philipsen won yesterday's 15th stage of the Tour de France, "
                       "from Rodez to Carcassonne.\n\nThe stage was flat and the break of the day "
                       "was caught with ten kilometres to go.\n")
    assert ranks == {1: "Jasper Philipsen"}
    assert out.stage is not None and out.stage.value == 15
    assert out.finish is not None and out.finish.value == "Carcassonne"


def test_today_keeps_yesterday_another_day():
    _, ranks = facts("The 16th stage of the Tour de France went to Foix today.\n\n"
                     "Yesterday Jasper Philipsen won the stage in Carcassonne.\n")
    assert 1 not in ranks


def test_another_winner_keeps_yesterday_another_day():
    _, ranks = facts("Wout van Aert won the fourth stage of the Tour de France in Calais.\n\n"
                     "Yesterday Dylan Groenewegen won the stage in Sonderborg.\n")
    assert ranks == {1: "Wout van Aert"}


def test_a_quote_keeps_its_own_yesterday():
    _, ranks = facts("\"Yesterday Dylan Groenewegen won the stage and I was angry about it,\" "
                     "said Wout van Aert.\n\nThe stage was flat and the break of the day was "
                     "caught with ten kilometres to go.\n")
    assert 1 not in ranks


def test_yesterday_past_the_first_sentence_must_give_the_winner():
    """Today's report, no 'today' in it: 'Yesterday, in the second stage, he was ninth.'"""
    out, _ = facts("A first podium for Davide Cimolai, beaten by a lone breakaway rider by "
                   "only four seconds.\n\nHe led the sprint of the bunch behind. Yesterday, "
                   "in the second stage, he had finished ninth.\n\nFilippo Ganna keeps the "
                   "pink jersey.\n")
    assert out.stage is None


def test_two_winners_are_two_days():
    """'Yesterday' in the lead of today's report, and yesterday's stage told further down:
    the report stays as read without the cue (neither winner)."""
    out, ranks = facts("Mark Cavendish won the sixth stage of the Tour de France a day after "
                       "his crash yesterday.\n\nThe stage from Pau to Lourdes was won yesterday "
                       "by Jasper Philipsen.\n")
    assert 1 not in ranks
    assert out.start is None and out.finish is None


def test_a_winner_of_yesterday_told_past_the_lead_is_another_days():
    _, ranks = facts("Mark Cavendish, who crashed yesterday, sprinted to the line in Pau with "
                     "his arms raised.\n\nThe break was caught late.\n\nThe favourites rode "
                     "together all day.\n\nThe stage from Pau to Lourdes was won yesterday by "
                     "Jasper Philipsen.\n")
    assert 1 not in ranks


def test_todays_outlook_closes_a_report_of_the_day_before():
    _, ranks = facts("Jasper Philipsen won yesterday's 15th stage of the Tour de France, from "
                     "Rodez to Carcassonne.\n\nThe break was caught with ten kilometres to go "
                     "after a long day in the wind.\n\nThe riders rest tomorrow.\n\n"
                     "Today the race heads to Foix for a day in the hills.\n")
    assert ranks == {1: "Jasper Philipsen"}


def test_today_in_the_lead_is_the_reports_day():
    _, ranks = facts("Today the race heads to Foix, a day after Jasper Philipsen won "
                     "yesterday's 15th stage of the Tour de France in Carcassonne.\n\n"
                     "The break was caught with ten kilometres to go after a long day.\n")
    assert 1 not in ranks
