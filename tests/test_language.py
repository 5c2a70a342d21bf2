from __future__ import annotations

import pytest

from pipeline.language import common_words, detect, sample


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The governor and the mayor disagree about security in the valley.", "en"),
        ("La alcaldesa y la gobernadora no coinciden sobre la seguridad en el valle.", "es"),
        ("Le maire et la gouverneure ne sont pas d'accord sur la sécurité.", "other"),
        ("O prefeito e a governadora não concordam sobre a segurança no vale.", "other"),
    ],
)
def test_detect_routes_english_and_spanish_only(text: str, expected: str) -> None:
    found = detect(text, sample_chars=2000, min_confidence=0.3)
    assert found.language == expected
    assert 0.0 <= found.score <= 1.0


def test_unrouted_language_keeps_the_detectors_guess() -> None:
    found = detect("Le maire et la gouverneure ne sont pas d'accord.", sample_chars=2000, min_confidence=0.3)
    assert (found.language, found.guess) == ("other", "fr")


def test_low_confidence_is_other() -> None:
    found = detect("The governor habló con la alcaldesa.", sample_chars=2000, min_confidence=0.99)
    assert found.language == "other"


def test_text_without_letters_is_other_with_zero_score() -> None:
    found = detect("1234 5678 ---", sample_chars=2000, min_confidence=0.3)
    assert (found.language, found.score) == ("other", 0.0)


def test_sample_cuts_at_a_word_boundary() -> None:
    assert sample("alpha beta gamma", 12) == "alpha beta"
    assert sample("short", 100) == "short"
    assert sample("x" * 50, 10) == "x" * 10


def test_detection_reads_common_words_not_names() -> None:
    riders = [
        "Jeroen Blijlevens (Nederland) Rabobank Groningen",
        "Maarten den Bakker (Nederland) TVM Oosterhout",
    ]
    rows = [f"{n}. {rider} {n} seconds" for n, rider in enumerate(riders * 8, 1)]
    text = "Leading results of the final stage on Saturday, with time behind the winner:\n" + "\n".join(rows)
    assert detect(text, sample_chars=2000, min_confidence=0.3).language == "en"  # whole text reads as Dutch


def test_common_words_keeps_short_texts_whole() -> None:
    assert common_words("Norma Bustamante visitó Mexicali") == "Norma Bustamante visitó Mexicali"
    long_text = "Mexicali " + "la ciudad " * 10
    assert common_words(long_text) == " ".join(["la ciudad"] * 10)


def test_long_texts_use_the_small_models_and_unsure_ones_the_full_models() -> None:
    from pipeline import language

    language._detector.cache_clear()
    detect(
        "La alcaldesa habló hoy de seguridad con la gobernadora en la ciudad. " * 5,
        sample_chars=2000,
        min_confidence=0.3,
    )
    assert language._detector.cache_info().currsize == 1  # only the trigram models were needed
    detect("Hola, ¿qué tal?", sample_chars=2000, min_confidence=0.3)
    assert language._detector.cache_info().currsize == 2
