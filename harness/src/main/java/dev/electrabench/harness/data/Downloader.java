package dev.electrabench.harness.data;

import dev.electrabench.core.UserException;
import dev.electrabench.core.io.AtomicFiles;
import dev.electrabench.core.runtime.Progress;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Optional;

/**
 * Downloads one URL to one file: bytes go to {@code <target>.part}, an interrupted download is resumed
 * with an HTTP Range request, the sha256 is checked when known, and only a complete, verified file is
 * renamed to {@code target}. A checksum mismatch deletes the partial file.
 */
public final class Downloader {
    private final HttpClient client;
    private final PrintWriter log;
    private final PrintStream progress;

    public Downloader(PrintWriter log) {
        this(log, System.err);
    }

    /** @param progress where each download's progress bar goes (kB done of the Content-Length, B/s); null = nowhere */
    public Downloader(PrintWriter log, PrintStream progress) {
        this.client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(30))
                .build();
        this.log = log;
        this.progress = progress;
    }

    public static Path partFile(Path target) {
        return target.resolveSibling(target.getFileName() + ".part");
    }

    public void download(URI url, Path target, Optional<String> sha256) {
        Path part = partFile(target);
        try {
            Files.createDirectories(target.toAbsolutePath().getParent());
            fetchInto(url, part, true);
            if (sha256.isPresent()) {
                String actual = DataVerifier.sha256(part);
                if (!actual.equals(sha256.get())) {
                    Files.deleteIfExists(part);
                    throw UserException.in(target, "sha256 of the download from " + url + " is " + actual
                            + ", expected " + sha256.get() + "; the download was deleted");
                }
            }
            AtomicFiles.moveAtomically(part, target);
        } catch (IOException e) {
            throw UserException.in(target, "download from " + url + " failed: " + e
                    + (Files.exists(part) ? " (partial file kept in " + part.getFileName() + "; run fetch again to resume)" : ""));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw UserException.in(target, "download from " + url + " interrupted");
        }
    }

    private void fetchInto(URI url, Path part, boolean mayResume) throws IOException, InterruptedException {
        long have = Files.exists(part) ? Files.size(part) : 0;
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(Duration.ofMinutes(30)).GET();
        if (have > 0 && mayResume) {
            request.header("Range", "bytes=" + have + "-");
        }
        HttpResponse<InputStream> response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        int status = response.statusCode();
        try (InputStream body = response.body()) {
            if (status == 206) {
                String range = response.headers().firstValue("Content-Range").orElse("");
                if (!range.startsWith("bytes " + have + "-")) {
                    body.transferTo(OutputStream.nullOutputStream());
                    Files.deleteIfExists(part); // not the continuation we asked for: start over
                    fetchInto(url, part, false);
                    return;
                }
                log.println("  resuming " + url + " at byte " + have);
                log.flush();
                append(body, part, have, length(response), label(part));
            } else if (status == 200) {
                log.println("  downloading " + url);
                log.flush();
                append(body, part, 0, length(response), label(part)); // the whole file (no Range support)
            } else if (status == 416 && have > 0) {
                body.transferTo(OutputStream.nullOutputStream()); // nothing past what we have: the .part is complete
            } else {
                throw new IOException("HTTP " + status);
            }
        }
        log.flush();
    }

    private static long length(HttpResponse<?> response) {
        return response.headers().firstValueAsLong("Content-Length").orElse(-1);
    }

    private static String label(Path part) {
        return "download " + part.getFileName().toString().replaceFirst("\\.part$", "");
    }

    /**
     * Writes the body after the {@code have} bytes already in {@code part} (0: from the start), with a progress
     * bar counting kB of the whole file (unknown total without a Content-Length).
     */
    private void append(InputStream body, Path part, long have, long remaining, String label) throws IOException {
        long totalKb = remaining < 0 ? 0 : (have + remaining) / 1000;
        try (OutputStream out = Files.newOutputStream(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                have > 0 ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING);
             Progress bar = Progress.builder(label + " kB", totalKb).unit("B").out(progress).build()) {
            bar.resumeAt(have / 1000);
            long done = have;
            long shownKb = have / 1000;
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = body.read(buffer)) > 0; ) {
                out.write(buffer, 0, n);
                done += n;
                bar.advance(done / 1000 - shownKb, n);
                shownKb = done / 1000;
            }
        }
    }
}
