"""Clause breaks (language files): where a trailing clause starts, so that a distractor
there leaves the main clause ("X won the stage while Y kept the overall lead")."""

from ingest.nlp.lexicon import clause_break_pattern


def test_words_need_a_comma():
    pattern = clause_break_pattern(["while", "and"])
    assert pattern.search("x won the stage , while y leads overall")
    assert pattern.search("x won, and y leads overall")
    assert not pattern.search("x won the stage while y leads overall")
    assert not pattern.search("x and y led the overall standings")


def test_regex_entries_as_written():
    pattern = clause_break_pattern(["while", "re: while(?= )"])
    found = pattern.search("x won the stage while y leads overall")
    assert found and found.start() == len("x won the stage")
    assert pattern.search("x won the stage , while y leads").start() == len("x won the stage")


def test_no_breaks_never_match():
    assert not clause_break_pattern([]).search(", while")
