/**
 * Run configuration: {@link dev.electrabench.core.config.RunConfig}, one YAML file per experiment
 * (model size, generator width, pre-training and fine-tuning hyper-parameters) with defaults from
 * google-research/electra, strict one-line errors for bad files, and a SHA-256 for provenance.
 */
package dev.electrabench.core.config;
