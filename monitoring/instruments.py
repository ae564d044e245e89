"""Validated wellbeing instruments as versioned definitions, and scoring them exactly.

Each definition is data: its items, response scale, scoring rule, conversion table, licence note
and the attribution that must be shown wherever results appear. Scoring never guesses: a response
with the wrong number of items, or an item outside the scale, is refused with a message a person
can act on.

Sources
- WEMWBS: Tennant R, et al. (2007) The Warwick-Edinburgh Mental Well-being Scale (WEMWBS):
  development and UK validation. Health and Quality of Life Outcomes 5:63. Fourteen items scored
  1-5; the score is their sum (14-70).
- SWEMWBS: Stewart-Brown S, et al. (2009) Internal construct validity of the Warwick-Edinburgh
  Mental Well-being Scale (WEMWBS): a Rasch analysis using data from the Scottish Health Education
  Population Survey. Health and Quality of Life Outcomes 7:15. Seven of the WEMWBS items; the raw
  sum (7-35) is converted to the metric score with the Rasch conversion table published by Warwick
  Medical School ("SWEMWBS conversion table", Collect, score, analyse and interpret WEMWBS,
  warwick.ac.uk/fac/sci/med/research/platform/wemwbs/using/howto). The table below is that table,
  to two decimal places, unchanged.
- ONS4: Office for National Statistics, Personal well-being in the UK: the four questions
  (life satisfaction, worthwhile, happiness, anxiety), each answered 0-10 and reported separately,
  never summed. Anxiety is the one where a lower answer is better.

Meaningful change (the share of participants improving by at least this much)
- WEMWBS: 3 points. Maheswaran H, et al. (2012) Evaluating the responsiveness of the
  Warwick-Edinburgh Mental Well-Being Scale (WEMWBS): group and individual level analysis. Health
  and Quality of Life Outcomes 10:156 found a standard error of measurement of 2.4-3.1 points;
  Warwick Medical School's guidance takes 3 points as the smallest meaningful individual change.
- SWEMWBS: 1 metric point. Shah N, et al. (2018) Responsiveness of the Short Warwick Edinburgh
  Mental Well-Being Scale (SWEMWBS): evaluation in a clinical sample. Health and Quality of Life
  Outcomes 16:239 found that a change of 1 to 3 points meets the thresholds for statistically
  important change (1 SEM = 1.03 points); 1 point is the same one-SEM standard used for WEMWBS.
- ONS4: the ONS publishes no meaningful-change threshold; 1 point, the smallest possible change,
  is used and labelled as such.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from core.errors import ApplicationError


class InstrumentError(ApplicationError):
    """A response that cannot be scored: wrong number of items, or an item out of range."""


@dataclass(frozen=True)
class Item:
    number: int
    text: str
    # Lower is better for this item (ONS4 anxiety).
    lower_is_better: bool = False


@dataclass(frozen=True)
class Instrument:
    code: str
    version: str
    name: str
    short_name: str
    description: str
    items: tuple[Item, ...]
    scale_min: int
    scale_max: int
    scale_labels: dict[int, str]
    scoring_rule: str
    # "sum" (one score: the total of the items) or "separate" (each item is its own score).
    scoring: str
    licence_note: str
    attribution: str
    meaningful_change: Decimal
    meaningful_change_source: str
    conversion: dict[int, Decimal] = field(default_factory=dict)

    @property
    def item_count(self) -> int:
        return len(self.items)

    @property
    def is_summed(self) -> bool:
        return self.scoring == "sum"

    @property
    def has_conversion(self) -> bool:
        return bool(self.conversion)

    @property
    def raw_min(self) -> int:
        return self.item_count * self.scale_min

    @property
    def raw_max(self) -> int:
        return self.item_count * self.scale_max

    @property
    def score_label(self) -> str:
        return "metric score" if self.has_conversion else "score"


@dataclass(frozen=True)
class Score:
    instrument: str
    version: str
    items: tuple[int, ...]
    raw_score: int | None
    metric_score: Decimal | None

    @property
    def headline(self) -> Decimal | None:
        """The score analyses use: the metric score where a conversion exists, else the raw."""
        if self.metric_score is not None:
            return self.metric_score
        return Decimal(self.raw_score) if self.raw_score is not None else None


FREQUENCY_SCALE = {
    1: "None of the time",
    2: "Rarely",
    3: "Some of the time",
    4: "Often",
    5: "All of the time",
}

WEMWBS_ITEMS = (
    "I've been feeling optimistic about the future",
    "I've been feeling useful",
    "I've been feeling relaxed",
    "I've been feeling interested in other people",
    "I've had energy to spare",
    "I've been dealing with problems well",
    "I've been thinking clearly",
    "I've been feeling good about myself",
    "I've been feeling close to other people",
    "I've been feeling confident",
    "I've been able to make up my own mind about things",
    "I've been feeling loved",
    "I've been interested in new things",
    "I've been feeling cheerful",
)
# SWEMWBS is WEMWBS items 1, 2, 3, 6, 7, 9 and 11.
SWEMWBS_FROM_WEMWBS = (1, 2, 3, 6, 7, 9, 11)

# Warwick Medical School's SWEMWBS raw-to-metric conversion table (see the module docstring).
SWEMWBS_CONVERSION: dict[int, Decimal] = {
    raw: Decimal(metric)
    for raw, metric in {
        7: "7.00",
        8: "9.51",
        9: "11.25",
        10: "12.40",
        11: "13.33",
        12: "14.08",
        13: "14.75",
        14: "15.32",
        15: "15.84",
        16: "16.36",
        17: "16.88",
        18: "17.43",
        19: "17.98",
        20: "18.59",
        21: "19.25",
        22: "19.98",
        23: "20.73",
        24: "21.54",
        25: "22.35",
        26: "23.21",
        27: "24.11",
        28: "25.03",
        29: "26.02",
        30: "27.03",
        31: "28.13",
        32: "29.31",
        33: "30.70",
        34: "32.55",
        35: "35.00",
    }.items()
}

WARWICK_LICENCE = (
    "Free to use, but you must register with Warwick Medical School before you start, and the "
    "wording of the items must not be changed."
)

WEMWBS = Instrument(
    code="wemwbs",
    version="2007",
    name="Warwick-Edinburgh Mental Wellbeing Scale",
    short_name="WEMWBS",
    description="Fourteen positively worded statements about thoughts and feelings over the last two weeks.",
    items=tuple(Item(n, text) for n, text in enumerate(WEMWBS_ITEMS, start=1)),
    scale_min=1,
    scale_max=5,
    scale_labels=FREQUENCY_SCALE,
    scoring_rule="Add up the 14 answers (each 1 to 5): the score is 14 to 70.",
    scoring="sum",
    licence_note=WARWICK_LICENCE,
    attribution=(
        "Warwick-Edinburgh Mental Wellbeing Scale (WEMWBS) © NHS Health Scotland, University of "
        "Warwick and University of Edinburgh, 2006, all rights reserved."
    ),
    meaningful_change=Decimal("3"),
    meaningful_change_source="Maheswaran et al. (2012), Health and Quality of Life Outcomes 10:156",
)

SWEMWBS = Instrument(
    code="swemwbs",
    version="2009",
    name="Short Warwick-Edinburgh Mental Wellbeing Scale",
    short_name="SWEMWBS",
    description="Seven of the WEMWBS statements, about functioning more than feeling.",
    items=tuple(Item(i, WEMWBS_ITEMS[n - 1]) for i, n in enumerate(SWEMWBS_FROM_WEMWBS, start=1)),
    scale_min=1,
    scale_max=5,
    scale_labels=FREQUENCY_SCALE,
    scoring_rule=(
        "Add up the 7 answers (each 1 to 5) to a raw score of 7 to 35, then convert it to the "
        "metric score with Warwick Medical School's Rasch conversion table."
    ),
    scoring="sum",
    licence_note=WARWICK_LICENCE,
    attribution=(
        "Short Warwick-Edinburgh Mental Wellbeing Scale (SWEMWBS) © NHS Health Scotland, "
        "University of Warwick and University of Edinburgh, 2008, all rights reserved."
    ),
    meaningful_change=Decimal("1"),
    meaningful_change_source="Shah et al. (2018), Health and Quality of Life Outcomes 16:239",
    conversion=SWEMWBS_CONVERSION,
)

ONS4 = Instrument(
    code="ons4",
    version="2011",
    name="ONS personal wellbeing questions (ONS4)",
    short_name="ONS4",
    description=(
        "Four questions, each answered from 0 (not at all) to 10 (completely). Each is reported "
        "on its own: they are never added together."
    ),
    items=(
        Item(1, "Overall, how satisfied are you with your life nowadays?"),
        Item(
            2,
            "Overall, to what extent do you feel that the things you do in your life are worthwhile?",
        ),
        Item(3, "Overall, how happy did you feel yesterday?"),
        Item(4, "Overall, how anxious did you feel yesterday?", lower_is_better=True),
    ),
    scale_min=0,
    scale_max=10,
    scale_labels={0: "Not at all", 10: "Completely"},
    scoring_rule="Each of the four answers (0 to 10) is its own score; they are never summed.",
    scoring="separate",
    licence_note="Crown copyright, free to use under the Open Government Licence v3.0.",
    attribution=(
        "ONS personal wellbeing questions. Source: Office for National Statistics, licensed under "
        "the Open Government Licence v3.0."
    ),
    meaningful_change=Decimal("1"),
    meaningful_change_source="No published threshold: the smallest possible change (1 point)",
)

INSTRUMENTS: dict[str, Instrument] = {i.code: i for i in (WEMWBS, SWEMWBS, ONS4)}
INSTRUMENT_CHOICES = [(i.code, i.short_name) for i in INSTRUMENTS.values()]


def instrument_get(code: str) -> Instrument:
    try:
        return INSTRUMENTS[code.lower()]
    except KeyError as exc:
        known = ", ".join(sorted(INSTRUMENTS))
        raise InstrumentError(
            f"There is no instrument called “{code}”. Use one of: {known}."
        ) from exc


def _as_int(value: object, position: int, instrument: Instrument) -> int:
    if isinstance(value, bool):
        raise InstrumentError(f"Answer {position} must be a whole number, not true or false.")
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value.strip())
    raise InstrumentError(
        f"Answer {position} must be a whole number from {instrument.scale_min} to "
        f"{instrument.scale_max}."
    )


def score(instrument: Instrument | str, items: Sequence[object]) -> Score:
    """Score one person's answers, or refuse them with a clear message."""
    if isinstance(instrument, str):
        instrument = instrument_get(instrument)
    if not isinstance(items, list | tuple):
        raise InstrumentError(f"Give the {instrument.item_count} answers as a list.")
    if len(items) != instrument.item_count:
        raise InstrumentError(
            f"{instrument.short_name} has {instrument.item_count} items: "
            f"{len(items)} answer{'s were' if len(items) != 1 else ' was'} given."
        )
    values = tuple(_as_int(v, n, instrument) for n, v in enumerate(items, start=1))
    out_of_range = [
        n
        for n, v in enumerate(values, start=1)
        if not instrument.scale_min <= v <= instrument.scale_max
    ]
    if out_of_range:
        listed = ", ".join(str(n) for n in out_of_range)
        raise InstrumentError(
            f"Each {instrument.short_name} answer must be from {instrument.scale_min} to "
            f"{instrument.scale_max}: answer {listed} {'is' if len(out_of_range) == 1 else 'are'} "
            "outside that range."
        )
    if not instrument.is_summed:
        return Score(instrument.code, instrument.version, values, None, None)
    raw = sum(values)
    metric = instrument.conversion.get(raw) if instrument.has_conversion else None
    return Score(instrument.code, instrument.version, values, raw, metric)
