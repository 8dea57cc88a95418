/**
 * The process around the model: ND4J backend detection and description, the engine-or-graph choice
 * ({@link dev.electrabench.core.runtime.EngineChoice}), GPU support checks, the sgemm
 * ceiling probe, the data directory, the build's git commit ({@link dev.electrabench.core.runtime.BuildInfo}), and
 * console progress with rate and ETA.
 */
package dev.electrabench.core.runtime;
