"""Sentences with their spans: lines end sentences, abbreviations and quotations do not."""

from __future__ import annotations

from geomap.sentences import split_sentences

REPORT = ("KHERSON, Ukraine (Wire) -- Russian forces shelled the city overnight, Gov. Oleksandr Prokudin said.\n"
          "Two people were killed. \u201cThe strikes hit homes. They hit a school,\u201d he told reporters. "
          "Residents sheltered in St. Nicholas church.\n"
          "The U.S. embassy said it was monitoring the situation.")


def test_every_sentence_is_its_span_of_the_text_with_its_line():
    sentences = split_sentences(REPORT)
    assert all(REPORT[s.start:s.end] == s.text for s in sentences)
    assert [s.line for s in sentences] == [0, 1, 1, 1, 2]


def test_an_abbreviation_an_initialism_and_a_quotation_do_not_end_a_sentence():
    texts = [s.text for s in split_sentences(REPORT)]
    assert texts[0].endswith("Gov. Oleksandr Prokudin said.")
    assert texts[2] == "\u201cThe strikes hit homes. They hit a school,\u201d he told reporters."
    assert texts[3] == "Residents sheltered in St. Nicholas church."
    assert texts[4].startswith("The U.S. embassy")


def test_a_line_break_ends_a_headline_with_no_full_stop():
    text = "Drone strike hits fuel depot in Odesa\nThe regional administration said no one was hurt."
    assert [s.text for s in split_sentences(text)] == [
        "Drone strike hits fuel depot in Odesa", "The regional administration said no one was hurt."]


def test_blank_text_has_no_sentence():
    assert split_sentences("  \n\n ") == []
