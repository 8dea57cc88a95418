package dev.electrabench.results.plot;

import static dev.electrabench.results.support.Rows.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.electrabench.results.leaderboard.Leaderboard;
import dev.electrabench.results.reference.PublishedResults;
import dev.electrabench.results.summary.ResultRow;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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
    void emptyLeaderboardStillWritesTheGlueChart() throws Exception {
        List<Path> files = EfficiencyPlot.write(Leaderboard.of(List.of()), dir);
        assertEquals(List.of(dir.resolve("efficiency.svg"), dir.resolve("efficiency.png")), files);
        parseWithoutDtd(files.get(0));
    }

    static Document parseWithoutDtd(Path svg) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false); // no network
        return f.newDocumentBuilder().parse(svg.toFile());
    }
}
