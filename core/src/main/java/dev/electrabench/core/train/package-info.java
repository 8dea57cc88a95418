/**
 * The optimizer step on a SameDiff graph that pre-training and fine-tuning share: gradient function
 * created once, our AdamW applied to the gradients.
 */
package dev.electrabench.core.train;
