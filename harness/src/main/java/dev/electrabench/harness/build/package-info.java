/** What {@code --version} prints: the jar's version, the build's git commit (core's BuildInfo), ND4J and Java. */
package dev.electrabench.harness.build;
