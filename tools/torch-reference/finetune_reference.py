#!/usr/bin/env python3
"""Fine-tunes an HF folder on SST-2 or CoNLL-2003 with electra-bench's recipe in HF transformers + PyTorch, and
scores the dev predictions with electra-bench's own `score` (the same official metric code on both sides).

Its purpose is faithfulness: the same checkpoint, data and recipe fine-tuned here and by `electra-bench finetune`
must land within the seed spread of each other. The recipe is google-research/electra's, as electra-bench runs it:
  * the first --max-train training examples (sentences for CoNLL), shuffled every epoch; the first --max-eval dev ones
  * the encoder (AutoModel: ElectraModel / BertModel) + the paper's head: dropout → linear on [CLS] (SST-2), on
    every position with the word's label on its first sub-token (CoNLL, IOB2 tags, sentences longer than
    max_seq − 2 pieces split into windows at word boundaries)
  * AdamW without bias correction (ELECTRA's AdamWeightDecayOptimizer), β 0.9/0.999, ε 1e-6, weight decay off
    LayerNorm and biases, clip_by_global_norm 1.0
  * lr(t) = peak · (1 − t/T) · min(1, t / (T · warmup)), t = updates already applied, and layer-wise decay
    decay^(L + 2 − depth) with depth 0 for embeddings, i + 1 for layer i, L + 2 for the head (ELECTRA's table)
Example order, head initialisation and dropout masks differ from ours: compare metrics across seeds, not digits.

    /tmp/venv/bin/python tools/torch-reference/finetune_reference.py --model DIR --task sst2 --seed 1 \
        --data-dir ../shared/data --jar harness/target/electra-bench.jar
"""
import argparse
import json
import os
import random
import subprocess
import sys
import tempfile

import torch
from torch import nn
from transformers import AutoConfig, AutoModel, BertTokenizerFast

LABELS = ["O", "B-PER", "I-PER", "B-LOC", "I-LOC", "B-ORG", "I-ORG", "B-MISC", "I-MISC"]


def read_sst2(path, limit):
    rows = []
    with open(path) as f:
        header = f.readline().rstrip("\n").split("\t")
        for line in f:
            cols = line.rstrip("\n").split("\t")
            rows.append((cols[header.index("sentence")], int(cols[header.index("label")])))
    return rows[:limit] if limit else rows


def iob2(tags):
    out, prev = [], "O"
    for t in tags:
        if t.startswith("I-") and (prev == "O" or prev[2:] != t[2:]):
            t = "B-" + t[2:]
        out.append(t)
        prev = t
    return out


def read_conll(path, limit):
    sentences, words, tags = [], [], []
    with open(path) as f:
        for line in f:
            line = line.strip()
            if not line or line.startswith("-DOCSTART-"):
                if words:
                    sentences.append((words, iob2(tags)))
                    words, tags = [], []
                continue
            cols = line.split()
            words.append(cols[0])
            tags.append(cols[-1])
    if words:
        sentences.append((words, iob2(tags)))
    return sentences[:limit] if limit else sentences


def conll_rows(tok, sentences, max_seq):
    """Rows of (ids, labels with -100 off first sub-tokens, (sentence, first word)) in windows."""
    rows = []
    for s, (words, tags) in enumerate(sentences):
        pieces = [tok.tokenize(w) or [tok.unk_token] for w in words]
        start = 0
        while start < len(words):
            ids, labels, n = [tok.cls_token_id], [-100], 0
            end = start
            while end < len(words) and n + len(pieces[end]) <= max_seq - 2:
                n += len(pieces[end])
                end += 1
            if end == start:                          # one word longer than a window: cut it
                pieces[start] = pieces[start][:max_seq - 2]
                continue
            for w in range(start, end):
                p = tok.convert_tokens_to_ids(pieces[w])
                ids += p
                labels += [LABELS.index(tags[w])] + [-100] * (len(p) - 1)
            ids.append(tok.sep_token_id)
            labels.append(-100)
            rows.append((ids, labels, (s, start)))
            start = end
    return rows


class Tagger(nn.Module):
    def __init__(self, folder, classes, dropout, per_token):
        super().__init__()
        cfg = AutoConfig.from_pretrained(folder, hidden_dropout_prob=dropout, attention_probs_dropout_prob=dropout)
        self.encoder = AutoModel.from_pretrained(folder, config=cfg)
        self.dropout = nn.Dropout(dropout)
        self.head = nn.Linear(cfg.hidden_size, classes)
        nn.init.normal_(self.head.weight, std=cfg.initializer_range)
        nn.init.zeros_(self.head.bias)
        self.per_token = per_token
        self.layers = cfg.num_hidden_layers

    def forward(self, ids, mask):
        h = self.encoder(input_ids=ids, attention_mask=mask, token_type_ids=torch.zeros_like(ids)).last_hidden_state
        return self.head(self.dropout(h if self.per_token else h[:, 0]))

    def depth(self, name):
        if not name.startswith("encoder."):
            return self.layers + 2
        rest = name[len("encoder."):]
        if rest.startswith("embeddings"):
            return 0
        if rest.startswith("pooler"):
            return self.layers + 1
        return int(rest.split(".")[2]) + 1                  # encoder.layer.<i>.


def pad(batch):
    n = max(len(r[0]) for r in batch)
    ids = torch.tensor([r[0] + [0] * (n - len(r[0])) for r in batch])
    mask = torch.tensor([[1] * len(r[0]) + [0] * (n - len(r[0])) for r in batch])
    return ids, mask, n


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--model", required=True)
    p.add_argument("--task", choices=["sst2", "conll2003"], required=True)
    p.add_argument("--data-dir", default="../shared/data")
    p.add_argument("--jar", default="harness/target/electra-bench.jar")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--lr", type=float, default=1e-3)
    p.add_argument("--layer-decay", type=float, default=0.8)
    p.add_argument("--weight-decay", type=float, default=0.0)
    p.add_argument("--warmup", type=float, default=0.1)
    p.add_argument("--epochs", type=int, default=3)
    p.add_argument("--batch", type=int, default=32)
    p.add_argument("--max-seq", type=int, default=64)
    p.add_argument("--max-train", type=int, default=2000)
    p.add_argument("--max-eval", type=int, default=1000)
    p.add_argument("--dropout", type=float, default=0.1)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--log", type=int, default=0, help="print the training loss every N steps to stderr")
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    random.seed(a.seed)
    # vocab=, not vocab_file=: transformers 5 ignores vocab_file here and tokenizes everything to [UNK]
    tok = BertTokenizerFast(vocab=os.path.join(a.data_dir, "vocab", "bert-base-uncased-vocab.txt"), do_lower_case=True)
    if tok.cls_token_id != 101 or tok.tokenize("hello world") != ["hello", "world"]:
        raise SystemExit("the BERT vocab did not load")

    if a.task == "sst2":
        def rows(split, limit):
            data = read_sst2(os.path.join(a.data_dir, "glue", "SST-2", split + ".tsv"), limit)
            enc = tok([s for s, _ in data], truncation=True, max_length=a.max_seq)["input_ids"]
            return [(ids, y, i) for i, (ids, (_, y)) in enumerate(zip(enc, data))]
        train, dev, classes = rows("train", a.max_train), rows("dev", a.max_eval), 2
    else:
        dev_sentences = read_conll(os.path.join(a.data_dir, "conll2003", "eng.testa"), a.max_eval)
        train = conll_rows(tok, read_conll(os.path.join(a.data_dir, "conll2003", "eng.train"), a.max_train), a.max_seq)
        dev, classes = conll_rows(tok, dev_sentences, a.max_seq), len(LABELS)

    model = Tagger(a.model, classes, a.dropout, a.task == "conll2003")
    total = a.epochs * ((len(train) + a.batch - 1) // a.batch)
    warmup = total * a.warmup
    params = [(n, q) for n, q in model.named_parameters() if q.requires_grad]
    state = {n: (torch.zeros_like(q), torch.zeros_like(q)) for n, q in params}
    mult = {n: a.layer_decay ** (model.layers + 2 - model.depth(n)) for n, _ in params}
    decays = {n: not ("LayerNorm" in n or "layer_norm" in n or n.endswith("bias")) for n, _ in params}
    step = 0
    for epoch in range(a.epochs):
        model.train()
        order = list(range(len(train)))
        random.Random(a.seed * 1_000_003 + epoch).shuffle(order)
        for b in range(0, len(order), a.batch):
            batch = [train[i] for i in order[b:b + a.batch]]
            ids, mask, n = pad(batch)
            logits = model(ids, mask)
            if a.task == "sst2":
                loss = nn.functional.cross_entropy(logits, torch.tensor([r[1] for r in batch]))
            else:
                labels = torch.tensor([r[1] + [-100] * (n - len(r[1])) for r in batch])
                loss = nn.functional.cross_entropy(logits.reshape(-1, classes), labels.reshape(-1), ignore_index=-100)
            model.zero_grad(set_to_none=True)
            loss.backward()
            # TF's global_step: the updates already applied (the first update's rate is 0, as in ELECTRA)
            lr = a.lr * (1 - min(step, total) / total) * (min(1.0, step / warmup) if warmup > 0 else 1.0)
            step += 1
            if a.log and step % a.log == 0:
                print(f"step {step} loss {float(loss):.4f}", file=sys.stderr)
            with torch.no_grad():
                norm = torch.sqrt(sum((q.grad.double() ** 2).sum() for _, q in params if q.grad is not None))
                scale = min(1.0, 1.0 / max(float(norm), 1e-12))
                for name, q in params:
                    if q.grad is None:
                        continue
                    g = q.grad * scale
                    m, v = state[name]
                    m.mul_(0.9).add_(g, alpha=0.1)
                    v.mul_(0.999).addcmul_(g, g, value=0.001)
                    update = m / (v.sqrt() + 1e-6)
                    if decays[name] and a.weight_decay > 0:
                        update = update + a.weight_decay * q
                    q.sub_(lr * mult[name] * update)

    model.eval()
    predictions = []
    with torch.no_grad():
        for b in range(0, len(dev), 64):
            batch = dev[b:b + 64]
            ids, mask, _ = pad(batch)
            out = model(ids, mask).argmax(-1)
            for r, row in zip(batch, out):
                predictions.append((r, row.tolist()))
    with tempfile.TemporaryDirectory() as tmp:
        if a.task == "sst2":
            pred = os.path.join(tmp, "SST-2.tsv")
            with open(pred, "w") as f:
                f.write("index\tprediction\n")
                for r, y in predictions:
                    f.write(f"{r[2]}\t{y}\n")
            gold = os.path.join(tmp, "dev.tsv")          # the scored dev rows: the first --max-eval
            with open(os.path.join(a.data_dir, "glue", "SST-2", "dev.tsv")) as f:
                lines = f.readlines()
            with open(gold, "w") as f:
                f.writelines(lines[:1 + len(dev)])
            cmd = ["java", "-jar", a.jar, "score", "--task", "sst2", "--data", gold, "--predictions", pred, "--json"]
        else:
            tags = {}
            for r, row in predictions:
                s, first = r[2]
                w = first
                for label, guess in zip(r[1], row):
                    if label != -100:
                        tags[(s, w)] = LABELS[guess]
                        w += 1
            pred = os.path.join(tmp, "conll.txt")
            with open(pred, "w") as f:
                for s, (words, gold) in enumerate(dev_sentences):
                    for w, (word, g) in enumerate(zip(words, gold)):
                        f.write(f"{word} {g} {tags[(s, w)]}\n")
                    f.write("\n")
            cmd = ["java", "-jar", a.jar, "score", "--task", "conll2003", "--predictions", pred, "--json"]
        scored = json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout)
    print(json.dumps({"task": a.task, "seed": a.seed, "model": a.model, "steps": step, "train_rows": len(train),
                      "dev_rows": len(dev), "metrics": scored}))


if __name__ == "__main__":
    main()
