/**
 * Pre-training as both objectives share it: dynamic masking ({@link dev.electrabench.core.pretrain.Masker}
 * → {@link dev.electrabench.core.pretrain.MaskedBatch}), what an objective contributes
 * ({@link dev.electrabench.core.pretrain.PretrainingObjective}: parameters, graph, engine step, FLOPs), the
 * loop with logging, FLOP budget and bit-exact resume ({@link dev.electrabench.core.pretrain.Pretrainer}),
 * the layout of its checkpoints ({@link dev.electrabench.core.pretrain.PretrainCheckpoint}) and the
 * context-free baselines its metrics are read against. The objectives themselves are in {@code bert} and
 * {@code electra}; the data pipeline is {@code pretrain.data}. Never imports {@code engine}.
 */
package dev.electrabench.core.pretrain;
