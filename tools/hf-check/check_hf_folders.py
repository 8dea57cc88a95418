"""Checks that model folders written by electra-bench load in HF transformers unchanged: AutoTokenizer (vocab.txt,
tokenizer_config.json, special_tokens_map.json), the Auto model class for the folder's architecture with no
missing or unexpected weights, and a pipeline whose labels are the task's label names (not LABEL_0).

    python tools/hf-check/check_hf_folders.py RUN/final/discriminator RUN/final/generator FT/best ...

Exit 0 when every folder passes; prints one line per folder. Needs torch + transformers (see
../shared/bench/README.md for the offline wheels). Not part of `mvn verify`.
"""
import json
import os
import sys

import torch
import transformers
from transformers import AutoConfig, AutoTokenizer, pipeline

AUTO = {
    "ElectraForPreTraining": transformers.AutoModelForPreTraining,
    "ElectraForMaskedLM": transformers.AutoModelForMaskedLM,
    "BertForMaskedLM": transformers.AutoModelForMaskedLM,
    "ElectraForSequenceClassification": transformers.AutoModelForSequenceClassification,
    "ElectraForTokenClassification": transformers.AutoModelForTokenClassification,
    "ElectraForQuestionAnswering": transformers.AutoModelForQuestionAnswering,
}
TEXT = "The Quick brown fox JUMPED over the lazy dog in Paris."


def check(folder):
    raw = json.load(open(os.path.join(folder, "config.json")))
    arch = raw["architectures"][0]
    tok = AutoTokenizer.from_pretrained(folder)
    vocab = open(os.path.join(folder, "vocab.txt"), encoding="utf-8").read().splitlines()
    assert len(tok) == len(vocab), (len(tok), len(vocab))
    assert tok(TEXT)["input_ids"] == tok(TEXT.lower())["input_ids"], "do_lower_case"
    assert tok.model_max_length == raw["max_position_embeddings"], tok.model_max_length
    assert tok.mask_token == "[MASK]" and tok.cls_token == "[CLS]" and tok.sep_token == "[SEP]"

    config = AutoConfig.from_pretrained(folder)
    model, info = AUTO[arch].from_pretrained(folder, output_loading_info=True)
    missing = {k for k in info["missing_keys"] if not k.endswith("position_ids")}
    # google-research/electra's classifier (our default for GLUE) is dropout + out_proj on [CLS]; HF's
    # ElectraClassificationHead adds dense + gelu, which that head does not have: HF initialises it afresh
    paper_head = raw.get("electrabench_paper_classifier", False)
    if paper_head:
        missing -= {"classifier.dense.weight", "classifier.dense.bias"}
    assert not missing and not info["unexpected_keys"], info
    model.eval()

    what = f"{type(tok).__name__} ({len(tok)} tokens), {type(model).__name__}"
    if paper_head:
        what += " (paper head: HF adds an untrained classifier.dense)"
    if arch == "ElectraForSequenceClassification":
        names = [raw["id2label"][str(i)] for i in range(len(raw["id2label"]))]
        assert [config.id2label[i] for i in range(len(names))] == names
        out = pipeline("text-classification", model=model, tokenizer=tok)(TEXT)
        assert out[0]["label"] in names, out
        what += f", text-classification -> {out[0]['label']!r} of {names}"
    elif arch == "ElectraForTokenClassification":
        names = [raw["id2label"][str(i)] for i in range(len(raw["id2label"]))]
        out = pipeline("token-classification", model=model, tokenizer=tok)(TEXT)
        assert all(o["entity"] in names for o in out), out
        what += f", token-classification labels {sorted({o['entity'] for o in out})} of {len(names)}"
    elif arch in ("ElectraForMaskedLM", "BertForMaskedLM"):
        out = pipeline("fill-mask", model=model, tokenizer=tok)("the capital of france is [MASK].")
        what += f", fill-mask -> {out[0]['token_str']!r}"
    else:
        with torch.no_grad():
            logits = model(**tok(TEXT, return_tensors="pt")).logits
        what += f", logits {tuple(logits.shape)}"
    print(f"ok {folder}: {what}")


def main():
    failed = 0
    for folder in sys.argv[1:]:
        try:
            check(folder)
        except Exception as e:  # report every folder, then fail
            failed += 1
            print(f"FAIL {folder}: {type(e).__name__}: {e}")
    sys.exit(1 if failed or len(sys.argv) < 2 else 0)


if __name__ == "__main__":
    main()
