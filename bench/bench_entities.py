"""Place names found by spaCy NER before and after case restoration, and NER speed.

    python bench/bench_entities.py [--muc4 PATH] [--json OUT.json]

On the sentences below (written for this bench: each names the places listed with it), in their normal case,
in capitals and in lower case, it counts how many of the listed places NER finds as GPE/LOC/FAC spans, before
and after restore_case. It times NER (nlp.pipe, NER only) on 200 sentences. With --muc4 it reads a JSONL of
articles (for example the MUC-4 all-capitals wire texts) and prints aggregates only: the share of word tokens
that restoration capitalises, and the GPE/LOC/FAC spans NER finds per article before and after.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

PROJECT_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_ROOT))

from sitrep.coding.casing import restore_case  # noqa: E402 (after the path insert above)
from sitrep.coding.casing_dictionary import WORD, get_casing_dictionary  # noqa: E402
from sitrep.coding.entities import (  # noqa: E402
    EntityRecognizer,
    get_entity_recognizer,
    is_place_span,
)

SENTENCES: list[tuple[str, tuple[str, ...]]] = [
    ("Gunmen killed five villagers in Kaduna on Monday, police said.", ("Kaduna",)),
    ("Boko Haram fighters attacked Maiduguri, the capital of Borno, before dawn.", ("Maiduguri", "Borno")),
    ("Police made an arrest in Lyon after the protest turned violent.", ("Lyon",)),
    ("Rebels shelled Goma and the nearby town of Sake in North Kivu.", ("Goma", "Sake", "North Kivu")),
    ("A car bomb exploded near a market in Mogadishu, killing at least ten people.", ("Mogadishu",)),
    ("Protesters marched through Nairobi and Kisumu to demand lower food prices.", ("Nairobi", "Kisumu")),
    ("Soldiers clashed with militants near Mosul in northern Iraq.", ("Mosul", "Iraq")),
    ("Airstrikes hit several villages around Idlib overnight, residents said.", ("Idlib",)),
    ("The army said it repelled an attack on a base outside Gao in Mali.", ("Gao", "Mali")),
    ("Farmers blocked the main road between Lahore and Islamabad on Tuesday.", ("Lahore", "Islamabad")),
    ("Two journalists were detained in Caracas while covering the rally.", ("Caracas",)),
    ("Fighting between the army and the RSF spread from Khartoum to Omdurman.", ("Khartoum", "Omdurman")),
    ("Gang members set fire to houses in Port-au-Prince, leaving three dead.", ("Port-au-Prince",)),
    ("Security forces dispersed students with tear gas in Dhaka.", ("Dhaka",)),
    ("Unidentified attackers ambushed a convoy near Bunia in Ituri province.", ("Bunia", "Ituri")),
    ("Thousands rallied in Tbilisi against the new law.", ("Tbilisi",)),
    ("Militants kidnapped twelve workers at a mine near Kidal.", ("Kidal",)),
    ("Shelling damaged a school in Kharkiv and a hospital in Kherson.", ("Kharkiv", "Kherson")),
    ("Demonstrators gathered outside parliament in Kampala.", ("Kampala",)),
    ("Clashes broke out in San Miguel after the guerrillas entered the town.", ("San Miguel",)),
]


def _places_found(recognizer: EntityRecognizer, texts: list[str], wanted: list[tuple[str, ...]]) -> tuple[int, int]:
    found = total = 0
    for text, spans, places in zip(texts, recognizer.spans(texts), wanted, strict=False):
        place_texts = {text[s.start:s.end].lower() for s in spans if is_place_span(s)}
        covered = {p for p in places if any(p.lower() in t for t in place_texts)}
        found += len(covered)
        total += len(places)
    return found, total


def sentence_counts(recognizer: EntityRecognizer) -> dict[str, Any]:
    wanted = [places for _text, places in SENTENCES]
    variants = {"normal": [t for t, _p in SENTENCES], "upper": [t.upper() for t, _p in SENTENCES],
                "lower": [t.lower() for t, _p in SENTENCES]}
    out: dict[str, Any] = {}
    for name, texts in variants.items():
        restored = [restore_case(t) for t in texts]
        assert all(len(a) == len(b) for a, b in zip(texts, restored, strict=False))
        before, total = _places_found(recognizer, texts, wanted)
        after, _ = _places_found(recognizer, restored, wanted)
        out[name] = {"places": total, "found_before": before, "found_after": after}
    return out


def ner_speed(recognizer: EntityRecognizer, n: int = 200) -> dict[str, float]:
    texts = [SENTENCES[i % len(SENTENCES)][0] for i in range(n)]
    recognizer.spans(texts[:20])  # warm-up
    started, cpu_started = time.perf_counter(), time.process_time()
    recognizer.spans(texts)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    # CPU time as well as wall time: on a shared machine the wall clock also counts other processes' turns.
    return {"sentences": n, "seconds": round(seconds, 3), "sentences_per_s": round(n / seconds, 1),
            "cpu_seconds": round(cpu, 3), "sentences_per_cpu_s": round(n / cpu, 1)}


def _place_spans(recognizer: EntityRecognizer, texts: list[str]) -> int:
    return sum(sum(1 for s in spans if is_place_span(s)) for spans in recognizer.spans(texts))


def muc4_aggregates(recognizer: EntityRecognizer, path: Path) -> dict[str, Any]:
    """Aggregates only: nothing from the texts is printed or kept."""
    articles = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    tokens = capitalised = 0
    started = time.perf_counter()
    restored_texts = [restore_case(a["text"]) for a in articles]
    restore_seconds = time.perf_counter() - started
    for article, restored in zip(articles, restored_texts, strict=False):
        assert len(restored) == len(article["text"])
        for m in WORD.finditer(restored):
            tokens += 1
            capitalised += m.group()[:1].isupper()
    before = _place_spans(recognizer, [a["text"] for a in articles])
    after = _place_spans(recognizer, restored_texts)
    return {"articles": len(articles), "word_tokens": tokens,
            "share_capitalised_after_restoration": round(capitalised / max(1, tokens), 3),
            "restore_articles_per_s": round(len(articles) / restore_seconds, 1),
            "place_spans_per_article_before": round(before / max(1, len(articles)), 2),
            "place_spans_per_article_after": round(after / max(1, len(articles)), 2)}


def _case_scores(original: str, restored: str) -> tuple[int, int, int, int, int]:
    """(tokens, same case, capitalised in both, capitalised in original, capitalised in restored)."""
    tokens = same = both = in_original = in_restored = 0
    for m in WORD.finditer(original):
        was, now = m.group(), restored[m.start():m.end()]
        tokens += 1
        same += was == now
        both += was[0].isupper() and now[0].isupper()
        in_original += was[0].isupper()
        in_restored += now[0].isupper()
    return tokens, same, both, in_original, in_restored


def _place_offsets(recognizer: EntityRecognizer, texts: list[str]) -> list[set[tuple[int, int]]]:
    return [{(s.start, s.end) for s in spans if is_place_span(s)} for spans in recognizer.spans(texts)]


def _agreement(reference: list[set[tuple[int, int]]], found: list[set[tuple[int, int]]]) -> dict[str, float]:
    """Place spans (same offsets) shared with NER on the original text: recall and precision."""
    shared = sum(len(a & b) for a, b in zip(reference, found, strict=False))
    return {"place_spans_recall_vs_original": round(shared / max(1, sum(map(len, reference))), 3),
            "place_spans_precision_vs_original": round(shared / max(1, sum(map(len, found))), 3)}


def reference_aggregates(recognizer: EntityRecognizer, path: Path, limit: int) -> dict[str, Any]:
    """Mixed-case articles put in capitals and in lower case, then restored; aggregates only."""
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()][:limit]
    originals = [json.loads(line)["text"] for line in lines]
    out: dict[str, Any] = {"articles": len(originals),
                           "place_spans_per_article_original": round(_place_spans(recognizer, originals)
                                                                     / max(1, len(originals)), 2)}
    reference = _place_offsets(recognizer, originals)
    for name, degrade in (("upper", lambda t: "".join(c.upper() if len(c.upper()) == 1 else c for c in t)),
                          ("lower", lambda t: "".join(c.lower() if len(c.lower()) == 1 else c for c in t))):
        degraded = [degrade(t) for t in originals]
        restored = [restore_case(t) for t in degraded]
        scored = (_case_scores(o, r) for o, r in zip(originals, restored, strict=True))
        totals = [sum(x) for x in zip(*scored, strict=True)]
        unrestored = (_case_scores(o, d) for o, d in zip(originals, degraded, strict=True))
        baseline = [sum(x) for x in zip(*unrestored, strict=True)]
        tokens, same, both, in_original, in_restored = totals
        out[name] = {"tokens_in_original_case_before": round(baseline[1] / max(1, tokens), 3),
                     "tokens_in_original_case_after": round(same / max(1, tokens), 3),
                     "capitalised_precision": round(both / max(1, in_restored), 3),
                     "capitalised_recall": round(both / max(1, in_original), 3),
                     "place_spans_per_article_before": round(_place_spans(recognizer, degraded)
                                                             / max(1, len(originals)), 2),
                     "place_spans_per_article_after": round(_place_spans(recognizer, restored)
                                                            / max(1, len(originals)), 2),
                     "before": _agreement(reference, _place_offsets(recognizer, degraded)),
                     "after": _agreement(reference, _place_offsets(recognizer, restored))}
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--muc4", type=Path, help="JSONL of articles to report aggregates on")
    parser.add_argument("--reference", type=Path, help="JSONL of mixed-case articles to degrade and restore")
    parser.add_argument("--limit", type=int, default=200, help="at most this many --reference articles")
    parser.add_argument("--json", type=Path, help="write the report here too")
    args = parser.parse_args(argv)
    recognizer = get_entity_recognizer()
    if recognizer is None:
        print("no NER model: see the warning above", file=sys.stderr)
        return 1
    started = time.perf_counter()
    get_casing_dictionary()
    report: dict[str, Any] = {"casing_dictionary_build_s": round(time.perf_counter() - started, 2),
                              "sentences": sentence_counts(recognizer), "ner_speed": ner_speed(recognizer)}
    if args.muc4:
        report["muc4"] = muc4_aggregates(recognizer, args.muc4)
    if args.reference:
        report["reference"] = reference_aggregates(recognizer, args.reference, args.limit)
    text = json.dumps(report, indent=2)
    print(text)
    if args.json:
        args.json.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
