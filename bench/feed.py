"""A generated news feed with a known answer: which reports tell the same event.

    .venv/bin/python bench/feed.py --reports 3000 --seed 0 OUT.jsonl    # writes OUT.jsonl and OUT.answer.json

Real towns (GeoNames coordinates) in ten conflicts. Every event is told by one to three outlets, each in
its own words and with its own figures (one may say 12 dead, another "at least 10"); half the stories open
with a dateline that names the country ("BOR, South Sudan (AFP) -"), as wire stories do, and half the titles
name it too. Some stories are reprinted by other outlets as wire copies (a new credit line, a paragraph
added, sometimes the date stamp and the page date lost, so the copy is only weakly dated). Towns are hit again days later, and
neighbouring towns (under 35 km apart) are hit on the same day: both must stay separate events. The feed
grows in time with its size (about three events a day per conflict), as a real feed does.

`generate_feed(n, seed=...)` returns `FeedReport`s (batch rows plus the event each tells); `write_feed`
writes the JSONL batch `geomap ingest` reads and the answer (report id -> event id) beside it.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

# town, lat, lon (GeoNames), the ones the shipped gazetteer resolves to that town in a one-line report
CONFLICTS = {
    "Ukraine": [("Kramatorsk", 48.7311, 37.5678), ("Sloviansk", 48.8497, 37.5974), ("Druzhkivka", 48.62, 37.5254), ("Kostiantynivka", 48.5273, 37.7059), ("Bakhmut", 48.5942, 37.9989), ("Pokrovsk", 48.2801, 37.1771), ("Myrnohrad", 48.3099, 37.2651), ("Selydove", 48.1465, 37.3022), ("Kurakhove", 47.9847, 37.2807), ("Izium", 49.207, 37.2768), ("Kupiansk", 49.71, 37.6158), ("Balakliia", 49.456, 36.8443), ("Chuhuiv", 49.8354, 36.6865), ("Nikopol", 47.5683, 34.3913), ("Marhanets", 47.6309, 34.6245), ("Orikhiv", 47.5761, 35.7833), ("Huliaipole", 47.6668, 36.2558), ("Vasylivka", 47.4422, 35.2821), ("Beryslav", 46.8385, 33.4266), ("Kherson", 46.6369, 32.6146), ("Ochakiv", 46.6147, 31.545), ("Sumy", 50.9174, 34.7991), ("Okhtyrka", 50.3085, 34.8947), ("Trostianets", 50.4848, 34.9657)],
    "Syria": [("Saraqib", 35.8645, 36.8059), ("Ariha", 35.8137, 36.6096), ("Atarib", 36.1391, 36.825), ("Azaz", 36.5866, 37.0463), ("Afrin", 36.5119, 36.8695), ("Manbij", 36.5281, 37.9549), ("Al-Bab", 36.3705, 37.5157), ("Jarabulus", 36.8175, 38.0111), ("Tal Abyad", 36.6965, 38.9538), ("Hasakah", 36.5024, 40.7477), ("Deir ez-Zor", 35.3359, 40.1408), ("Mayadin", 35.0198, 40.4515), ("Albu Kamal", 34.4523, 40.9185), ("Douma", 33.5718, 36.4027), ("Harasta", 33.5587, 36.3651), ("Khan Shaykhun", 35.4421, 36.651)],
    "Yemen": [("Marib", 15.4625, 45.3258), ("Taiz", 13.5795, 44.0209), ("Al Hudaydah", 14.7978, 42.9545), ("Al Khawkhah", 13.8071, 43.2493), ("Zabid", 14.1951, 43.3152), ("Bayt al Faqih", 14.5163, 43.3245), ("Saada", 16.9402, 43.7639), ("Haradh", 16.4096, 43.0588), ("Al Bayda", 13.9852, 45.5727), ("Dhamar", 14.5427, 44.4051), ("Lahij", 13.0567, 44.8819), ("Ataq", 14.5377, 46.8319), ("Aden", 12.7796, 45.0385)],
    "Sudan": [("El Fasher", 13.6279, 25.3494), ("Nyala", 12.0489, 24.8807), ("El Geneina", 13.4526, 22.4473), ("Zalingei", 12.9092, 23.4706), ("El Obeid", 13.1842, 30.2167), ("Kadugli", 11.0111, 29.7183), ("Dilling", 12.05, 29.65), ("Wad Madani", 14.4012, 33.5199), ("Sennar", 13.5691, 33.5672), ("Singa", 13.1483, 33.9312), ("Kosti", 13.1629, 32.6635), ("Omdurman", 15.6445, 32.4777), ("Bahri", 15.6493, 32.5346), ("Ed Daein", 11.4619, 26.1258), ("Kutum", 14.2, 24.6667), ("Mellit", 14.1333, 25.55), ("Rahad", 12.7167, 30.65)],
    "Myanmar": [("Lashio", 22.9359, 97.7498), ("Kyaukme", 22.5392, 97.0343), ("Laukkai", 23.6961, 98.7621), ("Myawaddy", 16.6891, 98.5089), ("Hpa-an", 16.8895, 97.6348), ("Loikaw", 19.678, 97.2097), ("Demoso", 19.5498, 97.156), ("Hakha", 22.6445, 93.6108), ("Falam", 22.9134, 93.6778), ("Tedim", 23.3758, 93.6539), ("Sagaing", 21.8787, 95.9797), ("Monywa", 22.1086, 95.1358), ("Shwebo", 22.5693, 95.6982), ("Kale", 23.1901, 94.064), ("Kyaikto", 17.3086, 97.0112), ("Sittwe", 20.1462, 92.8983), ("Mrauk-U", 20.59, 93.1906)],
    "Burkina Faso": [("Djibo", 14.0986, -1.6266), ("Dori", 14.0333, -0.0333), ("Gorom-Gorom", 14.4429, -0.2347), ("Arbinda", 14.2296, -0.8654), ("Sebba", 13.4364, 0.5304), ("Kaya", 13.0883, -1.0837), ("Kongoussi", 13.3258, -1.5347), ("Ouahigouya", 13.5769, -2.4179), ("Titao", 13.7667, -2.0667), ("Tougan", 13.0724, -3.0694), ("Dedougou", 12.4636, -3.4607), ("Nouna", 12.7294, -3.863), ("Fada N'gourma", 12.0616, 0.3584), ("Diapaga", 12.0729, 1.7884), ("Pama", 11.2497, 0.7075), ("Bogande", 12.9771, -0.1466), ("Gayeri", 12.6482, 0.4931), ("Koudougou", 12.2519, -2.3669)],
    "South Sudan": [("Malakal", 9.5334, 31.6605), ("Bor", 6.2089, 31.5586), ("Bentiu", 9.2572, 29.7983), ("Yei", 4.0944, 30.6764), ("Torit", 4.4118, 32.5705), ("Kapoeta", 4.7722, 33.5914), ("Wau", 7.7011, 27.9897), ("Yambio", 4.5708, 28.3942), ("Rumbek", 6.8062, 29.6774), ("Aweil", 8.7619, 27.3919), ("Kuajok", 8.3028, 27.98), ("Leer", 8.3031, 30.1406), ("Tambura", 5.6, 27.4667)],
    "Cameroon": [("Bamenda", 5.9597, 10.146), ("Batibo", 5.8358, 9.8553), ("Ndop", 5.9884, 10.4386), ("Kumbo", 6.2, 10.6667), ("Wum", 6.3833, 10.0667), ("Nkambe", 6.6333, 10.6667), ("Buea", 4.1534, 9.2423), ("Kumba", 4.6363, 9.4469), ("Limbe", 4.0236, 9.2061), ("Mamfe", 5.7513, 9.3137), ("Muyuka", 4.2898, 9.4103), ("Tiko", 4.075, 9.36), ("Mbengwi", 6.0167, 10.0), ("Bafut", 6.0833, 10.1), ("Mora", 11.0461, 14.1401), ("Mokolo", 10.7424, 13.8023), ("Maroua", 10.5909, 14.3159), ("Kousseri", 12.0769, 15.0306)],
    "Azerbaijan": [("Ganja", 40.6816, 46.3613), ("Barda", 40.3758, 47.1262), ("Tartar", 40.342, 46.9316), ("Beylagan", 39.7756, 47.6186), ("Goranboy", 40.6103, 46.7897), ("Aghdam", 39.991, 46.9274), ("Fuzuli", 39.6009, 47.1453), ("Horadiz", 39.4502, 47.335), ("Mingachevir", 40.7642, 47.0623), ("Yevlakh", 40.6183, 47.1501), ("Naftalan", 40.5082, 46.8203), ("Shusha", 39.7601, 46.7499), ("Lachin", 39.6374, 46.5498), ("Jabrayil", 39.3992, 47.0284)],
    "Central African Republic": [("Bangui", 4.3612, 18.555), ("Bambari", 5.7679, 20.6757), ("Bangassou", 4.7413, 22.8184), ("Bria", 6.5423, 21.9863), ("Kaga-Bandoro", 6.9896, 19.1874), ("Bossangoa", 6.4926, 17.4552), ("Bozoum", 6.3193, 16.3799), ("Paoua", 7.2427, 16.4406), ("Bouar", 5.934, 15.596), ("Berberati", 4.2612, 15.7922), ("Ndele", 8.4109, 20.6473), ("Birao", 10.2849, 22.7882), ("Obo", 5.3959, 26.4921), ("Zemio", 5.0314, 25.1361), ("Alindao", 5.0267, 21.2088), ("Kembe", 4.6227, 21.8864), ("Mobaye", 4.319, 21.1786), ("Sibut", 5.718, 19.0739), ("Bouca", 6.5073, 18.2767), ("Batangafo", 7.3008, 18.2833)],
}
# who attacks, who claims, in each conflict
SIDES = {
    "Ukraine": (["Russian", "Ukrainian"], ["the regional governor", "Ukraine's military", "Russia's defence ministry"]),
    "Syria": (["Syrian government", "Russian", "Turkish-backed"], ["the Syrian Observatory for Human Rights",
                                                                    "the White Helmets", "state news agency SANA"]),
    "Yemen": (["Houthi", "coalition"], ["a local health official", "the Houthi-run health ministry",
                                        "government military sources"]),
    "Sudan": (["RSF", "army"], ["the Sudan Doctors Network", "a local resistance committee", "the army"]),
    "Myanmar": (["junta", "resistance"], ["local residents", "the National Unity Government", "a rebel spokesman"]),
    "Burkina Faso": (["jihadist", "army"], ["security sources", "a local official", "the army"]),
    "South Sudan": (["SPLA-IO", "government"], ["a county commissioner", "the army spokesman", "UN officials"]),
    "Cameroon": (["separatist", "army"], ["a local official", "the defence ministry", "residents"]),
    "Azerbaijan": (["Armenian", "Azerbaijani"], ["Azerbaijan's defence ministry", "Armenia's defence ministry",
                                                 "the prosecutor general's office"]),
    "Central African Republic": (["rebel", "Wagner-backed"], ["a local MP", "the UN mission", "a hospital official"]),
}
OUTLETS = ["Reuters", "AFP", "Associated Press", "Anadolu Agency", "Al Jazeera", "BBC News", "Xinhua", "DPA"]
REPRINTERS = ["Daily Sabah", "The Hindu", "Arab News", "The Star", "Dawn", "Gulf Times", "The Citizen", "Kyiv Post"]
KINDS = ["shelling", "air strike", "drone strike", "missile strike", "clash", "village attack"]

LEADS = {
    "shelling": ["{attacker} forces shelled {town} {when}, killing {k} civilians, {claimant} said.",
                 "Artillery fire hit residential areas of {town} {when}; {k} people were killed, according to {claimant}.",
                 "{claimant} said {k} people died when shells landed on {town} {when}."],
    "air strike": ["An air strike on {town} {when} killed {k} people, {claimant} said.",
                   "Warplanes bombed a market in {town} {when}, killing {k}, according to {claimant}.",
                   "{claimant} said {k} civilians were killed in an airstrike that hit {town} {when}."],
    "drone strike": ["A drone strike hit {town} {when}, killing {k} people, {claimant} said.",
                     "{k} people were killed when drones struck {town} {when}, according to {claimant}.",
                     "{claimant} reported a drone attack on {town} {when} that left {k} dead."],
    "missile strike": ["A missile struck an apartment block in {town} {when}, killing {k} people, {claimant} said.",
                       "{claimant} said {k} people were killed by a rocket attack on {town} {when}.",
                       "Missiles hit {town} {when}; {claimant} put the death toll at {k}."],
    "clash": ["Fighting broke out near {town} {when}, leaving {k} fighters dead, {claimant} said.",
              "{attacker} troops clashed with rival forces in {town} {when}; {k} combatants were killed, according to {claimant}.",
              "{claimant} said {k} soldiers died in heavy clashes around {town} {when}."],
    "village attack": ["Gunmen attacked {town} {when}, killing {k} villagers, {claimant} said.",
                       "{attacker} fighters stormed {town} {when} and killed {k} residents, according to {claimant}.",
                       "{claimant} said {k} civilians were massacred in an attack on {town} {when}."],
}
FOLLOWS = ["Another {w} people were wounded in the attack, {claimant} added.",
           "At least {w} more were injured, and several houses were destroyed.",
           "Hospitals in the area received {w} wounded, a medical source said."]
CLOSERS = ["{outlet} could not independently verify the report.",
           "The other side did not immediately comment.",
           "The claims could not be independently verified.",
           "There was no immediate comment from the {other} side."]
EXTRAS = ["Read more: what we know about the war so far.", "This story has been updated with more details.",
          "Follow our live coverage for the latest news."]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
EVENTS_PER_DAY = 3  # per conflict
NEIGHBOUR_KM = 35
QUIET_DAYS = 2  # a town is not hit again within two days: one day apart is what outlets disagree on


@dataclass(frozen=True)
class FeedReport:
    """One row of the generated feed, and the event it tells (the answer)."""

    report_id: str
    title: str
    text: str
    source: str
    published: str  # "" when the page gave none
    event: str


@dataclass(frozen=True)
class _Event:
    event_id: str
    conflict: str
    town: str
    day: date
    kind: str
    killed: int
    wounded: int


def _km(a: tuple, b: tuple) -> float:
    r = math.pi / 180
    h = (math.sin((b[1] - a[1]) * r / 2) ** 2
         + math.cos(a[1] * r) * math.cos(b[1] * r) * math.sin((b[2] - a[2]) * r / 2) ** 2)
    return 12742 * math.asin(math.sqrt(h))


def _neighbours() -> dict[str, list[str]]:
    near: dict[str, list[str]] = {}
    for towns in CONFLICTS.values():
        for a in towns:
            near[a[0]] = [b[0] for b in towns if b is not a and _km(a, b) < NEIGHBOUR_KM]
    return near


def _events(rng: random.Random, days: int) -> list[_Event]:
    near = _neighbours()
    first = date(2023, 1, 2)
    events = []
    for conflict, towns in CONFLICTS.items():
        last_hit: dict[str, date] = {}
        for offset in range(days):
            day = first + timedelta(days=offset)
            for _ in range(rng.randint(EVENTS_PER_DAY - 2, EVENTS_PER_DAY + 2)):
                free = [t[0] for t in towns if day - last_hit.get(t[0], date.min) > timedelta(days=QUIET_DAYS)]
                if not free:
                    break
                town = rng.choice(free)
                hit = [town]
                if rng.random() < 0.3:  # a neighbouring town hit the same day
                    others = [t for t in near[town] if t in free]
                    if others:
                        hit.append(rng.choice(others))
                for t in hit:
                    last_hit[t] = day
                    events.append(_Event(f"e{len(events):06d}", conflict, t, day, rng.choice(KINDS),
                                         rng.choice([1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 14, 17, 20, 23, 31]),
                                         rng.randint(2, 40)))
    rng.shuffle(events)
    return sorted(events, key=lambda e: e.day)


def _when(rng: random.Random, day: date, published: date) -> str:
    weekday = WEEKDAYS[day.weekday()]
    if published == day:
        return rng.choice([f"on {weekday}", f"early on {weekday}", f"on {weekday} morning"])
    return rng.choice([f"on {weekday}", f"late on {weekday}", f"on {weekday} afternoon"])


def _figure(rng: random.Random, k: int) -> str:
    """An outlet's own figure: mostly the same, sometimes lower or hedged."""
    roll = rng.random()
    if roll < 0.15 and k > 3:
        return f"at least {k - rng.randint(1, 2)}"
    if roll < 0.25 and k > 3:
        return str(k + rng.randint(1, 3))
    return str(k)


def _original(rng: random.Random, event: _Event, outlet: str, number: int) -> tuple[str, str, str]:
    attackers, claimants = SIDES[event.conflict]
    published = event.day + timedelta(days=rng.choice([0, 1, 1]))
    fill = dict(town=event.town, when=_when(rng, event.day, published), k=_figure(rng, event.killed),
                w=event.wounded, attacker=rng.choice(attackers), claimant=rng.choice(claimants), outlet=outlet,
                other=rng.choice(attackers))
    lead = rng.choice(LEADS[event.kind]).format(**fill)
    lead = lead[0].upper() + lead[1:]
    if rng.random() < 0.5:  # a dateline names the country, as wire stories do
        lead = f"{event.town.upper()}, {event.conflict} ({outlet}) - {lead}"
    lines = [f"{event.kind.capitalize()} kills {fill['k']} in {event.town}, {event.conflict}" if rng.random() < 0.5
             else f"{fill['k']} dead after {event.kind} in {event.town}", "",
             published.strftime("%a %d %B %Y:"), f"By {outlet}", "", lead]
    if rng.random() < 0.7:
        lines.append(rng.choice(FOLLOWS).format(**fill))
    lines.append(rng.choice(CLOSERS).format(**fill))
    return lines[0], "\n".join(lines), published.isoformat()


def _reprint(rng: random.Random, text: str, reprinter: str, outlet: str) -> tuple[str, bool]:
    """A wire copy: another credit line, maybe an extra paragraph, sometimes without its date stamp."""
    lines = text.split("\n")
    lines[3] = f"{reprinter} with {outlet}"
    weak = rng.random() < 0.4
    if weak:
        del lines[2]
    if rng.random() < 0.6:
        lines.append(rng.choice(EXTRAS))
    return "\n".join(lines), weak


def generate_feed(n: int, *, seed: int = 0) -> list[FeedReport]:
    """`n` reports (deterministic for a seed), in publication order, each with the event it tells."""
    rng = random.Random(seed)
    days = max(14, round(n / (len(CONFLICTS) * EVENTS_PER_DAY * 2.6)))
    feed: list[FeedReport] = []
    for event in _events(rng, days):
        for outlet in rng.sample(OUTLETS, rng.choice([1, 1, 2, 2, 3])):
            title, text, published = _original(rng, event, outlet, len(feed))
            feed.append(FeedReport(f"g{len(feed):06d}", title, text, outlet, published, event.event_id))
            if rng.random() < 0.35:
                for reprinter in rng.sample(REPRINTERS, rng.randint(1, 3)):
                    copy, weak = _reprint(rng, text, reprinter, outlet)
                    feed.append(FeedReport(f"g{len(feed):06d}", title, copy, reprinter, "" if weak else published,
                                           event.event_id))
            if len(feed) >= n:
                return feed[:n]
    return feed


def write_feed(feed: list[FeedReport], path: Path) -> Path:
    """The feed as a JSONL batch at `path`, and its answer (report id -> event) at PATH.answer.json."""
    with open(path, "w", encoding="utf-8") as out:
        for r in feed:
            out.write(json.dumps({"id": r.report_id, "title": r.title, "text": r.text, "source": r.source,
                                  "url": "", "published": r.published}, ensure_ascii=False) + "\n")
    answer = path.with_suffix(".answer.json")
    answer.write_text(json.dumps({r.report_id: r.event for r in feed}), encoding="utf-8")
    return answer


def pairwise_scores(answer: dict[str, str], incidents: list) -> dict[str, float]:
    """Pairwise precision, recall and F1 of the store's incident records against the answer: a pair of reports is
    predicted when some incident has sources in both, true when they tell the same event."""
    predicted: set[tuple[str, str]] = set()
    for incident in incidents:
        reports = sorted({s.report_id for s in incident.sources} & answer.keys())
        predicted.update((a, b) for i, a in enumerate(reports) for b in reports[i + 1:])
    by_event: dict[str, list[str]] = {}
    for report, event in answer.items():
        by_event.setdefault(event, []).append(report)
    true = {(a, b) for reports in by_event.values() for i, a in enumerate(sorted(reports)) for b in sorted(reports)[i + 1:]}
    hits = len(predicted & true)
    precision = hits / len(predicted) if predicted else 1.0
    recall = hits / len(true) if true else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    largest_true = max(len(v) for v in by_event.values())
    largest = max((len({s.report_id for s in i.sources}) for i in incidents), default=0)
    return {"precision": precision, "recall": recall, "f1": f1, "largest_incident": largest,
            "largest_event": largest_true}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", help="the JSONL batch to write (the answer goes beside it)")
    parser.add_argument("--reports", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    feed = generate_feed(args.reports, seed=args.seed)
    answer = write_feed(feed, Path(args.out))
    print(f"{len(feed)} reports, {len({r.event for r in feed})} events: {args.out}, {answer}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
