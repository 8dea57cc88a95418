/**
 * Text to model inputs: the BERT vocabulary ({@link dev.electrabench.core.text.Vocab}), the uncased
 * WordPiece tokenizer with character offsets into the original text
 * ({@link dev.electrabench.core.text.WordPieceTokenizer}, matching HF tokenizers), and the
 * {@code [CLS] A [SEP] B [SEP]} encoding with HF's longest-first pair truncation
 * ({@link dev.electrabench.core.text.Encoding}, {@link dev.electrabench.core.text.Truncation}).
 */
package dev.electrabench.core.text;
