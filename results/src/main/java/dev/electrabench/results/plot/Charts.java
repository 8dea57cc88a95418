package dev.electrabench.results.plot;

import dev.electrabench.core.io.AtomicFiles;
import java.awt.BasicStroke;
import java.awt.Color;
import java.nio.file.Path;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** What every plot of a report shares: size, style, colours, error bars, and writing SVG + PNG atomically. */
final class Charts {
    static final int WIDTH = 900;
    static final int HEIGHT = 540;

    /** Colour-blind-safe (Okabe–Ito); a model keeps its colour within one chart. */
    private static final Color[] PALETTE = {
        new Color(0x0072B2 | 0xD0000000, true), new Color(0xD55E00 | 0xD0000000, true), new Color(0x009E73 | 0xD0000000, true), new Color(0xCC79A7 | 0xD0000000, true),
        new Color(0xE69F00 | 0xD0000000, true), new Color(0x56B4E9 | 0xD0000000, true), new Color(0x000000 | 0xD0000000, true), new Color(0xF0E442 | 0xD0000000, true)};

    static {
        // plots are written on servers and in CI, where there is no display
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private Charts() {}

    static Color color(int i) {
        return PALETTE[Math.floorMod(i, PALETTE.length)];
    }

    static XYChart chart(String title, String xTitle, String yTitle) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        XYStyler styler = chart.getStyler();
        styler.setLegendPosition(Styler.LegendPosition.OutsideS);
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setMarkerSize(8);
        return chart;
    }

    /** A line with markers. */
    static XYSeries line(XYChart chart, String name, double[] x, double[] y, Color color) {
        XYSeries s = chart.addSeries(name, x, y);
        s.setMarker(SeriesMarkers.CIRCLE);
        s.setLineColor(color);
        s.setMarkerColor(color);
        return s;
    }

    /** A horizontal reference line across [x0, x1], dashed, named in the legend. */
    static XYSeries horizontal(XYChart chart, String name, double x0, double x1, double y, Color color, BasicStroke stroke) {
        XYSeries s = chart.addSeries(name, new double[] {x0, x1}, new double[] {y, y});
        s.setMarker(SeriesMarkers.NONE);
        s.setLineStyle(stroke);
        s.setLineColor(color);
        return s;
    }

    /**
     * A vertical error bar from {@code lo} to {@code hi} at {@code x}, in the series' colour and left out of
     * the legend (XChart's own error bars are symmetric; a seed range around the median is not).
     */
    static void errorBar(XYChart chart, String owner, int index, double x, double lo, double hi, Color color) {
        if (Double.isNaN(lo) || Double.isNaN(hi) || lo == hi) {
            return;
        }
        XYSeries s = chart.addSeries(owner + " \u2063range " + index, new double[] {x, x}, new double[] {lo, hi});
        s.setMarker(SeriesMarkers.NONE);
        s.setMarkerColor(color);
        s.setLineColor(color);
        s.setLineStyle(SeriesLines.SOLID);
        s.setShowInLegend(false);
    }

    static BasicStroke dashed() {
        return SeriesLines.DASH_DASH;
    }

    static BasicStroke dotted() {
        return SeriesLines.DOT_DOT;
    }

    /** Writes {@code chart} as {@code baseName}.svg and .png into {@code dir}. */
    static Figure write(XYChart chart, Path dir, String baseName) {
        Path svg = dir.resolve(baseName + ".svg");
        Path png = dir.resolve(baseName + ".png");
        AtomicFiles.write(svg, out -> VectorGraphicsEncoder.saveVectorGraphic(chart, out, VectorGraphicsEncoder.VectorGraphicsFormat.SVG));
        AtomicFiles.write(png, out -> BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG));
        return new Figure(baseName, chart.getTitle(), svg, png);
    }

    static String safeFileName(String name) {
        return name.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
