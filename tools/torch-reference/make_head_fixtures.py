#!/usr/bin/env python3
"""Writes the fine-tuning-head parity fixtures under harness/src/test/resources/hf-heads/.

The shared hf-tiny fixtures hold one task head (ElectraForSequenceClassification). This script builds the
other heads we read the same way (HF transformers, seeded init, biases and LayerNorms moved off 0/1 so their
bugs show) and records HF's eval-mode outputs on two batches of different shapes and padding:
ElectraForTokenClassification, ElectraForQuestionAnswering, BertForSequenceClassification (the pooler head),
BertForTokenClassification and BertForQuestionAnswering. ForwardCommandTest compares `forward` with them.

    /tmp/venv/bin/python tools/torch-reference/make_head_fixtures.py   # set-up: README.md next to this file

The .safetensors files are the source of truth; expected.json is computed from exactly those weights.
"""
import json
import os

import torch
from transformers import (BertConfig, BertForQuestionAnswering, BertForSequenceClassification,
                          BertForTokenClassification, ElectraConfig, ElectraForQuestionAnswering,
                          ElectraForTokenClassification)

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "harness", "src", "test", "resources", "hf-heads")
VOCAB, MAXPOS, PAD, CLS, SEP = 512, 64, 0, 101, 102


def r7(x):
    if isinstance(x, torch.Tensor):
        x = x.detach().double().tolist()
    if isinstance(x, list):
        return [r7(v) for v in x]
    return float(f"{x:.7g}")


def perturb(model):
    with torch.no_grad():
        for name, p in model.named_parameters():
            if "LayerNorm.weight" in name:
                p.add_(torch.randn_like(p) * 0.1)
            elif name.endswith("bias"):
                p.add_(torch.randn_like(p) * 0.05)


def common(**kw):
    d = dict(vocab_size=VOCAB, max_position_embeddings=MAXPOS, type_vocab_size=2, layer_norm_eps=1e-12,
             hidden_act="gelu", hidden_dropout_prob=0.1, attention_probs_dropout_prob=0.1, hidden_size=32,
             num_hidden_layers=2, num_attention_heads=2, intermediate_size=64, initializer_range=0.18,
             pad_token_id=PAD, attn_implementation="eager")
    d.update(kw)
    return d


def batch(g, rows, seq, lengths):
    ids = torch.randint(104, VOCAB, (rows, seq), generator=g)
    attn = torch.zeros(rows, seq, dtype=torch.long)
    tt = torch.zeros(rows, seq, dtype=torch.long)
    for b, n in enumerate(lengths):
        a = max(1, (n - 3) // 2)              # [CLS] a.. [SEP] b.. [SEP]
        ids[b, 0], ids[b, a + 1], ids[b, n - 1] = CLS, SEP, SEP
        ids[b, n:] = PAD
        attn[b, :n] = 1
        tt[b, a + 2:n] = 1
    return ids, attn, tt


def main():
    torch.manual_seed(11)
    g = torch.Generator().manual_seed(4321)
    batches = [batch(g, 2, 16, [16, 11]), batch(g, 3, 9, [5, 9, 7])]
    electra = dict(embedding_size=16)
    models = {
        "electra-tokcls": ElectraForTokenClassification(ElectraConfig(**common(num_labels=9, **electra))),
        "electra-qa": ElectraForQuestionAnswering(ElectraConfig(**common(**electra))),
        "bert-seqcls": BertForSequenceClassification(BertConfig(**common(num_labels=3))),
        "bert-tokcls": BertForTokenClassification(BertConfig(**common(num_labels=9))),
        "bert-qa": BertForQuestionAnswering(BertConfig(**common())),
    }
    for name, m in models.items():
        perturb(m)
        m.eval()
        d = os.path.join(OUT, name)
        os.makedirs(d, exist_ok=True)
        m.save_pretrained(d)
        reloaded = type(m).from_pretrained(d, attn_implementation="eager").eval()
        runs = []
        for ids, attn, tt in batches:
            with torch.no_grad():
                out = reloaded(input_ids=ids, attention_mask=attn, token_type_ids=tt, output_hidden_states=True)
            if hasattr(out, "logits"):
                logits = out.logits
            else:                              # question answering: [B, T, 2] as (start, end), as we write it
                logits = torch.stack([out.start_logits, out.end_logits], dim=-1)
            runs.append({"input_ids": ids.tolist(), "attention_mask": attn.tolist(), "token_type_ids": tt.tolist(),
                         "logits": r7(logits), "last_hidden_state": r7(out.hidden_states[-1])})
        with open(os.path.join(d, "expected.json"), "w") as f:
            json.dump({"architecture": type(m).__name__, "batches": runs}, f)
        print(f"{name}: {sum(p.numel() for p in m.parameters())} parameters")


if __name__ == "__main__":
    main()
