/** The matched-compute ELECTRA vs BERT comparison: config, orchestration with a run ledger, provenance. */
package dev.electrabench.harness.compare;
