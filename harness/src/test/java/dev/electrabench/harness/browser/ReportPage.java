package dev.electrabench.harness.browser;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** report.html as Chromium renders it: console errors, and every {@code img.plot} with whether it decoded. */
public record ReportPage(List<String> errors, List<Plot> plots, List<String> sections, byte[] screenshotPng) {
    /** One plot image: its data-plot name, whether the browser decoded it, and its natural size. */
    public record Plot(String name, boolean decoded, int width, int height) {}

    static final String EXPRESSION = """
            (() => ({
              plots: [...document.querySelectorAll('img.plot')].map(i => ({
                name: i.dataset.plot, decoded: i.complete && i.naturalWidth > 0, width: i.naturalWidth, height: i.naturalHeight })),
              sections: [...document.querySelectorAll('h2')].map(h => h.id)
            }))()""";

    public static ReportPage load(HeadlessChromium chromium, Path html) throws IOException {
        HeadlessChromium.Page page = chromium.load(html, EXPRESSION);
        List<Plot> plots = new ArrayList<>();
        for (JsonNode p : page.evaluation().get("plots")) {
            plots.add(new Plot(p.get("name").asText(), p.get("decoded").asBoolean(), p.get("width").asInt(), p.get("height").asInt()));
        }
        List<String> sections = new ArrayList<>();
        page.evaluation().get("sections").forEach(s -> sections.add(s.asText()));
        return new ReportPage(page.errors(), plots, sections, page.screenshotPng());
    }
}
