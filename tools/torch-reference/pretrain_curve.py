"""Train HF transformers' BERT-MLM or ELECTRA on electra-bench's own cached pre-training examples with
electra-bench's recipe, and print the same per-window metrics as `electra-bench pretrain`'s metrics.csv.

It answers one question: does a reference implementation learn as fast as ours on the same data? Same
examples (read from the shard cache a `pretrain` run built), same masking rules (exact count round(0.15 n)
capped at 19 per row; BERT 80/10/10, ELECTRA 85% [MASK] / 15% kept), the optimizer of ELECTRA's
optimization.py (AdamW without bias correction, decay 0.01 off LayerNorm and biases, global clip 1.0,
lr * (1 - t/T) * min(1, t/warmup)), and HF's models (ELECTRA built by ../../../shared/bench/torch_reference.py:
whole embeddings block shared, generator output tied). Example order and random draws differ from ours,
so compare curves, not digits.

    python pretrain_curve.py --model bert --examples ~/.cache/electra-bench/shards/<key>/examples.bin
    (the <key> folder a run used is the newest one after its `pretrain`; see README.md here)
"""
import argparse, struct, sys, time, types
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F

CLS, SEP, MASK, FIRST_ORDINARY = 101, 102, 103, 999  # bert-base-uncased: ids below 999 are [PAD]/[unused]/specials


def read_examples(path):
    """examples.bin (core/.../pretrain/data/ExampleFile.java): tokens, offsets, first-segment ends, 48-byte trailer."""
    raw = Path(path).read_bytes()
    _magic, _version, width, seq, _pad, count, ntok, _crc = struct.unpack('<qiiiiqqq', raw[-48:])
    dtype = np.uint16 if width == 2 else np.int32
    tokens = np.frombuffer(raw, dtype=dtype, count=ntok)
    offsets = np.frombuffer(raw, dtype=np.int32, count=count + 1, offset=ntok * width)
    seg_ends = np.frombuffer(raw, dtype=np.uint16, count=count, offset=ntok * width + (count + 1) * 4)
    return tokens, offsets, seg_ends, seq, count


class Batches:
    def __init__(self, path, batch, max_pred, rng):
        self.tokens, self.offsets, self.seg_ends, self.seq, self.count = read_examples(path)
        self.batch, self.max_pred, self.rng = batch, max_pred, rng
        self.order, self.cursor = rng.permutation(self.count), 0

    def next(self):
        if self.cursor + self.batch > self.count:
            self.order, self.cursor = self.rng.permutation(self.count), 0
        idx = self.order[self.cursor:self.cursor + self.batch]
        self.cursor += self.batch
        B, T, P = self.batch, self.seq, self.max_pred
        ids, tt, am = (np.zeros((B, T), np.int64) for _ in range(3))
        pos, w = np.zeros((B, P), np.int64), np.zeros((B, P), np.float32)
        for b, i in enumerate(idx):
            e = self.tokens[self.offsets[i]:self.offsets[i + 1]]
            ids[b, :len(e)], am[b, :len(e)], tt[b, self.seg_ends[i]:len(e)] = e, 1, 1
            cand = np.nonzero((am[b] == 1) & (ids[b] != CLS) & (ids[b] != SEP))[0]
            k = min(P, max(1, int(round(0.15 * len(cand)))))
            pos[b, :k], w[b, :k] = self.rng.choice(cand, size=k, replace=False), 1
        return [torch.from_numpy(x) for x in (ids, tt, am, pos, w)]


def mask_inputs(ids, pos, w, rng, mask_p, random_p):
    inp = ids.clone()
    u = torch.from_numpy(rng.random(pos.shape))
    rand = torch.from_numpy(rng.integers(FIRST_ORDINARY, 30522, size=pos.shape))
    orig = ids.gather(1, pos)
    new = torch.where(u < mask_p, torch.full_like(orig, MASK), torch.where(u < mask_p + random_p, rand, orig))
    new = torch.where(w > 0, new, orig)  # padding slots (w = 0) point at position 0 ([CLS]): leave it
    inp.scatter_(1, pos, new)
    return inp


def gather_rows(h, pos):
    return h.gather(1, pos.unsqueeze(-1).expand(-1, -1, h.size(-1)))


def auc(scores, labels):
    order = np.argsort(scores, kind='stable')
    ranks = np.empty(len(scores))
    ranks[order] = np.arange(1, len(scores) + 1)
    n_pos = labels.sum()
    return (ranks[labels == 1].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * (len(labels) - n_pos))


def main():
    p = argparse.ArgumentParser()
    p.add_argument('--model', choices=['bert', 'electra'], required=True)
    p.add_argument('--examples', required=True, help='examples.bin of an electra-bench shard cache')
    p.add_argument('--steps', type=int, default=1000)
    p.add_argument('--total-steps', type=int, default=None, help='T of the linear decay (default --steps)')
    p.add_argument('--lr', type=float, default=5e-4)
    p.add_argument('--warmup', type=int, default=100)
    p.add_argument('--batch', type=int, default=32)
    p.add_argument('--hidden', type=int, default=128)
    p.add_argument('--layers', type=int, default=2)
    p.add_argument('--heads', type=int, default=2)
    p.add_argument('--gen-hidden', type=int, default=32, help='tiny.yaml: 0.25 x 128')
    p.add_argument('--max-predictions', type=int, default=None, help='default: int((0.15 + 0.005) * seq), as ours')
    p.add_argument('--log', type=int, default=100)
    p.add_argument('--seed', type=int, default=42)
    a = p.parse_args()
    total = a.total_steps or a.steps
    torch.manual_seed(a.seed)
    torch.set_num_threads(2)
    rng = np.random.default_rng(a.seed)
    sys.path.insert(0, str(Path(__file__).resolve().parents[3] / 'shared' / 'bench'))
    import torch_reference as ref
    data = Batches(a.examples, a.batch, a.max_predictions, rng)
    data.max_pred = data.max_pred or ref.n_mask_per_row(data.seq, 0.15)
    ns = types.SimpleNamespace(vocab=30522, seq=data.seq, dropout=0.1, attn='sdpa', gen_hidden=a.gen_hidden,
                               gen_layers=None)
    if a.model == 'bert':
        model, _ = ref.build_bert(ns, a.hidden, a.layers, a.heads, 4 * a.hidden)
        modules = [model]
    else:
        disc, gen, _, _ = ref.build_electra(ns, a.hidden, a.hidden, a.layers, a.heads, 4 * a.hidden)
        modules = [disc, gen]
    for m in modules:
        m.train()
    params = ref.unique_params(*modules)  # the generator shares the discriminator's embeddings
    no_decay = {id(t) for m in modules for n, t in m.named_parameters() if 'LayerNorm' in n or 'bias' in n}
    moments = {id(t): (torch.zeros_like(t), torch.zeros_like(t)) for t in params}
    print(f'{a.model}: {data.count} examples of length {data.seq}, {sum(t.numel() for t in params)} parameters', flush=True)

    window, t0 = [], time.time()
    for step in range(1, a.steps + 1):
        ids, tt, am, pos, w = data.next()
        orig, wf = ids.gather(1, pos).reshape(-1), w.reshape(-1)
        if a.model == 'bert':
            inp = mask_inputs(ids, pos, w, rng, 0.8, 0.1)
            h = model.bert(inp, attention_mask=am, token_type_ids=tt).last_hidden_state
            logits = model.cls(gather_rows(h, pos)).reshape(-1, 30522)
        else:
            inp = mask_inputs(ids, pos, w, rng, 0.85, 0.0)
            h = gen.electra(inp, attention_mask=am, token_type_ids=tt).last_hidden_state
            logits = gen.generator_lm_head(gen.generator_predictions(gather_rows(h, pos))).reshape(-1, 30522)
        mlm = (F.cross_entropy(logits, orig, reduction='none') * wf).sum() / wf.sum()
        loss, row = mlm, {'mlm_loss': mlm.item()}
        if a.model == 'electra':
            with torch.no_grad():  # Gumbel-max sample at temperature 1, no gradient into the generator
                g = -torch.log(-torch.log(torch.rand_like(logits) + 1e-9) + 1e-9) + logits
                fake = inp.clone()
                fake.scatter_(1, pos, torch.where(w > 0, g.argmax(-1).reshape(pos.shape), inp.gather(1, pos)))
                replaced = (fake != ids).float()  # padding is never replaced
            live = am == 1
            d_logits = disc(fake, attention_mask=am, token_type_ids=tt).logits[live]
            disc_loss = F.binary_cross_entropy_with_logits(d_logits, replaced[live])
            loss = mlm + 50.0 * disc_loss
            s, y = d_logits.detach().numpy(), replaced[live].numpy()
            row.update(disc_loss=disc_loss.item(), scores=s, labels=y)
        row['loss'] = loss.item()
        for t in params:
            t.grad = None
        loss.backward()
        torch.nn.utils.clip_grad_norm_(params, 1.0)
        lr = a.lr * max(0.0, 1 - (step - 1) / total) * min(1.0, (step - 1) / a.warmup if a.warmup else 1.0)
        with torch.no_grad():
            for t in params:
                m, v = moments[id(t)]
                m.mul_(0.9).add_(t.grad, alpha=0.1)
                v.mul_(0.999).addcmul_(t.grad, t.grad, value=0.001)
                update = m / (v.sqrt() + 1e-6)
                if id(t) not in no_decay:
                    update = update + 0.01 * t
                t.add_(update, alpha=-lr)
            hidden = (inp.gather(1, pos).reshape(-1) != orig) & (wf > 0)
            pred = logits.argmax(-1)
            row['hits'], row['hidden'] = (pred[hidden] == orig[hidden]).sum().item(), hidden.sum().item()
        window.append(row)
        if step == 1 or step % a.log == 0:
            mean = lambda k: sum(r[k] for r in window) / len(window)
            line = (f"step {step} loss {mean('loss'):.4f} mlm_loss {mean('mlm_loss'):.4f} "
                    f"mlm_masked_accuracy {sum(r['hits'] for r in window) / max(1, sum(r['hidden'] for r in window)):.4f}")
            if a.model == 'electra':
                s = np.concatenate([r['scores'] for r in window])
                y = np.concatenate([r['labels'] for r in window])
                line += (f" disc_loss {mean('disc_loss'):.4f} disc_accuracy {((s > 0) == (y > 0.5)).mean():.4f}"
                         f" all_original {1 - y.mean():.4f} disc_auc {auc(s, y):.3f}")
            print(f'{line} lr {lr:.3e} wall_s {time.time() - t0:.0f}', flush=True)
            window = []


if __name__ == '__main__':
    main()
