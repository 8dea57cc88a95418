/**
 * CoNLL-2003 English NER: the column-format reader (documents and sentences, IOB1 tags converted to
 * IOB2), the conlleval chunk evaluation (entity-level precision / recall / F1 micro and per type, token
 * accuracy) and the conlleval input format ({@code token ... gold predicted}), so the official Perl script
 * and this code read the same files.
 */
package dev.electrabench.tasks.tagging;
