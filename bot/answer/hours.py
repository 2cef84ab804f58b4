"""Opening hours: per weekday, at an hour, until when, and for the date or period asked.

Hours hold from `valid_from` (empty: from the start) up to `valid_until`; a source that brings
new hours adds a schedule of its own, answered for the dates it covers with its own weekly
total and its own source. A period no schedule covers is refused, never answered with other
hours. Days without hours are "geen vaste chaturen" (the source mentions chats by appointment),
never "gesloten".
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from bot.answer.common import AnswerContext, Result, Row, finish, fmt, refusal
from bot.model import Query
from bot.present import dutch
from bot.understand.intents import IntentSpec

_FAR_PAST = date(1900, 1, 1)
_FAR_FUTURE = date(9999, 12, 31)
OPEN_END = "nader bericht"  # hours without an end date hold "tot nader bericht"


def _hhmm(text: str) -> float:
    h, m = text.split(":")
    return int(h) + int(m) / 60


@dataclass(frozen=True)
class Schedule:
    """The hours of one validity period."""

    rows: tuple[Row, ...]
    valid_from: date | None
    valid_until: date | None
    known_from: date | None = None  # with no start date: the date of the source that gives them

    def covers(self, start: date, end: date) -> bool:
        """Are these hours known to hold on any day from start to end? (Before a start date, or
        before the source of hours without one, the hours are not known.)"""
        return self.first_day() <= end and start <= (self.valid_until or _FAR_FUTURE)

    def first_day(self) -> date:
        """The first day these hours are known to hold."""
        return self.valid_from or self.known_from or _FAR_PAST

    def by_day(self) -> dict[int, Row]:
        """The hours per weekday (1 = Monday)."""
        return {r["weekday"]: r for r in self.rows}

    def weekly_hours(self) -> float:
        """How many hours a week the chat is open on this schedule."""
        return sum(_hhmm(r["closes"]) - _hhmm(r["opens"]) for r in self.rows)


def _schedules(rows: list[Row]) -> list[Schedule]:
    groups: dict[tuple[date | None, date | None, date | None], list[Row]] = {}
    for r in rows:
        key = (r.get("valid_from"), r.get("valid_until"), r.get("known_from"))
        groups.setdefault(key, []).append(r)
    return sorted(
        (Schedule(tuple(rs), a, b, known) for (a, b, known), rs in groups.items()),
        key=lambda s: s.valid_from or _FAR_PAST,
    )


def _asked_span(query: Query, today: date, schedules: list[Schedule]) -> tuple[date, date, str] | None:
    """The dates the question is about, and how to name them (None: not said). Months without
    a year are those of the newest year with hours for them, as "mei" is the newest May with
    figures."""
    p = query.period
    if p.date is not None:
        day, month, year = p.date
        year = year or (p.years[0] if len(p.years) == 1 else today.year)  # "op 25 september 2020"
        try:
            d = date(year, month, day)
        except ValueError:
            return None
        return d, d, dutch.date_label(d)
    ended = [s.valid_until for s in schedules if s.valid_until is not None]
    if query.after_then and not (p.years or p.months or p.open_from) and len(ended) == len(schedules):
        # "en daarna?", "wat is er na die datum gepland?": after the last day of the newest hours
        start = date.fromordinal(max(ended).toordinal() + 1)
        return start, _FAR_FUTURE, _open_period(start)
    if p.open_from is not None and not p.months:
        # "ook na december?", "vanaf mei": from that month on, of the year named or else the
        # newest year with hours
        known = [d for s in schedules for d in (s.valid_from, s.valid_until, s.known_from) if d is not None]
        year = p.years[0] if p.years else max((d.year for d in known), default=today.year)
        start = date(year, p.open_from, 1) if p.open_from <= 12 else date(year + 1, 1, 1)
        return start, _FAR_FUTURE, _open_period(start)
    years = sorted(set(p.years))
    if not years and p.relative_year is not None:
        # ("dit jaar en vorig jaar": both years)
        years = sorted({today.year + r for r in (p.relative_year, *p.more_relative_years)})
    if not years and not p.months:
        return None
    months = sorted(set(p.months)) or list(range(1, 13))
    if not years:
        bounds = {d.year for s in schedules for d in (s.valid_from, s.valid_until) if d is not None}
        covered = [
            y for y in {*bounds, today.year} if any(s.covers(*_month_span(y, months)) for s in schedules)
        ]
        years = [max(covered, default=today.year)]
    start, _ = _month_span(years[0], months)
    _, end = _month_span(years[-1], months)
    label = dutch.join([dutch.period_label(y, months if p.months else []) for y in years])
    return start, end, label


def _open_period(start: date) -> str:
    """ "de periode vanaf januari 2021": an open period, named by its first month."""
    return f"de periode vanaf {dutch.period_label(start.year, [start.month])}"


def _month_span(year: int, months: list[int]) -> tuple[date, date]:
    """The first and last day of these months of one year."""
    last_month = months[-1]
    after = date(year + (last_month == 12), last_month % 12 + 1, 1)
    return date(year, months[0], 1), date.fromordinal(after.toordinal() - 1)


# "is de chat open op vrijdag?", "kan ik zaterdag chatten?", "ook op vrijdag?": yes or no
_ASKS_YES_OR_NO = re.compile(
    r"^(?:en |maar )?(?:ook\b|(?:ook )?(?:is|zijn|kan|kunnen|mag|mogen|gaat|ben|heeft|open)\b)"
)
_WHICH_DAYS = re.compile(r"(?<![\w])welke dag")


def answer_hours(ctx: AnswerContext, spec: IntentSpec, query: Query, today: date | None = None) -> Result:
    """The opening hours the question asks for, or a refusal for dates no source covers."""
    t = spec.templates
    rows = ctx.run(spec, "hours")
    if not rows:
        return Result(refusal(t["geen_uren"]))
    names = ctx.lexicon.weekday_names
    schedules = _schedules(rows)
    today = today or date.today()
    if query.period.vague:
        last = schedules[-1]
        text = fmt(
            t["geen_uren_periode"],
            period=f"‘{query.period.vague}’",
            valid=_validity(last),
            days=_days(last, names),
            total=dutch.number(last.weekly_hours()),
        )
        return Result(refusal(text))
    p = query.period
    # "hoe lang is de chat nu open?" ("nu" reads as the relative year 0): today
    this_year_alone = p.relative_year == 0 and not p.more_relative_years
    now = (re.search(t["nu_cues"], query.masked) is not None or this_year_alone) and not (
        p.years or p.months or p.date
    )
    asked = None if now else _asked_span(query, today, schedules)
    note = ""
    if now and not any(s.covers(today, today) for s in schedules):
        # "is de chat nu open?": the source cannot know today; the newest hours, with the
        # date they hold until, are the answer it gives
        note = fmt(t["nu_onbekend"], valid=_validity(schedules[-1]))
    elif now:
        asked = today, today, "vandaag"
    if asked is not None:
        start, end, label = asked
        chosen = [s for s in schedules if s.covers(start, end)]
        if not chosen:
            last = schedules[-1]
            text = fmt(
                t["geen_uren_periode"],
                period=label,
                valid=_validity(last),
                days=_days(last, names),
                total=dutch.number(last.weekly_hours()),
            )
            return Result(refusal(text))
    else:
        chosen = [schedules[-1]]
    lines: list[str] = []
    if asked is not None and p.date is not None and not query.weekdays and asked[0] == asked[1]:
        # "is de chat open op 25 september 2020?": the hours of that weekday
        weekday = asked[0].isoweekday()
        query = replace(query, weekdays=(weekday,))
        lines.append(fmt(t["datum_weekdag"], date=asked[2], day=names[weekday - 1]))
    if (
        asked is not None
        and len(chosen) == 1
        and asked[0] < chosen[0].first_day()
        and not chosen[0].valid_from
    ):
        # "in 2020": the source gives these hours on its own date, not for the months before
        known = chosen[0].first_day()
        note = fmt(t["pas_bekend_vanaf"], day=dutch.date_label(known), period=asked[2]) + (
            " " + note if note else ""
        )
    found = _days_found(t, query, chosen[0], names) if len(chosen) == 1 else None
    if found is not None:
        # "op welke dag is de chat het langst open?": the day found is what a follow-up asks about
        text, days_found = found
        lines.append(text)
        query = replace(query, weekdays=days_found)
    for schedule in chosen if found is None else ():
        lines += _schedule_lines(t, query, schedule, names, many=len(chosen) > 1)
    if len(schedules) > 1 and asked is None:
        earlier = schedules[:-1]
        lines.append(
            fmt(t["eerder"], periods=dutch.join([f"{_validity_from(s)}: {_days(s, names)}" for s in earlier]))
        )
    lines.append(t["afspraak"])
    if note:
        lines.insert(0, note)
    used = [r for s in chosen for r in s.rows]
    # a measure read from "chat" is nothing these hours used, nor taken from the question before
    answered = replace(query, from_context=tuple(p for p in query.from_context if p != "metric"))
    # "wat zijn de openingsuren op zaterdag?": days without hours get none; the other days' hours
    # are what is available, not an answer ("is de chat open op zaterdag?" is answered: no)
    closed = (
        bool(query.weekdays)
        and all(not any(r["weekday"] == wd for s in chosen for r in s.rows) for wd in query.weekdays)
        and _ASKS_YES_OR_NO.match(query.masked) is None
        and _WHICH_DAYS.search(query.masked) is None
        and not query.count_question
    )
    return Result(finish(ctx, " ".join(lines), used, answered=not closed), answered)


# What each superlative of a day compares: the hours open, the opening or the closing hour,
# and whether the largest or the smallest value is asked.
_EXTREMES: dict[str, tuple[str, bool]] = {
    "langst_cues": ("duration", True),
    "kortst_cues": ("duration", False),
    "vroegst_cues": ("opens", False),
    "laatst_cues": ("closes", True),
}


def _days_found(
    t: dict[str, str], query: Query, s: Schedule, names: list[str]
) -> tuple[str, tuple[int, ...]] | None:
    """The days a question picks out by their hours ("het langst open", "de dagen waarop hij
    pas om 19u opent"), as a sentence and the days; None when it names no such days."""
    if query.weekdays:
        return None
    by_day = s.by_day()

    def value(wd: int, kind: str) -> float:
        row = by_day[wd]
        if kind == "duration":
            return _hhmm(row["closes"]) - _hhmm(row["opens"])
        return _hhmm(row[kind])

    days: list[int] = []
    sentence = ""
    if query.day_part is not None and query.days_asked:
        # "op welke dagen is de chat al open vóór 19u?", "op hoeveel dagen in de namiddag?":
        # the days with hours inside that part of the day
        start, end = query.day_part
        days = [
            wd for wd in sorted(by_day) if min(value(wd, "closes"), end) - max(value(wd, "opens"), start) > 0
        ]
        window = fmt(t["tussen"], start=dutch.hour_label(start), end=dutch.hour_label(end))
        if not days:
            return fmt(t["dagdeel_nergens"], window=window, days=_days(s, names)), ()
        exact = [wd for wd in days if (value(wd, "opens"), value(wd, "closes")) == (start, end)]
        around = all(value(wd, "opens") <= start and value(wd, "closes") >= end for wd in days)
        if exact and len(exact) < len(days) and around:
            # "op welke avonden is de chat open van 19u tot 22u?": the days with those hours (every
            # day open then was given, and "die avonden" added up their whole hours)
            others = [wd for wd in days if wd not in exact]
            sentence = fmt(
                t["dagdeel_precies"],
                start=dutch.hour_label(start),
                end=dutch.hour_label(end),
                days=_day_list(exact, names),
                others=_day_list(others, names),
                days_cap=dutch.capitalize(_day_list(exact, names)),
            )
            days = exact
        else:
            sentence = fmt(
                t["dagdeel_dagen"],
                window=window,
                count=len(days),
                total=len(by_day),
                days=_day_list(days, names),
            )
    elif query.hour is not None:
        for kind in ("opens", "closes"):
            if re.search(t[f"{kind}_om_cues"], query.masked):
                days = [wd for wd in sorted(by_day) if value(wd, kind) == query.hour]
                sentence = fmt(
                    t[f"{kind}_om"], hour=dutch.hour_label(query.hour), days=_day_list(days, names)
                )
                if not days:
                    return fmt(
                        t[f"{kind}_nergens"], hour=dutch.hour_label(query.hour), days=_days(s, names)
                    ), ()
                break
        if not sentence:
            return None
    if not sentence:
        for cue, (kind, largest) in _EXTREMES.items():
            match = re.search(t[cue], query.masked)
            if match is None:
                continue
            values = {wd: value(wd, kind) for wd in by_day}
            best = (max if largest else min)(values.values())
            days = [wd for wd, v in values.items() if v == best]
            sentence = fmt(
                t["uiterste_dag"], what=dutch.capitalize(match.group(0)), days=_day_list(days, names)
            )
            break
        if not sentence:
            return None
    slots = {_slot_text(by_day[wd]) for wd in days}
    if len(slots) == 1:
        hours = dutch.number(value(days[0], "duration"))
        key = "zelfde_uren" if len(days) == 1 else "zelfde_uren_telkens"
        text = f"{sentence} {fmt(t[key], slot=slots.pop(), hours=hours)}"
    else:
        those = Schedule(tuple(by_day[wd] for wd in days), s.valid_from, s.valid_until)
        text = f"{sentence} {_days(those, names)}."
    windowed = query.day_part is not None  # (a day's hours are not its hours inside the window)
    if (query.count_question or re.search(t["duur_cues"], query.masked)) and not windowed:
        # "hoeveel uur per week op de dagen waarop hij pas om 19u opent?": those days added up
        text += " " + fmt(
            t["dagen_samen"],
            days=_day_list(days, names),
            hours=dutch.number(sum(value(wd, "duration") for wd in days)),
        )
    return text, tuple(days)


def _day_list(days: list[int], names: list[str]) -> str:
    return dutch.join([names[wd - 1] for wd in days])


def _validity(s: Schedule) -> str:
    """'eind december 2020' for hours that hold to the end of a month, else the date."""
    if s.valid_until is None:
        return OPEN_END
    if s.valid_until.day >= 28:
        return f"eind {dutch.date_label(s.valid_until).split(' ', 1)[1]}"
    return dutch.date_label(s.valid_until)


def _validity_from(s: Schedule) -> str:
    if s.valid_from is None:
        return f"tot {_validity(s)}"
    return f"van {dutch.date_label(s.valid_from)} tot {_validity(s)}"


def _slot_text(r: Row) -> str:
    return f"van {dutch.hour_label(_hhmm(r['opens']))} tot {dutch.hour_label(_hhmm(r['closes']))}"


def _by_slot(rows: Sequence[Row]) -> dict[str, list[Row]]:
    """The rows grouped by their hours ("van 19u tot 22u"), in the order of the week."""
    groups: dict[str, list[Row]] = {}
    for r in sorted(rows, key=lambda r: (r["weekday"], r["opens"])):
        groups.setdefault(_slot_text(r), []).append(r)
    return groups


def _days(s: Schedule, names: list[str], only: Sequence[int] | None = None) -> str:
    """The days with their hours, days with the same hours together; `only` those weekdays."""
    groups = _by_slot([r for r in s.rows if only is None or r["weekday"] in only])
    return dutch.join([f"{_day_list([r['weekday'] for r in d], names)} {slot}" for slot, d in groups.items()])


def _hours_each_day(t: dict[str, str], s: Schedule, names: list[str]) -> str:
    """ "maandag, dinsdag en donderdag telkens 3 uur (van 19u tot 22u) en woensdag 8 uur (...)"."""
    items = []
    for slot, rows in _by_slot(s.rows).items():
        hours = dutch.number(_hhmm(rows[0]["closes"]) - _hhmm(rows[0]["opens"]))
        days = _day_list([r["weekday"] for r in rows], names)
        items.append(
            fmt(t["per_dag_groep" if len(rows) > 1 else "per_dag_een"], days=days, hours=hours, slot=slot)
        )
    return dutch.join(items)


def _days_compared(t: dict[str, str], weekdays: tuple[int, ...], s: Schedule, names: list[str]) -> str:
    """ "hoeveel uur langer op woensdag dan op maandag?": both days' hours and the difference,
    the first day named against the second (the two days were listed, without the difference)."""
    by_day = s.by_day()
    closed = [wd for wd in weekdays if wd not in by_day]
    if closed:
        return fmt(t["verschil_dicht"], day=names[closed[0] - 1], days=dutch.capitalize(_days(s, names)))
    first, second = (by_day[wd] for wd in weekdays)
    hours = [_hhmm(r["closes"]) - _hhmm(r["opens"]) for r in (first, second)]
    gap = hours[0] - hours[1]
    names_asked = [names[wd - 1] for wd in weekdays]
    key = "verschil_meer" if gap > 0 else "verschil_minder" if gap < 0 else "verschil_gelijk"
    difference = fmt(t[key], hours=dutch.number(abs(gap)), first=names_asked[0], second=names_asked[1])
    return fmt(
        t["verschil_uren"],
        first=names_asked[0],
        second=names_asked[1],
        first_hours=dutch.number(hours[0]),
        second_hours=dutch.number(hours[1]),
        first_opens=dutch.hour_label(_hhmm(first["opens"])),
        first_closes=dutch.hour_label(_hhmm(first["closes"])),
        second_opens=dutch.hour_label(_hhmm(second["opens"])),
        second_closes=dutch.hour_label(_hhmm(second["closes"])),
        difference=difference,
        valid=_validity(s),
    )


def _schedule_lines(t: dict[str, str], query: Query, s: Schedule, names: list[str], many: bool) -> list[str]:
    by_day = s.by_day()
    days = _days(s, names)
    total = dutch.number(s.weekly_hours())
    valid = _validity(s)
    prefix = f"{dutch.capitalize(_validity_from(s))}: " if many else ""
    hour = query.hour
    lasting = re.search(t["duur_cues"], query.masked) is not None and bool(query.weekdays or query.day_part)
    # "hoeveel uren ... avond", "hoelang is de chat open op maandagavond?": hours, not an hour
    counted = query.count_question or "totaal" in query.operations or lasting
    if hour is None and query.day_part and not counted:
        hour = (query.day_part[0] + query.day_part[1]) / 2
    lines: list[str] = []
    if query.percent_question and query.weekdays and hour is None:
        # "welk aandeel van de wekelijkse openingsuren valt op woensdag?": those days' hours of all
        hours = sum(
            _hhmm(by_day[wd]["closes"]) - _hhmm(by_day[wd]["opens"]) for wd in query.weekdays if wd in by_day
        )
        weekly = s.weekly_hours()
        share = dutch.percent_value(Decimal(str(hours)) * 100 / Decimal(str(weekly))) if weekly else "-"
        asked_days = dutch.join([names[wd - 1] for wd in query.weekdays])
        lines.append(
            prefix
            + fmt(t["aandeel_uren"], days=asked_days, hours=dutch.number(hours), total=total, percent=share)
        )
        return lines
    compared = re.search(t["verschil_cues"], query.masked) is not None
    if compared and len(query.weekdays) == 2 and hour is None:
        lines.append(prefix + _days_compared(t, query.weekdays, s, names))
        return lines
    until_cues = [m.group(0) for m in re.finditer(t["tot_wanneer_cues"], query.masked)]
    each_day = re.search(t["per_dag_cues"], query.masked) is not None and "totaal" not in query.operations
    # ("hoelang is de chat elke dag open?" asks the hours of each day, not until when they hold)
    until = any(not (each_day and cue in ("hoelang", "hoe lang")) for cue in until_cues)
    if until and not query.weekdays and hour is None:
        lines.append(prefix + fmt(t["tot_wanneer"], valid_until=valid))
        lines.append(fmt(t["overzicht_kort"], days=days, total=total))
        return lines
    for wd in query.weekdays:
        row = by_day.get(wd)
        day = names[wd - 1]
        if row is None:
            # ("hoeveel uur is de chat op zaterdag open?": none, 0 by the schedule)
            key = "dag_nul_uren" if query.count_question else "dag_geen_uren"
            lines.append(prefix + fmt(t[key], day=day, days=days))
        elif hour is None:
            lines.append(
                prefix
                + fmt(
                    t["dag_open"],
                    day=day,
                    opens=dutch.hour_label(_hhmm(row["opens"])),
                    closes=dutch.hour_label(_hhmm(row["closes"])),
                    hours=dutch.number(_hhmm(row["closes"]) - _hhmm(row["opens"])),
                    valid_until=valid,
                )
            )
        else:
            is_open = _hhmm(row["opens"]) <= hour < _hhmm(row["closes"])
            lines.append(
                prefix
                + fmt(
                    t["uur_open" if is_open else "uur_dicht"],
                    day=day,
                    hour=dutch.hour_label(hour),
                    opens=dutch.hour_label(_hhmm(row["opens"])),
                    closes=dutch.hour_label(_hhmm(row["closes"])),
                )
            )
    if counted and query.day_part:
        # "hoeveel uren op woensdagnamiddag?": the hours open within that part of the day
        start, end = query.day_part
        days_asked = list(query.weekdays) or sorted(by_day)
        each = {
            wd: max(0.0, min(_hhmm(by_day[wd]["closes"]), end) - max(_hhmm(by_day[wd]["opens"]), start))
            for wd in days_asked
            if wd in by_day
        }
        inside = sum(each.values())
        if re.search(t["per_dag_cues"], query.masked) and "totaal" not in query.operations:
            # "hoelang is de chat telkens open op maandag-, dinsdag- en donderdagavond?": each day
            items = [
                fmt(t["dagdeel_per_dag_item"], day=names[wd - 1], hours=dutch.number(h))
                for wd, h in each.items()
            ]
            lines.append(
                prefix
                + fmt(
                    t["dagdeel_per_dag"],
                    start=dutch.hour_label(start),
                    end=dutch.hour_label(end),
                    items=dutch.join(items),
                )
            )
            return lines
        lines.append(
            prefix
            + fmt(
                t["dagdeel_uren"],
                start=dutch.hour_label(start),
                end=dutch.hour_label(end),
                # (the days with hours in the window, or the days asked: not every day with hours)
                days=dutch.join([names[wd - 1] for wd in days_asked if each.get(wd) or query.weekdays]),
                hours=dutch.number(inside),
            )
        )
    elif "totaal" in query.operations and len(query.weekdays) > 1 and hour is None:
        # "hoeveel uren samen op maandag-, dinsdag- en donderdagavond?": those days added up
        open_rows = [by_day[wd] for wd in query.weekdays if wd in by_day]
        summed = sum(_hhmm(r["closes"]) - _hhmm(r["opens"]) for r in open_rows)
        asked_days = dutch.join([names[wd - 1] for wd in query.weekdays])
        lines.append(prefix + fmt(t["dagen_samen"], days=asked_days, hours=dutch.number(summed)))
    if not query.weekdays and hour is not None:
        open_days = [
            f"{names[r['weekday'] - 1]} ({_slot_text(r)})"
            for r in s.rows
            if _hhmm(r["opens"]) <= hour < _hhmm(r["closes"])
        ]
        lines.append(
            prefix
            + (
                fmt(t["uur_zonder_dag"], hour=dutch.hour_label(hour), days_open=dutch.join(open_days))
                if open_days
                else fmt(t["uur_nergens"], hour=dutch.hour_label(hour), days=days)
            )
        )
    if query.excluded_weekdays and not query.weekdays and hour is None:
        # "hoeveel uren per week buiten de woensdag?": the other days with hours, added up
        kept = [wd for wd in sorted(by_day) if wd not in query.excluded_weekdays]
        summed = sum(_hhmm(by_day[wd]["closes"]) - _hhmm(by_day[wd]["opens"]) for wd in kept)
        left_out = dutch.join([names[wd - 1] for wd in query.excluded_weekdays])
        lines.append(
            prefix
            + fmt(
                t["zonder_dagen"],
                without=left_out,
                # ("op welke andere dagen, buiten woensdag, en van hoe laat tot hoe laat?": with
                # their hours, which were dropped)
                days=_days(s, names, kept),
                hours=dutch.number(summed),
            )
        )
    elif (
        query.count_question
        and re.search(t["dagen_cues"], query.masked)
        and not query.weekdays
        and hour is None
    ):
        # "op hoeveel dagen per week is de chat open?": the days with hours, counted
        lines.append(prefix + fmt(t["aantal_dagen"], count=len(by_day), days=days, valid_until=valid))
    if not lines and each_day and re.search(t["duur_cues"], query.masked):
        # "hoeveel uur is de chat telkens open?": each day's hours, not the week's
        lines.append(prefix + fmt(t["per_dag_uren"], items=_hours_each_day(t, s, names), valid_until=valid))
    if not lines:
        lines.append(prefix + fmt(t["overzicht"], days=days, total=total, valid_until=valid))
        without = [names[d - 1] for d in range(1, 8) if d not in by_day]
        if without:
            lines.append(fmt(t["geen_vaste_uren"], days=dutch.join(without)))
    return lines
