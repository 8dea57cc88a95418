/** A real headless Chromium driven over the DevTools protocol, for testing report.html as a browser shows it. */
package dev.electrabench.harness.browser;
