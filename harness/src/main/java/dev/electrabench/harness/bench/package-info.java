/**
 * JMH micro-benchmarks of the harness's hot paths, run from the shaded jar:
 * {@code java -cp harness/target/electra-bench.jar org.openjdk.jmh.Main <Benchmark>}.
 */
package dev.electrabench.harness.bench;
