"""Display names for language codes and the word for "Article" in the languages we hold."""

from __future__ import annotations

LANGUAGE_NAMES = {
    "ar": "Arabic", "az": "Azerbaijani", "be": "Belarusian", "de": "German", "en": "English",
    "es": "Spanish", "fa": "Persian", "fr": "French", "he": "Hebrew", "hy": "Armenian",
    "ka": "Georgian", "kk": "Kazakh", "ky": "Kyrgyz", "ro": "Romanian", "ru": "Russian",
    "tg": "Tajik", "tk": "Turkmen", "uk": "Ukrainian", "ur": "Urdu", "uz": "Uzbek", "zh": "Chinese",
}

# Written right to left: the HTML gives these dir="rtl" so punctuation lands on the right side.
RTL = frozenset({"ar", "fa", "he", "ur", "yi", "ps", "sd", "ug", "dv"})

_ARTICLE = {"en": "Article", "ru": "Статья", "uk": "Стаття", "be": "Артыкул", "kk": "Бап"}


def language_name(code: str) -> str:
    return LANGUAGE_NAMES.get(code, code)


def article_label(code: str) -> str:
    return _ARTICLE.get(code, "Article")


def direction(code: str) -> str:
    return "rtl" if code in RTL else "ltr"
