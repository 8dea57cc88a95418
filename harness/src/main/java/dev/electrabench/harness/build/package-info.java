/** What build is running: the version from the jar's manifest, recorded on every result row. */
package dev.electrabench.harness.build;
