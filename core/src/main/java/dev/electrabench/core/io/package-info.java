/** Atomic file output (write to a hidden temp file, then rename) for every file a run writes. */
package dev.electrabench.core.io;
