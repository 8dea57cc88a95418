package dev.electrabench.harness.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.electrabench.core.UserException;
import dev.electrabench.core.runtime.DataDir;
import dev.electrabench.harness.cli.LocalHttpServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fetching from the official locations, with a local server standing in for their hosts. */
class DatasetFetcherTest {
    private static final Path SHARED = DataDir.resolve();

    @TempDir
    Path dir;

    /** https://host/path?q becomes <server>/host/path?q. */
    private static UnaryOperator<URI> via(LocalHttpServer server) {
        return u -> URI.create(server.baseUri() + u.getHost() + u.getRawPath() + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery()));
    }

    private DatasetFetcher fetcher(LocalHttpServer server) {
        return new DatasetFetcher(dir, Optional.empty(), via(server), new PrintWriter(new StringWriter()));
    }

    @Test
    void glueZipIsUnpackedIntoTheDataDirLayout() throws Exception {
        // an archive shaped like the official CoLA.zip: top folder CoLA/, plus files we do not use
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(zip)) {
            for (String f : List.of("train.tsv", "dev.tsv", "test.tsv")) {
                z.putNextEntry(new ZipEntry("CoLA/" + f));
                z.write(Files.readAllBytes(SHARED.resolve("glue/CoLA/" + f)));
            }
            z.putNextEntry(new ZipEntry("CoLA/original/raw/in_domain_train.tsv"));
            z.write("unused\n".getBytes(StandardCharsets.UTF_8));
        }
        try (LocalHttpServer server = LocalHttpServer.serving(Map.of("/dl.fbaipublicfiles.com/glue/data/CoLA.zip", zip.toByteArray()))) {
            List<FileStatus> statuses = fetcher(server).fetch(DatasetCatalog.find("cola").orElseThrow());
            assertTrue(statuses.stream().allMatch(s -> s.state() == FileStatus.State.OK), statuses.toString());
        }
        for (String f : List.of("train.tsv", "dev.tsv", "test.tsv")) {
            assertArrayEquals(Files.readAllBytes(SHARED.resolve("glue/CoLA/" + f)), Files.readAllBytes(dir.resolve("glue/CoLA/" + f)));
        }
        assertFalse(Files.exists(dir.resolve("glue/CoLA/original")));
        assertFalse(Files.exists(dir.resolve(DatasetFetcher.DOWNLOADS).resolve("CoLA.zip")));
    }

    @Test
    void brokenZipIsReportedAndDeleted() throws Exception {
        try (LocalHttpServer server = LocalHttpServer.serving(Map.of("/dl.fbaipublicfiles.com/glue/data/RTE.zip", "not a zip".getBytes(StandardCharsets.UTF_8)))) {
            UserException e = assertThrows(UserException.class, () -> fetcher(server).fetch(DatasetCatalog.find("rte").orElseThrow()));
            assertTrue(e.getMessage().contains("not a valid zip"), e.getMessage());
        }
        assertFalse(Files.exists(dir.resolve(DatasetFetcher.DOWNLOADS).resolve("RTE.zip")));
        assertFalse(Files.exists(dir.resolve("glue/RTE/train.tsv")));
    }

    @Test
    void mrpcIsBuiltLikeDownloadGlueDataPy() throws Exception {
        // Rebuild the raw Microsoft files from the GLUE files in shared/data: msr_paraphrase_train.txt is
        // train (with its header) followed by dev; the dev id list names the dev pairs; the test file has
        // a quality column where GLUE has an index. Splitting them again must give back the same bytes,
        // whose sha256 SOURCES.md records.
        List<String> train = Files.readAllLines(SHARED.resolve("glue/MRPC/train.tsv"), StandardCharsets.UTF_8);
        List<String> dev = Files.readAllLines(SHARED.resolve("glue/MRPC/dev.tsv"), StandardCharsets.UTF_8);
        List<String> test = Files.readAllLines(SHARED.resolve("glue/MRPC/test.tsv"), StandardCharsets.UTF_8);
        StringBuilder msrTrain = new StringBuilder();
        train.forEach(l -> msrTrain.append(l).append("\r\n")); // the Microsoft files have CRLF line ends
        StringBuilder ids = new StringBuilder();
        for (String l : dev.subList(1, dev.size())) {
            msrTrain.append(l).append("\r\n");
            String[] f = l.split("\t");
            ids.append(f[1]).append('\t').append(f[2]).append('\n');
        }
        StringBuilder msrTest = new StringBuilder("\uFEFFQuality\t#1 ID\t#2 ID\t#1 String\t#2 String\r\n");
        for (String l : test.subList(1, test.size())) {
            msrTest.append("1").append(l.substring(l.indexOf('\t'))).append("\r\n");
        }
        Map<String, byte[]> files = new HashMap<>();
        files.put("/dl.fbaipublicfiles.com/senteval/senteval_data/msr_paraphrase_train.txt", msrTrain.toString().getBytes(StandardCharsets.UTF_8));
        files.put("/dl.fbaipublicfiles.com/senteval/senteval_data/msr_paraphrase_test.txt", msrTest.toString().getBytes(StandardCharsets.UTF_8));
        files.put("/firebasestorage.googleapis.com/v0/b/mtl-sentence-representations.appspot.com/o/data/mrpc_dev_ids.tsv", ids.toString().getBytes(StandardCharsets.UTF_8));
        try (LocalHttpServer server = LocalHttpServer.serving(files)) {
            List<FileStatus> statuses = fetcher(server).fetch(DatasetCatalog.find("mrpc").orElseThrow());
            for (FileStatus s : statuses) {
                assertEquals(FileStatus.State.OK, s.state(), s.toString());
                assertTrue(s.detail().endsWith("sha256 ok"), s.toString());
            }
        }
        assertEquals(0, Files.list(dir.resolve(DatasetFetcher.DOWNLOADS)).count(), "raw files removed");
    }
}
