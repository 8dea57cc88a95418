package dev.electrabench.results.plot;

import static dev.electrabench.results.support.Rows.row;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.electrabench.results.leaderboard.Leaderboard;
import dev.electrabench.results.leaderboard.TaskMetric;
import dev.electrabench.results.reference.PublishedResults;
import dev.electrabench.results.summary.ResultRow;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class EfficiencyPlotTest {
    @TempDir
    Path dir;

    /** Two models at 3 fractions, a no-pre-training control, one published reference: 4 series. */
    private static List<ResultRow> rows() {
        List<ResultRow> rows = new ArrayList<>();
        for (double fraction : new double[] {0.25, 0.5, 1.0}) {
            rows.add(row("ELECTRA-Tiny", fraction, 4e12 * fraction, "cola", "mcc", 1, 10 * fraction));
            rows.add(row("ELECTRA-Tiny", fraction, 4e12 * fraction, "sst2", "accuracy", 1, 60 + 10 * fraction));
            rows.add(row("BERT-Tiny", fraction, 3e12 * fraction, "cola", "mcc", 1, 5 * fraction));
            rows.add(row("BERT-Tiny", fraction, 3e12 * fraction, "sst2", "accuracy", 1, 55 + 10 * fraction));
        }
        rows.add(row("BERT-Tiny", 0, 0, "cola", "mcc", 1, 0));
        rows.add(row("BERT-Tiny", 0, 0, "sst2", "accuracy", 1, 50));
        rows.addAll(PublishedResults.electraSmallOwt());
        return rows;
    }

    @Test
    void writesGlueAndPerTaskChartsAsSvgAndPng() throws Exception {
        List<Path> files = EfficiencyPlot.write(Leaderboard.of(rows()), dir);
        // GLUE + the two measured tasks, each .svg and .png; the reference's other tasks get no chart
        assertEquals(6, files.size());
        assertTrue(files.contains(dir.resolve("efficiency.svg")));
        assertTrue(files.contains(dir.resolve("efficiency.png")));
        assertTrue(files.contains(dir.resolve("efficiency-cola.svg")));
        for (Path f : files) {
            assertTrue(Files.size(f) > 1000, f + " is (nearly) empty");
        }
        BufferedImage png = ImageIO.read(dir.resolve("efficiency.png").toFile());
        assertEquals(900, png.getWidth());
        assertEquals(540, png.getHeight());
        assertEquals("true", System.getProperty("java.awt.headless"));
    }

    @Test
    void svgIsXmlWithOneColourPerSeries() throws Exception {
        EfficiencyPlot.write(Leaderboard.of(rows()), dir);
        Document svg = parseWithoutDtd(dir.resolve("efficiency.svg"));
        assertEquals("svg", svg.getDocumentElement().getNodeName());
        // XChart draws text as outlines, so legend entries cannot be read back as text; each series has
        // its own semi-transparent colour instead (axes, grid and text are opaque greys/black)
        Set<String> seriesColours = new TreeSet<>();
        NodeList paths = svg.getElementsByTagName("*"); // lines are <line>, markers <path>/<ellipse>
        Pattern translucent = Pattern.compile("(?:fill|stroke):(rgb\\([0-9,]+\\));(?:fill|stroke)-opacity");
        for (int i = 0; i < paths.getLength(); i++) {
            Matcher m = translucent.matcher(((Element) paths.item(i)).getAttribute("style"));
            if (m.find()) {
                seriesColours.add(m.group(1));
            }
        }
        assertEquals(4, seriesColours.size(), "ELECTRA-Tiny, BERT-Tiny, BERT-Tiny (no pre-training), reference: " + seriesColours);
    }

    @Test
    void noChartForWhatOnlyReferencesHave() throws Exception {
        List<ResultRow> rows = new ArrayList<>(List.of(row("E", 1.0, 1e11, "conll2003", "f1", 1, 19.2)));
        rows.addAll(PublishedResults.all());
        List<Path> files = EfficiencyPlot.write(Leaderboard.of(rows), dir);
        // no measured GLUE task: no GLUE chart with two lonely published diamonds
        assertEquals(List.of(dir.resolve("efficiency-conll2003.svg"), dir.resolve("efficiency-conll2003.png")), files);
        parseWithoutDtd(files.get(0));
        assertTrue(EfficiencyPlot.write(Leaderboard.of(List.of()), dir).isEmpty());
    }

    @Test
    void everyPointHasABarFromTheSeedMinimumToTheMaximum() {
        List<ResultRow> rows = new ArrayList<>();
        double[] electra = {18.2, 19.2, 19.2};
        double[] bert = {17.7, 18.7, 20.3};
        double[] none = {18.8, 20.2, 21.3};
        for (int s = 0; s < 3; s++) {
            rows.add(row("electra", 1.0, 9.4e10, "conll2003", "f1", s + 1, electra[s]));
            rows.add(row("bert", 1.0, 9.0e10, "conll2003", "f1", s + 1, bert[s]));
            rows.add(row("none", 0, 0, "conll2003", "f1", s + 1, none[s]));
        }
        XYChart chart = EfficiencyPlot.taskChart(Leaderboard.of(rows), new TaskMetric("conll2003", "f1"));
        Map<String, XYSeries> series = chart.getSeriesMap();
        Set<String> ranges = new TreeSet<>();
        for (XYSeries s : series.values()) {
            if (!s.isShowInLegend()) {
                ranges.add(Arrays.toString(s.getXData()) + Arrays.toString(s.getYData()));
            }
        }
        // bars at each model's FLOPs from its seed min to max; the control's range as two lines across the plot
        assertEquals(new TreeSet<>(Set.of(
                "[9.4E10, 9.4E10][18.2, 19.2]", "[9.0E10, 9.0E10][17.7, 20.3]",
                "[1.0E10, 1.0E11][18.8, 18.8]", "[1.0E10, 1.0E11][21.3, 21.3]")), ranges);
        assertArrayEquals(new double[] {19.2}, series.get("electra").getYData()); // median
        assertArrayEquals(new double[] {20.2, 20.2}, series.get("none (no pre-training)").getYData());
    }

    static Document parseWithoutDtd(Path svg) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false); // no network
        return f.newDocumentBuilder().parse(svg.toFile());
    }
}
