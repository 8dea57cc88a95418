/**
 * Model checkpoints as HuggingFace ships them: read HF-trained weights from {@code model.safetensors} (F32,
 * F16, BF16, F64 converted to float32) or {@code pytorch_model.bin} (torch.save's zip and legacy formats,
 * read by a pickle reader that accepts only tensor data and executes nothing), whole or sharded behind an
 * index; write our own as F32 safetensors folders with tokenizer files, so that checkpoints move between
 * this harness and HF transformers unchanged. Malformed or hostile files are reported as one-line
 * {@code UserException}s naming the file.
 */
package dev.electrabench.core.checkpoint;
