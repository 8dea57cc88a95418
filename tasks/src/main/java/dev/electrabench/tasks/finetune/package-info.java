/**
 * Fine-tuning (google-research/electra {@code run_finetuning.py} semantics on SameDiff): {@link
 * dev.electrabench.tasks.finetune.FineTuner} loads any HF folder core reads (ELECTRA discriminator,
 * generator, BERT baseline, fine-tuned models), puts the task family's head on it, trains with AdamW
 * (layer-wise LR decay, warmup + linear decay, global-norm clipping), evaluates on dev after each epoch
 * and keeps the best epoch's checkpoint and predictions. One {@link
 * dev.electrabench.tasks.finetune.TaskAdapter} per family (GLUE classification / regression, CoNLL
 * tagging, SQuAD span extraction) supplies featurization, loss, decoding and prediction files.
 */
package dev.electrabench.tasks.finetune;
