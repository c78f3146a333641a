"""A synthetic chairplan plan folder of a given size, for benchmarks; seeded, so runs are repeatable.

    python bench/make_plan.py --events 10000 --articles 200 --out /tmp/plan [--yaml2ics FILE]

Writes DIR/schedules/ (bodies.yaml, then one file per body and year, split further to stay under
1 MiB) and DIR/seeds/ (articles alternating English and Vietnamese). Events take every date
precision (days, ranges, months, quarters, halves, years, and timed events in several IANA zones);
each cites a sentence of a generated article whose date agrees, so `chairplan --root DIR check`
passes at every size. With --yaml2ics the same events are also written in yaml2ics's input format.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

YEARS = (2025, 2026, 2027, 2028, 2029)
FILE_LIMIT = 900_000  # bytes per schedule file: under the loader's 1 MiB, with room to edit
PUBLISHED = dt.date(2024, 12, 1)  # articles are dated from here on, before every event

# (id, short, English name, Vietnamese name)
BODIES = (
    ("cptpp", "CPTPP", "Comprehensive and Progressive Agreement for Trans-Pacific Partnership",
     "Hiệp định Đối tác Toàn diện và Tiến bộ xuyên Thái Bình Dương"),
    ("asean", "ASEAN", "Association of Southeast Asian Nations", "Hiệp hội các quốc gia Đông Nam Á"),
    ("apec", "APEC", "Asia-Pacific Economic Cooperation", "Diễn đàn Hợp tác Kinh tế châu Á – Thái Bình Dương"),
    ("mekong", "Mekong–Lancang", "Mekong–Lancang Cooperation", "Hợp tác Mekong – Lan Thương"),
    ("viet-nam", "Việt Nam", "Việt Nam (national events)", "Việt Nam (sự kiện trong nước)"),
)  # fmt: skip
# (English, Vietnamese) topics of events; no digits, months, weekdays or "half"/"quarter" in them.
TOPICS = (
    ("Senior Officials' Meeting", "Hội nghị Quan chức Cao cấp"),
    ("Ministers' Meeting", "Hội nghị Bộ trưởng"),
    ("Working Group on Digital Trade", "Nhóm công tác về thương mại số"),
    ("Committee on Rules of Origin", "Ủy ban về quy tắc xuất xứ"),
    ("Business Forum", "Diễn đàn Doanh nghiệp"),
    ("Leaders' Summit", "Hội nghị Cấp cao"),
    ("Workshop on Supply Chain Resilience", "Hội thảo về khả năng chống chịu của chuỗi cung ứng"),
    ("Dialogue on Green Growth", "Đối thoại về tăng trưởng xanh"),
    ("Expert Group on Customs Procedures", "Nhóm chuyên gia về thủ tục hải quan"),
    ("Youth Forum", "Diễn đàn Thanh niên"),
)
GOALS = (
    ("Upgrade the agreement", "Nâng cấp hiệp định"),
    ("Advance the accession of new members", "Thúc đẩy tiến trình gia nhập của thành viên mới"),
    ("Deepen digital and green cooperation", "Làm sâu sắc hợp tác số và xanh"),
    ("Improve the implementation of commitments", "Nâng cao hiệu quả thực thi cam kết"),
)
# (city, ISO country, zone): the zone is written under when: only where the country has several.
PLACES = (
    ("Hà Nội", "VN", "Asia/Ho_Chi_Minh"), ("Đà Nẵng", "VN", "Asia/Ho_Chi_Minh"),
    ("Thành phố Hồ Chí Minh", "VN", "Asia/Ho_Chi_Minh"), ("Tokyo", "JP", "Asia/Tokyo"),
    ("Melbourne", "AU", "Australia/Melbourne"), ("Lima", "PE", "America/Lima"),
    ("Singapore", "SG", "Asia/Singapore"), ("London", "GB", "Europe/London"),
    ("Ottawa", "CA", "America/Toronto"), ("Santiago", "CL", "America/Santiago"),
)  # fmt: skip
MULTI_ZONE = {"AU", "CA", "CL"}
PEOPLE = 40  # resources: people the events need
MEMBERS = ("VN", "JP", "AU", "PE", "SG", "GB", "CA", "CL", "MY", "BN")
# The planning rules that fail check by default turned into warnings, so the plan passes check
# while every rule still runs and reports; --rules off turns every planning rule off instead.
RULES_ON = ("clash.resource", "holiday.host", "followup.at-risk")
RULES_ALL = (
    "clash.resource", "clash.travel", "clash.body", "holiday.host", "holiday.member",
    "observance", "followup.at-risk", "followup.unconfirmed",
)  # fmt: skip
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")  # fmt: skip
ORDINALS = ("first", "second", "third", "fourth")
ROMAN = ("I", "II", "III", "IV")
# Share of each precision among events, in percent.
PRECISIONS = (("day", 30), ("range", 20), ("month", 12), ("quarter", 10), ("half", 6),
              ("year", 5), ("timed", 17))  # fmt: skip
STATUSES = ("planned", "tentative", "confirmed", "confirmed", "postponed", "cancelled")
LEVELS = ("leaders", "ministers", "senior-officials", "officials", "experts", "public")
DELIVERABLE_STATUSES = ("todo", "in-progress", "done", "blocked", "dropped")


@dataclass(frozen=True)
class When:
    """A date window of one precision: its YAML value and the words an article gives it in."""

    yaml: str  # the value of when:/due: (a mapping for timed events)
    en: str
    vi: str
    first: dt.date
    last: dt.date
    timed: tuple[str, str, str] | None = None  # start, end, zone


def _day_en(d: dt.date) -> str:
    return f"{MONTHS[d.month - 1]} {d.day}, {d.year}"


def random_when(rng: random.Random, year: int, kind: str, zone: str, multi_zone: bool) -> When:
    month = rng.randint(1, 12)
    day = dt.date(year, month, rng.randint(1, 28))
    if kind == "day":
        return When(
            day.isoformat(), f"on {_day_en(day)}", f"vào ngày {day.day}/{month}/{year}", day, day
        )
    if kind == "range":
        last = day + dt.timedelta(days=rng.randint(1, 4))
        if last.year != year:
            last = dt.date(year, 12, 31)
        en_to = f"{last.day}" if last.month == month else f"{MONTHS[last.month - 1]} {last.day}"
        return When(
            f"{day.isoformat()}..{last.isoformat()}",
            f"from {MONTHS[month - 1]} {day.day} to {en_to}, {year}",
            f"từ ngày {day.day}/{month} đến ngày {last.day}/{last.month}/{year}",
            day,
            last,
        )
    if kind == "month":
        return When(
            f"{year}-{month:02d}",
            f"in {MONTHS[month - 1]} {year}",
            f"vào tháng {month}/{year}",
            day,
            day,
        )
    if kind == "quarter":
        q = (month - 1) // 3
        return When(
            f"{year}-Q{q + 1}",
            f"in the {ORDINALS[q]} quarter of {year}",
            f"trong quý {ROMAN[q]} năm {year}",
            day,
            day,
        )
    if kind == "half":
        h = (month - 1) // 6
        return When(f"{year}-H{h + 1}", f"in the {ORDINALS[h]} half of {year}",
                    f"trong 6 tháng {'đầu' if h == 0 else 'cuối'} năm {year}", day, day)  # fmt: skip
    if kind == "year":
        return When(f'"{year}"', f"in {year}", f"trong năm {year}", day, day)
    hour = rng.choice((8, 9, 10, 14, 15, 19))
    start, end = f"{hour:02d}:{rng.choice(('00', '30'))}", f"{hour + 2:02d}:00"
    tz = f", tz: {zone}" if multi_zone or rng.random() < 0.3 else ""
    value = f"{{start: {day.isoformat()}T{start}, end: {day.isoformat()}T{end}{tz}}}"
    return When(
        value,
        f"on {_day_en(day)} at {start} local time",
        f"lúc {start} ngày {day.day}/{month}/{year} (giờ địa phương)",
        day,
        day,
        (f"{day.isoformat()} {start}:00", f"{day.isoformat()} {end}:00", zone),
    )


def q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


@dataclass
class Articles:
    """The generated articles: sentences collected per article, written out at the end."""

    count: int
    sentences: list[list[str]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.sentences = [[] for _ in range(self.count)]

    @staticmethod
    def name(index: int) -> str:
        return f"{index:04d}_{'en' if index % 2 == 0 else 'vi'}.txt"

    @staticmethod
    def lang(index: int) -> str:
        return "en" if index % 2 == 0 else "vi"

    def cite(self, index: int, sentence: str, supports: str, indent: int = 6) -> str:
        """Put the sentence in the article and return the YAML of a source quoting it."""
        self.sentences[index].append(sentence)
        pad = " " * indent
        return (
            f"{pad}- article: {self.name(index)}\n"
            f"{pad}  quote: {q(sentence.rstrip('.'))}\n"
            f"{pad}  supports: [{supports}]\n"
        )

    def write(self, folder: Path, rng: random.Random) -> None:
        folder.mkdir(parents=True)
        for index, sentences in enumerate(self.sentences):
            rng.shuffle(sentences)  # an article tells of many meetings, in no particular order
            published = PUBLISHED + dt.timedelta(days=index % 365)
            lead = (
                "HÀ NỘI — Các cơ quan liên quan đã công bố kế hoạch tổ chức các sự kiện dưới đây."
                if self.lang(index) == "vi"
                else "HÀ NỘI — Officials have announced the plan for the meetings below."
            )
            paragraphs = [" ".join(sentences[i : i + 4]) for i in range(0, len(sentences), 4)]
            text = f" date {published.isoformat()} {lead}\n\n" + "\n\n".join(paragraphs) + "\n"
            (folder / self.name(index)).write_text(text, encoding="utf-8")


def pick_precision(rng: random.Random) -> str:
    return rng.choices([k for k, _ in PRECISIONS], [w for _, w in PRECISIONS])[0]


@dataclass
class Generator:
    events: int
    articles: Articles
    rng: random.Random
    yaml2ics: list[str] = field(default_factory=list)
    next_article: int = 0

    def article(self) -> int:
        index = self.next_article % self.articles.count
        self.next_article += 1
        return index

    def sentence(self, index: int, en: str, vi: str, when: When) -> str:
        return f"{en} {when.en}." if self.articles.lang(index) == "en" else f"{vi} {when.vi}."

    def event(self, body: tuple[str, ...], year: int, n: int, priorities: list[str]) -> str:
        rng = self.rng
        body_id, short = body[0], body[1]
        topic_en, topic_vi = rng.choice(TOPICS)
        city, country, zone = rng.choice(PLACES)
        when = random_when(rng, year, pick_precision(rng), zone, country in MULTI_ZONE)
        title_en, title_vi = f"{short} {topic_en} (session {n})", f"{topic_vi} {short} (phiên {n})"
        event_id = f"{body_id}-{year}-e{n:05d}"
        verb_en, verb_vi = (
            f"The {title_en} will take place in {city}",
            f"{title_vi} sẽ diễn ra tại {city}",
        )
        lines = [
            f"  - id: {event_id}\n",
            f"    title:\n      en: {q(title_en)}\n      vi: {q(title_vi)}\n",
            f"    when: {when.yaml}\n",
            f"    body: {body_id}\n",
            f"    where: {{city: {city}, country: {country}}}\n",
            f"    status: {rng.choice(STATUSES)}\n",
            f"    format: {rng.choice(('in-person', 'hybrid', 'virtual'))}\n",
            f"    level: {rng.choice(LEVELS)}\n",
        ]
        if n % 3 == 0:
            lines.append(f"    track: {body_id}-{rng.choice(('som', 'ministers', 'business'))}\n")
        if priorities and n % 2 == 0:
            lines.append(f"    priorities: [{rng.choice(priorities)}]\n")
        if n % 5 == 0:
            lines.append("    participants: [Australia, Japan, Việt Nam]\n")
        if n % 2 == 0:  # a person of the plan's resources, so the clash rules have work
            lines.append(f"    resources: [person-{(n * 7 + year) % PEOPLE:02d}]\n")
        if n % 7 == 0:
            lines.append(
                "    notes: |\n      Logistics to be confirmed by the host.\n      Interpretation: English and Vietnamese.\n"
            )
        lines.append("    sources:\n")
        first = self.article()
        lines.append(
            self.articles.cite(first, self.sentence(first, verb_en, verb_vi, when), "when, title")
        )
        if n % 4 == 0 and self.articles.count > 1:
            second = self.article()
            lines.append(
                self.articles.cite(second, self.sentence(second, verb_en, verb_vi, when), "when")
            )
        self.add_yaml2ics(event_id, title_en, city, when)
        return "".join(lines)

    def add_yaml2ics(self, event_id: str, title: str, city: str, when: When) -> None:
        if when.timed:
            start, end, zone = when.timed
            dates = f"    begin: {start}\n    end: {end}\n    timezone: {zone}\n"
        elif when.first != when.last:
            dates = f"    begin: {when.first.isoformat()}\n    end: {(when.last + dt.timedelta(days=1)).isoformat()}\n"
        else:
            dates = f"    begin: {when.first.isoformat()}\n"
        self.yaml2ics.append(
            f"  - summary: {q(title)}\n{dates}    location: {q(city)}\n    uid: {event_id}@chairplan\n"
        )

    def priority(self, body: tuple[str, ...], year: int, k: int, event_ids: list[str]) -> str:
        rng = self.rng
        body_id, short = body[0], body[1]
        goal_en, goal_vi = GOALS[k % len(GOALS)]
        pid = f"{body_id}-{year}-p{k:03d}"
        index = self.article()
        said = (
            f"In {year}, {short} will work to {goal_en[0].lower()}{goal_en[1:]} (goal {k})."
            if self.articles.lang(index) == "en"
            else f"Trong năm {year}, {short} sẽ {goal_vi[0].lower()}{goal_vi[1:]} (mục tiêu {k})."
        )
        out = [
            f"  - id: {pid}\n    body: {body_id}\n",
            f"    title:\n      en: {q(f'{goal_en} (goal {k})')}\n      vi: {q(f'{goal_vi} (mục tiêu {k})')}\n",
            "    sources:\n",
            self.articles.cite(index, said, "title"),
            "    deliverables:\n",
        ]
        for j in range(3):
            kind = pick_precision(rng)
            kind = "day" if kind == "timed" else kind
            when = random_when(rng, year, kind, "Asia/Ho_Chi_Minh", False)
            title_en = f"{goal_en}: report {j + 1} of goal {k}"
            title_vi = f"{goal_vi}: báo cáo {j + 1} của mục tiêu {k}"
            index = self.article()
            out.append(
                f"      - id: {pid}-d{j}\n"
                f"        title: {{en: {q(title_en)}, vi: {q(title_vi)}}}\n"
                f"        status: {rng.choice(DELIVERABLE_STATUSES)}\n"
                f"        due: {when.yaml}\n"
                f"        owner: Ministry of Industry and Trade\n"
                + (f"        events: [{rng.choice(event_ids)}]\n" if event_ids else "")
                + "        sources:\n"
                + self.articles.cite(
                    index,
                    self.sentence(
                        index, f"The {title_en} is due", f"{title_vi} phải hoàn thành", when
                    ),
                    "deliverable, due",
                    indent=10,
                )
            )
        return "".join(out)

    def chairmanship(self, body: tuple[str, ...], year: int) -> str:
        index = self.article()
        when = When(
            f'"{year}"',
            f"in {year}",
            f"trong năm {year}",
            dt.date(year, 1, 1),
            dt.date(year, 12, 31),
        )
        said = self.sentence(
            index,
            f"Việt Nam holds the rotating chairmanship of {body[1]}",
            f"Việt Nam giữ vai trò Chủ tịch luân phiên {body[1]}",
            when,
        )
        return (
            f"  - id: vn-{body[0]}-{year}\n    body: {body[0]}\n    role: chair\n    country: VN\n"
            f'    years: "{year}"\n    timezone: Asia/Ho_Chi_Minh\n'
            f"    theme: {{en: Shared Visions – Shared Actions, vi: Tầm nhìn chung – Hành động chung}}\n"
            "    sources:\n" + self.articles.cite(index, said, "role, years")
        )


def counts(total: int, parts: int) -> list[int]:
    """`total` split into `parts` nearly equal counts."""
    return [total // parts + (1 if i < total % parts else 0) for i in range(parts)]


def write_files(folder: Path, stem: str, head: str, items: list[str]) -> None:
    """head plus the events, in as many files as it takes to keep each under FILE_LIMIT."""
    part, chunk, size = 1, [head], len(head.encode())
    for item in items:
        n = len(item.encode())
        if size + n > FILE_LIMIT and len(chunk) > 1:
            name = stem if part == 1 else f"{stem}-part{part}"
            (folder / f"{name}.yaml").write_text("".join(chunk), encoding="utf-8")
            part, chunk, size = part + 1, ["events:\n"], len("events:\n")
        chunk.append(item)
        size += n
    name = stem if part == 1 else f"{stem}-part{part}"
    (folder / f"{name}.yaml").write_text("".join(chunk), encoding="utf-8")


def settings_yaml(rules: str) -> str:
    severity, codes = ("warning", RULES_ON) if rules == "on" else ("off", RULES_ALL)
    return "settings:\n  rules:\n" + "".join(f"    {code}: {severity}\n" for code in codes)


def head_yaml(rules: str) -> str:
    """The plan-wide entries: the settings, the people, a blackout."""
    people = "".join(
        f"  - {{id: person-{k:02d}, name: Person {k}, kind: person}}\n" for k in range(PEOPLE)
    )
    blackout = (
        "blackouts:\n  - id: unga-week-2026\n    title: UN General Assembly high-level week\n"
        "    when: 2026-09-22..2026-09-26\n"
    )
    return settings_yaml(rules) + "resources:\n" + people + blackout


FIRM = re.compile(
    r"  - id: (\S+)\n(?:.*\n)*?    when: (\d{4}-\d{2}-\d{2})(?:\.\.(\d{4}-\d{2}-\d{2}))?\n"
)
CHAIN = 20  # the deepest chain: a written date and 19 counted from it, one from the other


def derive_half(items: list[str]) -> list[str]:
    """Half of the events (of those with exact days) rewritten to count from the event before
    them, in chains of up to CHAIN, with the same resolved days (roll: none), so the derived
    plan costs downstream what the written one does."""
    out, prev, depth, goal = [], None, 0, len(items) // 2
    for item in items:
        m = FIRM.match(item)
        if m is None or goal == 0:
            out.append(item)
            continue
        start = dt.date.fromisoformat(m[2])
        last = dt.date.fromisoformat(m[3]) if m[3] else start
        if prev is None or depth == CHAIN - 1:
            prev, depth = (m[1], start), 0  # a written root
            out.append(item)
            continue
        gap = (start - prev[1]).days
        length = (last - start).days + 1
        formula = (
            f"{{anchor: {prev[0]}.start, offset: {'-' if gap < 0 else '+'}{abs(gap)}d"
            f"{f', length: {length}d' if length > 1 else ''}, roll: none}}"
        )
        written = m[0].rsplit("    when: ", 1)[0]
        out.append(written + f"    when: {formula}\n" + item[m.end() :])
        prev, depth, goal = (m[1], start), depth + 1, goal - 1
    return out


def make_plan(
    events: int, articles: int, out: Path, seed: int = 7, rules: str = "on", derived: bool = False
) -> Generator:
    """Write the plan folder `out` (replacing it) and return the generator (with yaml2ics items)."""
    if out.exists():
        shutil.rmtree(out)
    schedules = out / "schedules"
    schedules.mkdir(parents=True)
    gen = Generator(events, Articles(max(1, articles)), random.Random(seed))
    bodies = "".join(
        f"  - id: {b[0]}\n    short: {b[1]}\n    name:\n      en: {q(b[2])}\n      vi: {q(b[3])}\n"
        + "    members:\n"
        + "".join(
            f"      - {{country: {c}{', observes: [ramadan]' if c in ('MY', 'BN') else ''}}}\n"
            for c in MEMBERS[i % 3 : i % 3 + 6]
        )
        for i, b in enumerate(BODIES)
    )
    (schedules / "bodies.yaml").write_text(
        "# The bodies of the synthetic plan.\nbodies:\n" + bodies + head_yaml(rules),
        encoding="utf-8",
    )
    pairs = [(body, year) for body in BODIES for year in YEARS]
    for (body, year), n_events in zip(pairs, counts(events, len(pairs)), strict=True):
        folder = schedules / body[0]
        folder.mkdir(exist_ok=True)
        event_ids = [f"{body[0]}-{year}-e{n:05d}" for n in range(1, n_events + 1)]
        n_priorities = max(1, n_events // 25)
        priority_ids = [f"{body[0]}-{year}-p{k:03d}" for k in range(n_priorities)]
        head = (
            f"# {body[1]} {year}: synthetic plan for benchmarks (bench/make_plan.py).\n"
            "chairmanships:\n" + gen.chairmanship(body, year)
            + "priorities:\n" + "".join(gen.priority(body, year, k, event_ids) for k in range(n_priorities))
            + "events:\n"
        )  # fmt: skip
        items = [gen.event(body, year, n, priority_ids) for n in range(1, n_events + 1)]
        if derived:
            items = derive_half(items)
        write_files(folder, str(year), head if items else head.removesuffix("events:\n"), items)
    gen.articles.write(out / "seeds", gen.rng)
    return gen


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, required=True)
    parser.add_argument("--articles", type=int, required=True)
    parser.add_argument("--out", type=Path, required=True, help="plan folder to (re)create")
    parser.add_argument("--yaml2ics", type=Path, help="also write the events for yaml2ics here")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--rules", choices=("on", "off"), default="on", help="the planning rules on or off"
    )
    parser.add_argument(
        "--derived", action="store_true",
        help="half the events' dates counted from another's, in chains up to 20 deep",
    )  # fmt: skip
    args = parser.parse_args(argv)
    gen = make_plan(args.events, args.articles, args.out, args.seed, args.rules, args.derived)
    if args.yaml2ics:
        args.yaml2ics.parent.mkdir(parents=True, exist_ok=True)
        head = "name: chairplan benchmark\ntimezone: Asia/Ho_Chi_Minh\nevents:\n"
        args.yaml2ics.write_text(head + "".join(gen.yaml2ics), encoding="utf-8")


if __name__ == "__main__":
    main()
