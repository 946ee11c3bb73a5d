"""Classify claim/article pairs from a JSON Lines file, for researchers.

    python manage.py stance pairs.jsonl stances.jsonl

Each input line is {"id", "claim", "text"} (text = a whole article); each output
line is {"id", "label": "agree"|"contradict"|"silent", "hedged", "evidence",
"confidence", "reason"}: the reason says why in words ("12 injured vs at least 30
injured", "denies: '...'", "does not say 'cargo'"), as the matrix's evidence panel
does. The whole input is checked before any work starts, and the output file appears
only when every pair is done.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from coverage.analysis.errors import AnalysisError

MAX_TEXT_CHARACTERS = 2_000_000


def read_pairs(path: Path) -> list[tuple[object, str, str]]:
    """Parse and check every line; CommandError names the first bad line."""
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except FileNotFoundError:
        raise CommandError(f"No file at {path}. Check the path and try again.") from None
    except UnicodeDecodeError:
        raise CommandError(f"{path} is not UTF-8 text. Save it as UTF-8 and try again.") from None
    pairs = []
    seen_ids = set()
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{path.name}, line {number}"
        try:
            item = json.loads(line)
        except json.JSONDecodeError as error:
            raise CommandError(f"{where} is not valid JSON: {error.msg}.") from None
        except RecursionError:
            raise CommandError(
                f'{where} is nested too deeply to read; it must be an object like {{"id", '
                '"claim", "text"}.'
            ) from None
        if not isinstance(item, dict):
            raise CommandError(f'{where} must be an object like {{"id", "claim", "text"}}.')
        missing = [key for key in ("id", "claim", "text") if key not in item]
        if missing:
            raise CommandError(f"{where} lacks {', '.join(missing)}.")
        if not isinstance(item["claim"], str) or not item["claim"].strip():
            raise CommandError(f'{where}: "claim" must be non-empty text.')
        if not isinstance(item["text"], str):
            raise CommandError(f'{where}: "text" must be text.')
        if len(item["text"]) > MAX_TEXT_CHARACTERS:
            raise CommandError(
                f"{where}: the text is longer than {MAX_TEXT_CHARACTERS:,} characters; "
                "split or shorten it."
            )
        key = json.dumps(item["id"], sort_keys=True)
        if key in seen_ids:
            raise CommandError(f"{where}: the id {item['id']!r} was already used.")
        seen_ids.add(key)
        pairs.append((item["id"], item["claim"], item["text"]))
    if not pairs:
        raise CommandError(f"{path} has no pairs: write one JSON object per line.")
    return pairs


class Command(BaseCommand):
    help = "Classify {id, claim, text} pairs from a JSON Lines file into agree/contradict/silent."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("input", type=Path, help="JSON Lines file of {id, claim, text}.")
        parser.add_argument("output", type=Path, help="Where to write the JSON Lines results.")

    def handle(self, *args, **options) -> None:
        from coverage.analysis.nlp import DEFAULT_MODEL
        from coverage.analysis.pairs import classify_pairs

        source: Path = options["input"]
        target: Path = options["output"]
        if not target.parent.is_dir():
            raise CommandError(f"The folder {target.parent} does not exist.")
        pairs = read_pairs(source)

        def progress(done: int, total: int) -> None:
            if options["verbosity"] >= 1:
                self.stderr.write(f"\rClassified {done:,} of {total:,} pairs", ending="")

        try:
            results = classify_pairs(
                [(claim, text) for _, claim, text in pairs],
                spacy_model=settings.PARALLAX_SPACY_MODEL or DEFAULT_MODEL,
                embedding_model_path=settings.PARALLAX_EMBEDDING_MODEL or None,
                embedding_tokenizer_path=settings.PARALLAX_TOKENIZER or None,
                progress=progress,
            )
        except AnalysisError as error:
            raise CommandError(str(error)) from None
        if options["verbosity"] >= 1:
            self.stderr.write("")

        handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                for (pair_id, _, _), result in zip(pairs, results, strict=True):
                    record = {
                        "id": pair_id,
                        "label": result.label,
                        "hedged": result.hedged,
                        "evidence": result.evidence,
                        "confidence": result.confidence,
                        "reason": result.reason,
                    }
                    out.write(json.dumps(record, ensure_ascii=False) + "\n")
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        self.stdout.write(self.style.SUCCESS(f"Wrote {len(results):,} stances to {target}."))
