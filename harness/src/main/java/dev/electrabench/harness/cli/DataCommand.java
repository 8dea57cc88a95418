package dev.electrabench.harness.cli;

import dev.electrabench.core.UserException;
import dev.electrabench.core.runtime.DataDir;
import dev.electrabench.harness.data.DataFile;
import dev.electrabench.harness.data.DataVerifier;
import dev.electrabench.harness.data.Dataset;
import dev.electrabench.harness.data.DatasetCatalog;
import dev.electrabench.harness.data.DatasetFetcher;
import dev.electrabench.harness.data.FileStatus;
import dev.electrabench.harness.data.Source;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/** {@code electra-bench data list | verify | fetch}: the datasets the harness knows, checked and downloaded. */
@Command(name = "data", mixinStandardHelpOptions = true,
        showDefaultValues = true,
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {"0:done", "1:internal error (a bug: please report the stack trace)", "2:bad input or usage: one line naming the file (and line) and the problem"},
        description = "List, verify and fetch the datasets electra-bench uses.",
        subcommands = {DataCommand.ListDatasets.class, DataCommand.Verify.class, DataCommand.Fetch.class})
public final class DataCommand implements Runnable {
    /** Env var naming a mirror of a data dir, used by {@code fetch} when --base-url is not given. */
    public static final String FETCH_BASE_ENV = "ELECTRA_BENCH_FETCH_BASE";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
        showDefaultValues = true,
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {"0:done", "1:internal error (a bug: please report the stack trace)", "2:bad input or usage: one line naming the file (and line) and the problem"},
            description = "Show every dataset: files (relative to the data dir), row counts, checksums, where it comes from.")
    static final class ListDatasets implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            for (Dataset d : DatasetCatalog.all()) {
                out.println(d.name() + " - " + d.title());
                out.println("    from: " + describe(d.source()));
                out.println("    licence: " + d.licence());
                int width = d.files().stream().mapToInt(f -> f.path().length()).max().orElse(0);
                for (DataFile f : d.files()) {
                    String sha = f.sha256().map(s -> "sha256 " + s.substring(0, 12) + "…" + (f.officialSha256() ? " (official)" : " (reference copy)")).orElse("sha256 unknown");
                    out.println("    " + f.path() + " ".repeat(width - f.path().length()) + "  " + f.describeRows() + ", " + sha);
                }
            }
            out.println();
            out.println("Row counts marked unverified are published figures not checked on a copy here; verify checks only the others.");
            out.flush();
            return 0;
        }

        private static String describe(Source source) {
            if (source instanceof Source.Zip zip) {
                return zip.url() + " (zip, unpacked into " + zip.unpackInto() + "/)";
            }
            if (source instanceof Source.Direct direct) {
                return String.join(", ", direct.urls().values().stream().map(URI::toString).toList());
            }
            if (source instanceof Source.Mrpc mrpc) {
                return mrpc.train() + " + " + mrpc.test() + " + GLUE dev ids, split as download_glue_data.py does";
            }
            Source.Manual manual = (Source.Manual) source;
            return "not downloadable" + (manual.mirrorable() ? " (except from a mirror, --base-url)" : "") + ": " + manual.howToObtain();
        }
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
        showDefaultValues = true,
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {"0:done", "1:internal error (a bug: please report the stack trace)", "2:bad input or usage: one line naming the file (and line) and the problem"},
            description = {"Check a data dir: presence, format, row counts, sha256 where known.",
                "Missing datasets are reported but not fatal. Exit 0 when every present file is valid, 1 when one is corrupt."})
    static final class Verify implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--data-dir", paramLabel = "D", description = "Data dir (default: env ELECTRA_BENCH_DATA, else ../shared/data).")
        Path dataDir;

        @Parameters(arity = "0..*", paramLabel = "NAME", description = "Datasets to check (default: all).")
        List<String> names = new ArrayList<>();

        @Override
        public Integer call() {
            Path dir = DataDir.resolve(dataDir);
            if (!java.nio.file.Files.isDirectory(dir)) {
                throw UserException.in(dir, "data dir does not exist");
            }
            PrintWriter out = spec.commandLine().getOut();
            out.println("data dir: " + dir.toAbsolutePath());
            List<FileStatus> statuses = DataVerifier.verify(dir, datasets(names));
            Map<FileStatus.State, Integer> counts = new EnumMap<>(FileStatus.State.class);
            Set<Dataset> missingManual = new LinkedHashSet<>();
            int width = statuses.stream().mapToInt(s -> s.file().path().length()).max().orElse(0);
            for (FileStatus s : statuses) {
                counts.merge(s.state(), 1, Integer::sum);
                out.printf("%-8s %-" + width + "s  %s%n", s.state().label(), s.file().path(), s.detail());
                if (s.state() == FileStatus.State.MISSING && s.dataset().source() instanceof Source.Manual) {
                    missingManual.add(s.dataset());
                }
            }
            for (Dataset d : missingManual) {
                out.println("note: " + d.name() + ": " + ((Source.Manual) d.source()).howToObtain());
            }
            List<String> parts = new ArrayList<>();
            counts.forEach((state, n) -> parts.add(n + " " + state.label().toLowerCase(java.util.Locale.ROOT)));
            boolean corrupt = counts.containsKey(FileStatus.State.CORRUPT);
            out.println((corrupt ? "FAILED: " : "ok: ") + String.join(", ", parts)
                    + (counts.containsKey(FileStatus.State.MISSING) ? " (missing files are not an error; fetch them with: electra-bench data fetch NAME)" : ""));
            out.flush();
            return corrupt ? 1 : 0;
        }
    }

    @Command(name = "fetch", mixinStandardHelpOptions = true,
        showDefaultValues = true,
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {"0:done", "1:internal error (a bug: please report the stack trace)", "2:bad input or usage: one line naming the file (and line) and the problem"},
            description = {"Download datasets into the data dir (resumable, checksummed where known, atomic).",
                "NAME: a dataset from 'data list', or 'glue' for every GLUE task."})
    static final class Fetch implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(arity = "1..*", paramLabel = "NAME", description = "Datasets to fetch (see 'data list'; 'glue' = every GLUE task).")
        List<String> names;

        @Option(names = "--data-dir", paramLabel = "D", description = "Data dir (default: env ELECTRA_BENCH_DATA, else ../shared/data).")
        Path dataDir;

        @Option(names = "--base-url", paramLabel = "URL",
                description = "Fetch from a mirror whose paths are the data-dir layout (<URL>/glue/CoLA/train.tsv) instead of the official locations (default: env " + FETCH_BASE_ENV + ").")
        URI baseUrl;

        @CommandLine.Mixin
        QuietOption quiet;

        @Override
        public Integer call() {
            Optional<URI> mirror = Optional.ofNullable(baseUrl).or(() -> Optional.ofNullable(System.getenv(FETCH_BASE_ENV))
                    .filter(s -> !s.isBlank()).map(URI::create));
            Path dir = DataDir.resolve(dataDir);
            PrintWriter out = spec.commandLine().getOut();
            DatasetFetcher fetcher = new DatasetFetcher(dir, mirror, UnaryOperator.identity(), out, quiet.progress());
            for (Dataset d : datasets(names)) {
                out.println(d.name() + ": fetching into " + dir.toAbsolutePath() + mirror.map(m -> " from mirror " + m).orElse(""));
                for (FileStatus s : fetcher.fetch(d)) {
                    out.printf("  %-8s %s  %s%n", s.state().label(), s.file().path(), s.detail());
                }
            }
            out.flush();
            return 0;
        }
    }

    /** Datasets by name ("glue" = every GLUE task); all of them for an empty list. */
    static List<Dataset> datasets(List<String> names) {
        if (names.isEmpty()) {
            return DatasetCatalog.all();
        }
        Set<Dataset> chosen = new LinkedHashSet<>();
        for (String name : names) {
            if (name.equals("glue")) {
                DatasetCatalog.all().stream().filter(d -> d.files().get(0).path().startsWith("glue/")).forEach(chosen::add);
            } else {
                chosen.add(DatasetCatalog.find(name).orElseThrow(() -> new UserException(
                        "unknown dataset '" + name + "'; known: glue, " + String.join(", ", DatasetCatalog.names()))));
            }
        }
        return List.copyOf(chosen);
    }
}
