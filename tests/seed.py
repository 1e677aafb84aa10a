"""Full names printed in the seed NTS report (``examples/crest/CIA-RDP82-00457R006100750010-5.txt``),
spelled as its OCR prints them ("Eikolai Peyk", "Mikha L Massianov"). Shared by the tests that look
for them, so a correction to the seed text is made once."""

from __future__ import annotations

# The governing committee and the members the report lists, in the order it lists them.
NTS_COMMITTEE = (
    "Aleksei V. Batyan",
    "Vladimir Aleksandrovich Tretyakov",
    "Aleksei Alekseyevich Kandaurov",
    "Zoran Afanasyevich Belik",
    "Vasili Bacholdin",
    "Eikolai Peyk",
    "Aleksandr Generalov",
    "Vladimir Saveliev",
    "Mikha L Massianov",
    "Hikolai Rozdovsky",
    "Ivan Alekseyevich Makayev",
)
# Every full name of a person in the report (the pseudonym Aleksei Privalov included).
NTS_FULL_NAMES = (
    *NTS_COMMITTEE,
    "Viktor I. Baidalakov",
    "Viktor M. Baidalakov",
    "Konstantin Aleksandrovich Kellner",
    "Aleksei Privalov",
)
