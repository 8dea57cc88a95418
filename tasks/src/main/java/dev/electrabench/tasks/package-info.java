/**
 * Fine-tuning tasks, modelled on google-research/electra's {@code finetune/}: a {@link
 * dev.electrabench.tasks.Task} reads its {@link dev.electrabench.tasks.Example}s for a {@link
 * dev.electrabench.tasks.Split} and owns the {@link dev.electrabench.tasks.Scorer} that turns
 * predictions into the task's official metrics; {@link dev.electrabench.tasks.registry.TaskRegistry} maps the
 * command-line names to tasks.
 *
 * <p>One package per family, each owning its readers and metrics: {@code classification} (GLUE),
 * {@code qa} (SQuAD v1.1 / v2.0) and {@code tagging} (CoNLL-2003 NER). Examples and scorers need no
 * model: featurization (tokenizer, max sequence length) and prediction heads are added on top of these
 * interfaces by the fine-tuning code.
 */
package dev.electrabench.tasks;
