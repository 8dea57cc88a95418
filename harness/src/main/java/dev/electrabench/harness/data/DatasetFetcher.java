package dev.electrabench.harness.data;

import dev.electrabench.core.UserException;
import dev.electrabench.core.io.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Fetches datasets into a data dir, either from their official locations (unpacking GLUE zips and
 * building MRPC as GLUE does) or from a mirror: a server whose paths are the data-dir layout
 * ({@code <base>/glue/CoLA/train.tsv}). Files already present and valid are left alone. Every fetched
 * file is checked like {@code verify} does; a corrupt one is deleted and reported.
 */
public final class DatasetFetcher {
    /** Scratch folder under the data dir for archives being downloaded (resumable .part files live here). */
    public static final String DOWNLOADS = ".downloads";

    private final Path dataDir;
    private final Optional<URI> mirror;
    private final UnaryOperator<URI> official;
    private final Downloader downloader;
    private final PrintWriter log;

    /**
     * @param mirror   base URL of a mirror of a data dir; empty = the official locations
     * @param official maps an official URL to where it is actually fetched from (identity in use; tests
     *                 point it at a local server)
     */
    public DatasetFetcher(Path dataDir, Optional<URI> mirror, UnaryOperator<URI> official, PrintWriter log) {
        this(dataDir, mirror, official, log, System.err);
    }

    /** @param progress where download progress goes (null: nowhere, for --quiet) */
    public DatasetFetcher(Path dataDir, Optional<URI> mirror, UnaryOperator<URI> official, PrintWriter log,
                          java.io.PrintStream progress) {
        this.dataDir = dataDir;
        this.mirror = mirror.map(DatasetFetcher::asDirectory);
        this.official = official;
        this.downloader = new Downloader(log, progress);
        this.log = log;
    }

    /** Fetches what is missing of {@code dataset}; returns the state of each of its files afterwards. */
    public List<FileStatus> fetch(Dataset dataset) {
        if (dataset.source() instanceof Source.Manual manual && (mirror.isEmpty() || !manual.mirrorable())) {
            throw new UserException(dataset.name() + " cannot be downloaded by electra-bench: " + manual.howToObtain());
        }
        List<DataFile> needed = new ArrayList<>();
        for (DataFile f : dataset.files()) {
            FileStatus s = DataVerifier.check(dataDir, dataset, f);
            if (s.state() == FileStatus.State.OK || s.state() == FileStatus.State.DIFFERS) {
                log.println("  present  " + f.path());
            } else {
                needed.add(f);
            }
        }
        if (!needed.isEmpty()) {
            if (mirror.isPresent()) {
                for (DataFile f : needed) {
                    downloader.download(mirror.get().resolve(f.path()), target(f), officialSha(f));
                }
            } else {
                fetchOfficial(dataset, needed);
            }
        }
        List<FileStatus> after = new ArrayList<>();
        for (DataFile f : dataset.files()) {
            FileStatus s = DataVerifier.check(dataDir, dataset, f);
            if (needed.contains(f) && s.state() == FileStatus.State.CORRUPT) {
                delete(target(f));
                throw UserException.in(target(f), "fetched file is corrupt (" + s.detail() + "); deleted");
            }
            after.add(s);
        }
        log.flush();
        return after;
    }

    private void fetchOfficial(Dataset dataset, List<DataFile> needed) {
        Source source = dataset.source();
        if (source instanceof Source.Direct direct) {
            for (DataFile f : needed) {
                downloader.download(official.apply(direct.urls().get(f.path())), target(f), officialSha(f));
            }
        } else if (source instanceof Source.Zip zip) {
            unpack(zip, needed, download(zip.url()));
        } else if (source instanceof Source.Mrpc mrpc) {
            MrpcBuilder.build(download(mrpc.train()), download(mrpc.test()), download(mrpc.devIds()), dataDir.resolve("glue/MRPC"));
        } else {
            throw new IllegalStateException("manual sources are handled in fetch");
        }
    }

    /** Downloads an intermediate file (archive, raw MRPC text) into the scratch folder. */
    private Path download(URI url) {
        String name = url.getPath().substring(url.getPath().lastIndexOf('/') + 1).replace("%2F", "_");
        Path file = dataDir.resolve(DOWNLOADS).resolve(name.replaceAll("[^A-Za-z0-9._-]", "_"));
        downloader.download(official.apply(url), file, Optional.empty());
        return file;
    }

    private void unpack(Source.Zip zip, List<DataFile> needed, Path archive) {
        String prefix = zip.unpackInto() + "/";
        try (ZipFile z = new ZipFile(archive.toFile())) {
            for (DataFile f : needed) {
                if (!f.path().startsWith(prefix)) {
                    throw new IllegalStateException(f.path() + " is not under " + prefix);
                }
                String member = f.path().substring(prefix.length());
                ZipEntry entry = find(z, member);
                if (entry == null) {
                    throw UserException.in(archive, "the archive from " + zip.url() + " has no member " + member);
                }
                log.println("  unpacking " + member);
                try (InputStream in = z.getInputStream(entry)) {
                    AtomicFiles.write(target(f), in::transferTo);
                }
            }
        } catch (java.util.zip.ZipException e) {
            delete(archive);
            throw UserException.in(archive, "not a valid zip archive (" + e.getMessage() + "); deleted, run fetch again");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        delete(archive); // unpacked: the archive is no longer needed
    }

    /** The member at exactly {@code name}, or else one nested one folder deeper. */
    private static ZipEntry find(ZipFile z, String name) {
        ZipEntry exact = z.getEntry(name);
        if (exact != null) {
            return exact;
        }
        for (Enumeration<? extends ZipEntry> e = z.entries(); e.hasMoreElements(); ) {
            ZipEntry entry = e.nextElement();
            if (entry.getName().endsWith("/" + name) && !entry.getName().startsWith("__MACOSX/")) {
                return entry;
            }
        }
        return null;
    }

    private Path target(DataFile f) {
        return dataDir.resolve(f.path());
    }

    /** Only official checksums are enforced while downloading: other valid copies may differ in bytes. */
    private static Optional<String> officialSha(DataFile f) {
        return f.officialSha256() ? f.sha256() : Optional.empty();
    }

    private static URI asDirectory(URI base) {
        String s = base.toString();
        return URI.create(s.endsWith("/") ? s : s + "/");
    }

    private static void delete(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
