/**
 * The model as SameDiff graphs, under HuggingFace tensor names: the transformer encoder
 * ({@link dev.electrabench.core.model.TransformerEncoderGraph}), the prediction heads and the masked-LM head
 * evaluated at the masked slots ({@link dev.electrabench.core.model.MaskedLmHeadGraph}), the losses, the HF
 * architectures a checkpoint may hold ({@link dev.electrabench.core.model.Architecture}) and their
 * parameters. The graph is the reference every engine gradient is tested against and the path on ND4J's
 * CUDA backend; {@code engine} holds the same math eagerly. Imports {@code config} only.
 */
package dev.electrabench.core.model;
