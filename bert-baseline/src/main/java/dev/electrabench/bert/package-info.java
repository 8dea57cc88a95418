/** The BERT baseline: masked-language-model pre-training on the shared encoder. */
package dev.electrabench.bert;
