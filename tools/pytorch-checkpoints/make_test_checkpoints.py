"""Writes the small torch.save files core's PyTorch-checkpoint tests read, with what torch itself reads from
them, into core/src/test/resources/pytorch/ (committed, so `mvn verify` needs no Python).

  views.bin             zip format: views with offsets and strides, a transposed and a strided tensor,
                        float16/bfloat16/float64/int64/int32/bool tensors, an expanded int64 buffer
                        (position_ids), a scalar, an empty tensor, one tensor under two names, two tensors
                        slicing one float16 storage
  views-legacy.bin      the same state dict in the legacy (torch < 1.6) format
  views-protocol4.bin   the same with pickle protocol 4 (FRAME, MEMOIZE, SHORT_BINUNICODE, STACK_GLOBAL)
  parameters.bin        nn.Parameter values (torch._utils._rebuild_parameter), as torch.save(module params)
  expected.json         file -> tensor name -> {"shape", "values"} as torch.load reads them, as float32
  fp16-discriminator.json
                        HF transformers' outputs of ../shared/fixtures/hf-tiny-bin/electra-discriminator-fp16
                        (float16 weights read into a float32 model) on fixture_batch.json's inputs, in
                        fixture_batch.json's layout, so the fp16 copy is held to 1e-4 too

Run with a python that has torch + transformers (see ../shared/bench/README.md for the offline wheels):
    python tools/pytorch-checkpoints/make_test_checkpoints.py [FIXTURES_DIR]
"""
import json
import os
import sys
from collections import OrderedDict

import torch

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "core", "src", "test", "resources", "pytorch")
FIXTURES = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "..", "shared", "fixtures")


def views():
    base = torch.arange(24, dtype=torch.float32).reshape(4, 6) / 7
    halves = torch.linspace(-2, 2, 10).half()
    tied = torch.tensor([[0.5, -1.5], [2.25, 3.0]])
    sd = OrderedDict()
    sd["base"] = base
    sd["transposed"] = base.t()                 # strides (1, 6)
    sd["block"] = base[1:3, 2:5]                # offset 8, strides (6, 1)
    sd["row"] = base[2]                         # offset 12
    sd["every_other_column"] = base[:, ::2]     # strides (6, 2)
    sd["scalar"] = torch.tensor(3.25)
    sd["empty"] = torch.zeros(0, 3)
    sd["half_head"] = halves[:4]                # two views of one float16 storage
    sd["half_tail"] = halves[4:].view(2, 3)
    sd["bfloat16"] = torch.linspace(-3, 3, 7).bfloat16()
    sd["double"] = torch.linspace(0, 1, 5, dtype=torch.float64)
    sd["position_ids"] = torch.arange(10).expand((1, -1))   # int64, strides (0, 1), as HF's buffer
    sd["int32"] = torch.tensor([-7, 0, 9], dtype=torch.int32)
    sd["bool"] = torch.tensor([True, False, True])
    sd["decoder.weight"] = tied                 # one storage, two names (tied weights)
    sd["embeddings.weight"] = tied
    return sd


def expected(sd):
    return {k: {"shape": list(v.shape), "values": v.float().flatten().tolist()} for k, v in sd.items()}


def fp16_reference():
    from transformers import ElectraForPreTraining
    batch = json.load(open(os.path.join(FIXTURES, "hf-tiny", "fixture_batch.json")))
    inputs = batch["inputs"]
    model = ElectraForPreTraining.from_pretrained(
        os.path.join(FIXTURES, "hf-tiny-bin", "electra-discriminator-fp16"), dtype=torch.float32).eval()
    assert all(p.dtype == torch.float32 for p in model.parameters())
    ids = torch.tensor(inputs["disc_input_ids"])
    tt = torch.tensor(inputs["token_type_ids"])
    attn = torch.tensor(inputs["attention_mask"])
    with torch.no_grad():
        emb_ln = model.electra.embeddings(input_ids=ids, token_type_ids=tt)
        emb_in = model.electra.embeddings_project(emb_ln) if hasattr(model.electra, "embeddings_project") else emb_ln
        out = model(input_ids=ids, attention_mask=attn, token_type_ids=tt, output_hidden_states=True)
    def r(t):  # 8 significant digits: far below the 1e-4 tolerance, half the file size
        return [r(x) for x in t] if isinstance(t, (list, torch.Tensor)) and not (isinstance(t, torch.Tensor) and t.dim() == 0) else float(f"{float(t):.8g}")
    return {"input": "disc_input_ids", "embedding_layernorm_output": r(emb_ln), "encoder_input": r(emb_in),
            "hidden_states": [r(h) for h in out.hidden_states[1:]], "last_hidden_state": r(out.hidden_states[-1]),
            "logits": r(out.logits)}


def main():
    os.makedirs(OUT, exist_ok=True)
    sd = views()
    torch.save(sd, os.path.join(OUT, "views.bin"))
    torch.save(sd, os.path.join(OUT, "views-legacy.bin"), _use_new_zipfile_serialization=False)
    torch.save(sd, os.path.join(OUT, "views-protocol4.bin"), pickle_protocol=4)
    params = OrderedDict(weight=torch.nn.Parameter(torch.tensor([[1.0, -2.0], [0.25, 4.0]])),
                         bias=torch.nn.Parameter(torch.tensor([0.5, -0.5]), requires_grad=False))
    torch.save(params, os.path.join(OUT, "parameters.bin"))
    exp = {"views.bin": expected(sd), "views-legacy.bin": expected(sd), "views-protocol4.bin": expected(sd),
           "parameters.bin": expected(params)}
    # what torch itself reads back, so the files are checked against torch, not against this script
    for name in exp:
        back = torch.load(os.path.join(OUT, name), weights_only=False)  # our own files; torch's safe loader lacks FRAME
        assert expected(back) == exp[name], name
    json.dump(exp, open(os.path.join(OUT, "expected.json"), "w"), indent=1)
    json.dump(fp16_reference(), open(os.path.join(OUT, "fp16-discriminator.json"), "w"), separators=(",", ":"))
    print("wrote", sorted(os.listdir(OUT)))


if __name__ == "__main__":
    main()
