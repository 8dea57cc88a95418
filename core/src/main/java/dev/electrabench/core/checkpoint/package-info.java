/**
 * Model checkpoints in HuggingFace's safetensors format: read HF-trained weights (F32, F16, BF16,
 * F64 converted to float32) and write our own (F32), so that checkpoints move between this harness
 * and HF transformers unchanged. Malformed files are reported as one-line {@code UserException}s.
 */
package dev.electrabench.core.checkpoint;
