/**
 * SQuAD v1.1 and v2.0: the official JSON reader, the official evaluation (answer normalization, exact
 * match, token F1, v2.0's HasAns/NoAns splits and no-answer threshold search) reproduced from the
 * official scripts, prediction and null-odds writers, and the pure-Java span decoder that turns start/end
 * logits into answer text.
 *
 * <p>{@code squad1.1-devsplit}: only dev-v1.1.json is held (48 articles), so {@link
 * dev.electrabench.tasks.qa.SquadDevSplitTask} splits it by article: articles 0..35 in file order
 * (36 articles, 8,123 questions) are TRAIN and articles 36..47 (12 articles, 2,447 questions) are DEV.
 * No article is in both, so no paragraph is seen in training and evaluation.
 */
package dev.electrabench.tasks.qa;
