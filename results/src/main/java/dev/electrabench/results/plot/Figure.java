package dev.electrabench.results.plot;

import java.nio.file.Path;

/**
 * One plot written as SVG and PNG.
 *
 * @param baseName file name without extension ("efficiency-conll2003")
 * @param title    what it shows, for captions
 * @param svg      the SVG file
 * @param png      the PNG file (what report.html embeds: XChart's SVG text is outlines, several hundred KB)
 */
public record Figure(String baseName, String title, Path svg, Path png) {}
