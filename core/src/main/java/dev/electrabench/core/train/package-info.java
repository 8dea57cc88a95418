/**
 * The optimizer step that pre-training and fine-tuning share ({@link dev.electrabench.core.train.TrainingStep}),
 * fed by a source of loss and gradients: a SameDiff gradient function or the eager engine.
 */
package dev.electrabench.core.train;
