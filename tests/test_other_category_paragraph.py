"""A sentence with a category cue ("In the women's race, X won") tells the other category's
race; the sentences after it in its paragraph go on with that race's places until one
names a winner, so those places are not the report's."""

from text_extraction import finishing_order


def test_places_later_in_the_other_categorys_paragraph_are_not_the_reports():
    order = finishing_order(
        "Tom Reed won the national road race in Lanark ahead of Jim Hale.\n\n"
        "In the women's race, Anna Lowe attacked on the last climb to win alone. She was "
        "never caught. Beth Carr was second and Cara Dunn third.", "en")
    assert order[1] == "Tom Reed" and "Beth Carr" not in order.values()


def test_a_new_paragraph_past_the_next_sentence_ends_the_other_category():
    order = finishing_order(
        "Tom Reed won the national road race in Lanark.\n\n"
        "In the women's race, Anna Lowe attacked on the last climb to win alone. She was "
        "never caught.\n\nJim Hale was second and Ned Ward third.", "en")
    assert order == {1: "Tom Reed", 2: "Jim Hale", 3: "Ned Ward"}
