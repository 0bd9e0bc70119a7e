"""Sentences with their spans: lines end sentences, abbreviations and quotations do not; clauses, datelines,
captions and headings; splitting stays linear."""

from __future__ import annotations

import time

import pytest

from geomap.sentences import (
    MAX_SENTENCE_CHARS,
    SENTENCES_REMEMBERED,
    Sentence,
    dateline_end,
    forget_sentence_readings,
    is_caption,
    is_heading,
    read_once_per_sentence,
    split_clauses,
    split_sentences,
)

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


def test_sentence_spans_point_into_the_text_and_respect_abbreviations_and_quotes():
    text = ("Fighting began on Sept. 27 when U.S. officials said so. “A peace process will surely be started. "
            "Clashes cannot go on forever,” Aliyev said.\nREAD MORE: next")
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == [
        "Fighting began on Sept. 27 when U.S. officials said so.",
        "“A peace process will surely be started. Clashes cannot go on forever,” Aliyev said.",
        "READ MORE: next",
    ]
    assert all(text[s.start:s.end] == s.text for s in sentences)
    assert [s.line for s in sentences] == [0, 0, 1]


def test_a_straight_quote_keeps_its_sentences_together():
    text = 'He said: "The town fell. We left at night." Then the shelling began.'
    assert [s.text for s in split_sentences(text)] == [
        'He said: "The town fell. We left at night."', "Then the shelling began."]


def test_clauses_are_cut_at_semicolons_outside_quotes():
    text = ("The US said a week earlier that an air strike had killed 13 fighters; on Friday the group attacked a "
            "hotel. “We fought; we won,” he said.")
    sentences = split_sentences(text)
    clauses = [c.text for s in sentences for c in split_clauses(s)]
    assert clauses == ["The US said a week earlier that an air strike had killed 13 fighters;",
                       "on Friday the group attacked a hotel.", "“We fought; we won,” he said."]
    assert all(text[c.start:c.end] == c.text for s in sentences for c in split_clauses(s))


def test_a_run_on_line_is_cut_so_no_sentence_grows_without_bound():
    line = "shelling hit the town and " * 4000  # 100 KB with no full stop
    sentences = split_sentences(line)
    assert max(len(s.text) for s in sentences) <= MAX_SENTENCE_CHARS
    assert all(line[s.start:s.end] == s.text for s in sentences)
    assert "".join(s.text for s in sentences).replace(" ", "") == line.replace(" ", "")


def test_splitting_is_linear_in_the_length_of_a_line_full_of_abbreviations():
    timings = []
    for repeat in (2000, 8000):
        line = "Fighting began on Sept. 27 near the U.S. base " * repeat
        started = time.process_time()
        split_sentences(line)
        timings.append(time.process_time() - started)
    assert timings[1] < 8 * timings[0] + 0.2  # four times the text: far under the sixteen of a quadratic splitter


@pytest.mark.parametrize("line, rest", [
    ("BAMAKO – At least 41 people were killed", "At least 41 people were killed"),
    ("GOMA, Congo (AP) — According to residents", "According to residents"),
    ("KYIV, Jan 15 (Reuters) - A missile hit", "A missile hit"),
    ("GHAZNI- The Taliban staged a huge attack", "The Taliban staged a huge attack"),
    ("Baghdad: Fighters of the Islamic State group", "Fighters of the Islamic State group"),
    ("(AFP) — Thousands of people left", "Thousands of people left"),
    ("BOGOTÁ (Sputnik) – Dissidents fired", "Dissidents fired"),
    ("Bamba, Mali - Suspected jihadists struck", "Suspected jihadists struck"),
    ("MOSUL, Iraq, June 3, 2017 - Iraqi troops said", "Iraqi troops said"),
    ("SANAA, Feb. 9, 2016 — Coalition jets struck", "Coalition jets struck"),
])
def test_datelines_are_found_in_their_many_shapes(line, rest):
    assert line[dateline_end(line):] == rest


@pytest.mark.parametrize("line", [
    "The Saudi-led coalition said on Sunday", "Turkey, a longtime ally of Azerbaijan, has accused Armenia",
    "Fighting began on Sept. 27 - when it did", "Mon 12 October 2020: talks",
])
def test_prose_is_no_dateline(line):
    assert dateline_end(line) == 0


@pytest.mark.parametrize("line, caption", [
    ("Smoke rises over the site of an air strike in Mekelle, capital of the Tigray region.", True),
    ("A house destroyed by fire in Rwangoma [Photographer Name/AFP]", True),
    ("Firefighters at the depot after the strike [Staff photo]", True),
    ("A woman passes a house damaged in fighting in the town of Debaltseve February 25, 2015.", True),
    ("A still taken from a news channel, said to show fighters on the streets.", True),
    ("The rebels took the town on Monday morning after heavy fighting through the night.", False),
    ("Gunmen killed 34 people in a raid on the village of Nagrago.", False),
])
def test_photo_captions(line, caption):
    assert is_caption(line) is caption


def test_headings_are_short_lines_without_a_full_stop():
    assert is_heading("Thousands dead")
    assert is_heading("Fight till the end")
    assert not is_heading("The city was shelled.")
    assert not is_heading("")


def test_sentence_records_are_plain_and_frozen():
    sentence = split_sentences("One. Two.")[1]
    assert sentence == Sentence(5, 9, "Two.", 0)
    with pytest.raises(AttributeError):
        sentence.start = 0


def test_a_noun_spelt_like_a_caption_verb_makes_no_caption():
    from geomap.sentences import is_caption

    # "patrol" here is a noun after "their": the line tells of an ambush, as the story's own sentence
    assert not is_caption("Three soldiers were hurt when their patrol was ambushed outside the town.")
    assert is_caption("Soldiers patrol a street in the town.")


# --- readings shared by copies of a sentence ----------------------------------------------------------------


def test_a_sentence_is_read_once_whatever_report_prints_it_and_an_option_is_part_of_the_key():
    read = []

    @read_once_per_sentence
    def words_of(sentence: str, *, lower: bool = False) -> tuple[str, ...]:
        read.append(sentence)
        return tuple((sentence.lower() if lower else sentence).split())

    told = "Gunmen attacked the fish market in Pemba on Tuesday, killing two traders."
    first = words_of(told)
    copy = "".join(list(told))  # the same words printed by another report: an equal string, another object
    assert copy is not told and words_of(copy) == first and read == [told]
    assert words_of(told, lower=True) == tuple(told.lower().split()) and len(read) == 2
    assert words_of.cache_info().maxsize == SENTENCES_REMEMBERED
    forget_sentence_readings()
    words_of(told)
    assert read == [told, told, told]


def test_a_text_longer_than_a_sentence_is_read_afresh_each_time():
    read = []

    @read_once_per_sentence
    def length_of(text: str) -> int:
        read.append(len(text))
        return len(text)

    run_on = "shelling " * (MAX_SENTENCE_CHARS // 9 + 1)
    assert length_of(run_on) == length_of(run_on) == len(run_on) > MAX_SENTENCE_CHARS
    assert read == [len(run_on), len(run_on)] and length_of.cache_info().currsize == 0
