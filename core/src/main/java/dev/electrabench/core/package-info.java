/**
 * What ELECTRA and the BERT baseline share: the SameDiff transformer encoder and heads ({@code model}),
 * HF configs ({@code config}), safetensors checkpoints ({@code checkpoint}), the WordPiece tokenizer
 * ({@code text}), the pre-training data pipeline and loop ({@code pretrain}), the optimizer
 * ({@code optim}), the paper's FLOP convention ({@code flops}) and ND4J set-up ({@code runtime}).
 */
package dev.electrabench.core;
