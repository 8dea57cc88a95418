#!/usr/bin/env bash
# Copies a finished `compare` run into results/reference/<name>/ the way the committed ones are kept: every
# report file, run.json and the pre-training curves, and each fine-tuning cell's metrics.csv, but no
# checkpoints (hundreds of MB) and no per-cell ledgers or predictions. ReferenceResultTest then checks that
# `report` rebuilds the copy's leaderboard and comparisons from its summary.csv.
#   tools/reference-result/publish.sh runs/compare-curve results/reference/compare-curve
set -euo pipefail
if [ $# -ne 2 ]; then echo "usage: $0 RUN_DIR DEST_DIR" >&2; exit 2; fi
run=$1 dest=$2
for f in summary.csv leaderboard.md run.json pretrain-electra/done.json pretrain-bert/done.json; do
  [ -f "$run/$f" ] || { echo "$0: $run/$f: missing; is the run finished?" >&2; exit 2; }
done
[ -e "$dest" ] && { echo "$0: $dest: already exists" >&2; exit 2; }
tmp=$(mktemp -d "$(dirname "$dest")/.publish.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
# top-level files: the report, its plots, the run's own config and manifest
find "$run" -maxdepth 1 -type f ! -name "*.svg" ! -name ".*" -exec cp -p {} "$tmp/" \;  # SVGs: `report` rebuilds them
# pre-training: manifests and curves, not checkpoints
for d in "$run"/pretrain-*/; do
  name=$(basename "$d"); mkdir -p "$tmp/$name"
  find "$d" -maxdepth 1 -type f -exec cp -p {} "$tmp/$name/" \;
done
# fine-tuning cells: their learning curves
(cd "$run" && find finetune -name metrics.csv) | while read -r f; do
  mkdir -p "$tmp/$(dirname "$f")"; cp -p "$run/$f" "$tmp/$f"
done
mv "$tmp" "$dest"
trap - EXIT
echo "published $run -> $dest ($(du -sh "$dest" | cut -f1))"
