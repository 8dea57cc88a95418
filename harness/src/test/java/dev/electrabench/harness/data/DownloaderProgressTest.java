package dev.electrabench.harness.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.electrabench.harness.cli.LocalHttpServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A download shows its progress in kB of the whole file, a resumed one from where it resumed; --quiet shows none. */
class DownloaderProgressTest {
    @TempDir
    Path dir;

    private static byte[] body() {
        byte[] b = new byte[300_000];
        new Random(7).nextBytes(b);
        return b;
    }

    @Test
    void progressCountsTheWholeFileAndAResumeStartsWhereItWas() throws Exception {
        byte[] body = body();
        Path served = Files.createDirectories(dir.resolve("srv"));
        Files.write(served.resolve("big.bin"), body);
        ByteArrayOutputStream bar = new ByteArrayOutputStream();
        try (LocalHttpServer server = LocalHttpServer.serving(served, true)) {
            Path target = dir.resolve("out/big.bin");
            new Downloader(new PrintWriter(new StringWriter()), new PrintStream(bar, true, StandardCharsets.UTF_8))
                    .download(server.baseUri().resolve("big.bin"), target, Optional.empty());
            assertArrayEquals(body, Files.readAllBytes(target));
            List<String> lines = bar.toString(StandardCharsets.UTF_8).lines().toList();
            assertFalse(bar.toString(StandardCharsets.UTF_8).contains("\r"), "not a terminal: plain lines");
            assertTrue(lines.size() >= 3, lines.toString()); // every 10% at most, the last line at 100%
            assertTrue(lines.get(lines.size() - 1).startsWith("download big.bin kB 300/300 100.0% "), lines.toString());
            assertTrue(lines.get(lines.size() - 1).contains("B/s"), lines.toString());

            // a .part holding the first 100 kB: the bar starts at 100/300
            Path again = dir.resolve("again/big.bin");
            Files.createDirectories(again.getParent());
            Files.write(Downloader.partFile(again), Arrays.copyOf(body, 100_000));
            bar.reset();
            new Downloader(new PrintWriter(new StringWriter()), new PrintStream(bar, true, StandardCharsets.UTF_8))
                    .download(server.baseUri().resolve("big.bin"), again, Optional.empty());
            assertArrayEquals(body, Files.readAllBytes(again));
            String resumed = bar.toString(StandardCharsets.UTF_8);
            assertTrue(resumed.lines().allMatch(l -> !l.matches("download big.bin kB [1-9]?[0-9]/300 .*")), resumed);
            assertTrue(resumed.contains("download big.bin kB 300/300 100.0%"), resumed);
            assertEquals(200_000L, server.bytesSent.get("/big.bin") - 300_000L, "only the rest was sent");

            // quiet: no bar at all
            Path quiet = dir.resolve("quiet/big.bin");
            new Downloader(new PrintWriter(new StringWriter()), null).download(server.baseUri().resolve("big.bin"), quiet, Optional.empty());
            assertArrayEquals(body, Files.readAllBytes(quiet));
        }
    }
}
