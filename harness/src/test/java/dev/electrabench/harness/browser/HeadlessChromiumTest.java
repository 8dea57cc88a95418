package dev.electrabench.harness.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The browser check itself must be able to fail: a console error, an exception and a broken plot are caught. */
class HeadlessChromiumTest {
    @TempDir
    Path dir;

    @Test
    void catchesConsoleErrorsExceptionsAndBrokenPlots() throws Exception {
        BufferedImage img = new BufferedImage(30, 20, BufferedImage.TYPE_INT_RGB);
        java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
        ImageIO.write(img, "png", png);
        String good = Base64.getEncoder().encodeToString(png.toByteArray());
        Path bad = dir.resolve("bad.html");
        Files.writeString(bad, "<!DOCTYPE html><html><head><title>t</title></head><body><h2 id=\"plots\">Plots</h2>"
                + "<img class=\"plot\" data-plot=\"good\" src=\"data:image/png;base64," + good + "\">"
                + "<img class=\"plot\" data-plot=\"broken\" src=\"data:image/png;base64,AAAA\">"
                + "<script>console.error('boom'); undefinedFunction();</script></body></html>");
        Path clean = dir.resolve("clean.html");
        Files.writeString(clean, "<!DOCTYPE html><html><head><title>t</title></head><body><h2 id=\"plots\">Plots</h2>"
                + "<img class=\"plot\" data-plot=\"good\" src=\"data:image/png;base64," + good + "\"></body></html>");
        try (HeadlessChromium chromium = HeadlessChromium.start()) {
            ReportPage page = ReportPage.load(chromium, bad);
            assertTrue(page.errors().stream().anyMatch(e -> e.equals("console.error: boom")), page.errors().toString());
            assertTrue(page.errors().stream().anyMatch(e -> e.contains("undefinedFunction")), page.errors().toString());
            assertEquals(List.of(new ReportPage.Plot("good", true, 30, 20), new ReportPage.Plot("broken", false, 0, 0)), page.plots());

            ReportPage ok = ReportPage.load(chromium, clean);
            assertEquals(List.of(), ok.errors());
            assertEquals(List.of("plots"), ok.sections());
            BufferedImage shot = ImageIO.read(new ByteArrayInputStream(ok.screenshotPng()));
            assertTrue(shot.getWidth() >= 30 && shot.getHeight() >= 20, shot.getWidth() + "x" + shot.getHeight());
            assertFalse(ok.plots().isEmpty());
        }
    }
}
