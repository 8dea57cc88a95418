package dev.electrabench.harness.compare;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.electrabench.core.UserException;
import dev.electrabench.core.io.AtomicFiles;
import dev.electrabench.harness.slurm.SlurmCli;
import dev.electrabench.harness.slurm.SlurmSettings;
import dev.electrabench.harness.slurm.SlurmSettings.JobKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code compare --executor slurm}: the comparison as a graph of Slurm jobs on the run folder, which every node
 * must see. One job per pre-training, one per fine-tuning cell (after its checkpoint's pre-training:
 * {@code --dependency=afterok}), one report job after every cell. Each job runs this same program on its
 * share ({@code compare --job NAME}); a pre-training leaves {@code done.json}, a cell its
 * {@code run-ledger.json} and the report {@code slurm/report-done.json}, each written last and atomically, so
 * a unit with its marker is done whatever Slurm says. {@code slurm/jobs.json} records every unit's jobs and
 * log, for {@link #status}, {@link #cancel} and a resume, which submits only the units that are neither done
 * nor queued or running (and what depends on them).
 */
public final class SlurmGrid {
    /** The Slurm executor's folder inside the run folder: jobs.json, the batch scripts, the logs. */
    public static final String DIR = "slurm";
    static final String JOBS = "jobs.json";
    static final String REPORT_DONE = "report-done.json";
    static final String REPORT = "report";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** File systems that are normally one machine's own (a multi-node partition cannot share them). */
    private static final Set<String> LOCAL_FS = Set.of("ext2", "ext3", "ext4", "xfs", "btrfs", "tmpfs", "overlay", "zfs",
            "f2fs", "vfat", "ramfs");

    /** One unit of work and its jobs, as jobs.json records it. */
    public record Unit(String name, String kind, String marker, String log, List<String> jobs) {
        String latestJob() {
            return jobs.isEmpty() ? null : jobs.get(jobs.size() - 1);
        }

        Path logOf(Path out, String job) {
            return out.resolve(log.replace("%j", job));
        }
    }

    /** jobs.json. */
    public record Ledger(List<Unit> units) {}

    /**
     * A unit of work of the graph: its name (what {@code --job} gets), kind, done-marker, and the units whose
     * jobs it waits for.
     */
    public record Step(String name, JobKind kind, Path marker, List<String> after) {}

    /** What a grid runs: {@code compare}'s run or {@code evaluate}'s. */
    public interface Work {
        /** Every unit, each after the units it waits for. */
        List<Step> steps();

        /** Whether a fine-tuning cell has its result for the current inputs ({@code modelShas}: a cache for one pass). */
        boolean cellDone(Step cell, Map<Path, String> modelShas);

        /** The program's arguments that run the unit as a job (e.g. {@code compare --config ... --job NAME}). */
        List<String> jobArguments(String unit);
    }

    /** {@code compare}'s run as Slurm work: pre-trainings, then their cells, then the report. */
    public static Work comparison(EfficiencyComparison comparison, Path configFile, Path out, Path dataDir) {
        Path outDir = out.toAbsolutePath().normalize();
        return new Work() {
            @Override
            public List<Step> steps() {
                List<Step> units = new ArrayList<>();
                for (String model : comparison.pretrainedModels()) {
                    units.add(new Step("pretrain:" + model, JobKind.PRETRAIN, comparison.pretrainDone(model), List.of()));
                }
                List<String> cells = new ArrayList<>();
                for (EfficiencyComparison.Cell c : comparison.cells()) {
                    String name = "cell:" + c.id();
                    cells.add(name);
                    units.add(new Step(name, JobKind.FINETUNE, comparison.cellDir(c).resolve(FineTuningGrid.LEDGER),
                            c.model().equals("none") ? List.of() : List.of("pretrain:" + c.model())));
                }
                units.add(new Step(REPORT, JobKind.REPORT, reportMarker(outDir), cells));
                return units;
            }

            @Override
            public boolean cellDone(Step cell, Map<Path, String> modelShas) {
                return comparison.cellDone(EfficiencyComparison.Cell.parse(cell.name().substring("cell:".length())), modelShas);
            }

            @Override
            public List<String> jobArguments(String unit) {
                return List.of("compare", "--config", configFile.toAbsolutePath().normalize().toString(), "--out", outDir.toString(),
                        "--data-dir", dataDir.toAbsolutePath().normalize().toString(), "--job", unit);
            }
        };
    }

    /** The report job's done-marker. */
    public static Path reportMarker(Path out) {
        return out.resolve(DIR).resolve(REPORT_DONE);
    }

    private final Work work;
    private final Path out;
    private final SlurmSettings settings;
    private final SlurmCli slurm;
    private final String mainClass;

    /**
     * @param mainClass the program's main class, for jobs started from a class path rather than a jar (tests);
     *                  given by the command line, whose package depends on this one
     */
    public SlurmGrid(Work work, Path out, SlurmSettings settings, SlurmCli slurm, String mainClass) {
        this.work = work;
        this.out = out.toAbsolutePath().normalize();
        this.settings = settings;
        this.slurm = slurm;
        this.mainClass = mainClass;
    }

    // ---- before anything is written ----

    /**
     * The cluster answers, the partition exists, the run folder is one every node can see, the jobs' jar is
     * there: a one-line user error otherwise (exit 2), before the comparison writes anything.
     */
    public void checkCluster() {
        int nodes = slurm.requireCluster(settings.partition());
        String fs = fileSystemType(out);
        if (nodes > 1 && fs != null && LOCAL_FS.contains(fs) && !settings.trustShared()) {
            throw UserException.in(out, "is on a local file system (" + fs + ") but the jobs may run on any of " + nodes
                    + " nodes: put --out on a file system every node sees (NFS, Lustre, GPFS, ...), or set "
                    + "slurm.assume_shared: true if it is one");
        }
        for (JobKind kind : JobKind.values()) {
            launchCommand(kind); // a missing jar is named here
        }
        // sbatch --test-only of one job of each kind: an account, QoS, time, memory or gres the cluster refuses
        Set<JobKind> tested = EnumSet.noneOf(JobKind.class);
        for (Step p : work.steps()) {
            if (tested.add(p.kind())) {
                Path script = null;
                try {
                    script = Files.createTempFile("electra-bench-", ".sbatch");
                    Files.writeString(script, scriptText(p));
                    slurm.testOnly(script, "slurm." + p.kind().name().toLowerCase(Locale.ROOT) + " (and the keys of every job)");
                } catch (IOException e) {
                    throw new IllegalStateException("cannot write a temporary batch script", e);
                } finally {
                    if (script != null) {
                        script.toFile().delete();
                    }
                }
            }
        }
    }

    /** The type of the file system holding {@code dir} (the longest mount point that contains it), or null. */
    static String fileSystemType(Path dir) {
        Path p = dir;
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        if (p == null) {
            return null;
        }
        try {
            Path real = p.toRealPath();
            String best = null;
            int bestLength = -1;
            for (String line : Files.readAllLines(Path.of("/proc/mounts"))) {
                String[] f = line.split(" ");
                if (f.length < 3) {
                    continue;
                }
                String mount = f[1].replace("\\040", " ");
                if (real.startsWith(mount) && mount.length() > bestLength) {
                    best = f[2];
                    bestLength = mount.length();
                }
            }
            return best;
        } catch (IOException e) {
            return null; // no /proc/mounts (not Linux): nothing to say
        }
    }

    // ---- the job graph ----

    /** What a submission did. */
    public record Submitted(int done, int kept, List<String> submitted) {}

    /**
     * Submits every unit that is neither done nor queued or running (all of them on a first run), each after
     * the jobs it needs; a unit whose prerequisite is submitted anew is submitted anew too (its old job waits
     * on a job that failed). The caller holds --out.
     */
    public Submitted submit() {
        Ledger ledger = readLedger(out);
        Map<String, Unit> old = new LinkedHashMap<>();
        if (ledger != null) {
            ledger.units().forEach(u -> old.put(u.name(), u));
        }
        Map<String, SlurmCli.JobState> states = slurm.states(old.values().stream().map(Unit::latestJob)
                .filter(j -> j != null).toList());
        List<Step> graph = work.steps();
        Map<String, Unit> units = new LinkedHashMap<>();
        for (Step p : graph) {
            Unit o = old.get(p.name());
            units.put(p.name(), new Unit(p.name(), p.kind().name().toLowerCase(Locale.ROOT), out.relativize(p.marker()).toString(),
                    DIR + "/logs/" + p.name().replace(':', '_') + "-%j.log", o == null ? new ArrayList<>() : new ArrayList<>(o.jobs())));
        }
        writeLedger(units); // before the first job, which checks that it sees it

        Map<Path, String> modelShas = new HashMap<>();
        Map<String, String> live = new HashMap<>(); // unit -> the job its dependents wait for
        Set<String> anew = new java.util.HashSet<>();
        List<String> submitted = new ArrayList<>();
        int done = 0;
        int kept = 0;
        for (Step p : graph) {
            Unit u = units.get(p.name());
            if (done(p, modelShas, anew.isEmpty() && live.isEmpty())) {
                done++;
                continue;
            }
            String job = u.latestJob();
            SlurmCli.JobState st = job == null ? null : states.get(job);
            boolean prerequisiteAnew = p.after().stream().anyMatch(anew::contains);
            if (st != null && st.active() && !st.blocked() && !prerequisiteAnew) {
                live.put(p.name(), job);
                kept++;
                continue;
            }
            if (st != null && st.active()) {
                slurm.cancel(List.of(job)); // waits on a failed or resubmitted job: it would never start
            }
            forgetResult(p);
            Path script = writeScript(p);
            List<String> after = p.after().stream().filter(live::containsKey).map(live::get).toList();
            String id = slurm.submit(script, after);
            u.jobs().add(id);
            writeLedger(units);
            live.put(p.name(), id);
            anew.add(p.name());
            submitted.add(p.name() + " -> job " + id);
        }
        return new Submitted(done, kept, submitted);
    }

    /** A unit with its result (the report only when nothing before it was left to do). */
    private boolean done(Step p, Map<Path, String> modelShas, boolean everythingBeforeDone) {
        if (p.kind() == JobKind.FINETUNE) {
            return work.cellDone(p, modelShas);
        }
        if (p.kind() == JobKind.REPORT) {
            return everythingBeforeDone && Files.exists(p.marker());
        }
        return Files.exists(p.marker());
    }

    /** A resubmitted unit's old marker goes (a stale cell ledger would read as done while its job waits). */
    private static void forgetResult(Step p) {
        if (p.kind() != JobKind.PRETRAIN) { // a pre-training resumes from its checkpoints, and has no done.json yet
            try {
                Files.deleteIfExists(p.marker());
            } catch (IOException e) {
                throw UserException.in(p.marker(), "cannot delete: " + AtomicFiles.reason(e));
            }
        }
    }

    private void writeLedger(Map<String, Unit> units) {
        try {
            AtomicFiles.writeString(out.resolve(DIR).resolve(JOBS), JSON.writeValueAsString(new Ledger(List.copyOf(units.values()))));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** jobs.json, or null when the folder has no Slurm run. */
    static Ledger readLedger(Path out) {
        Path f = out.resolve(DIR).resolve(JOBS);
        if (!Files.exists(f)) {
            return null;
        }
        try {
            return JSON.readValue(f.toFile(), Ledger.class);
        } catch (IOException e) {
            throw UserException.in(f, "unreadable: " + AtomicFiles.reason(e));
        }
    }

    // ---- a job's batch script ----

    private Path writeScript(Step p) {
        Path script = out.resolve(DIR).resolve("scripts").resolve(p.name().replace(':', '_') + ".sbatch");
        AtomicFiles.writeString(script, scriptText(p));
        try {
            Files.createDirectories(out.resolve(DIR).resolve("logs")); // slurmd does not create it: the job would not start
        } catch (IOException e) {
            throw UserException.in(out.resolve(DIR).resolve("logs"), "cannot create: " + AtomicFiles.reason(e));
        }
        return script;
    }

    private String scriptText(Step p) {
        String safe = p.name().replace(':', '_');
        StringBuilder s = new StringBuilder("#!/bin/bash\n");
        s.append("#SBATCH --job-name=").append(jobName(p.name())).append('\n');
        s.append("#SBATCH --output=").append(out.resolve(DIR).resolve("logs").resolve(safe + "-%j.log")).append('\n');
        for (String o : settings.sbatchOptions(p.kind())) {
            s.append("#SBATCH ").append(o).append('\n');
        }
        s.append("set -e\n");
        // the submitting JVM's launcher state is not the job's (a launcher pid of another machine would stop it)
        s.append("unset ELECTRA_BENCH_LAUNCHER_PID ELECTRA_BENCH_NO_RELAUNCH\n");
        for (String line : settings.setupLines()) {
            s.append(line).append('\n');
        }
        List<String> cmd = new ArrayList<>(launchCommand(p.kind()));
        cmd.addAll(work.jobArguments(p.name()));
        s.append("exec");
        for (String a : cmd) {
            s.append(' ').append(shellQuote(a));
        }
        s.append('\n');
        return s.toString();
    }

    private String jobName(String unit) {
        return "eb-" + out.getFileName() + "-" + unit.replace(':', '-');
    }

    /** Java and its arguments up to the program's own ({@code compare ...}); a GPU job gets the CUDA build. */
    List<String> launchCommand(JobKind kind) {
        List<String> cmd = new ArrayList<>();
        cmd.add(settings.java() != null ? settings.java() : ProcessHandle.current().info().command().orElse("java"));
        cmd.addAll(List.of("--add-modules", "jdk.incubator.vector"));
        String classPath = System.getProperty("java.class.path", "");
        Path jar = settings.jar() != null ? Path.of(settings.jar())
                : !classPath.contains(java.io.File.pathSeparator) && classPath.endsWith(".jar") ? Path.of(classPath) : null;
        if (settings.resources(kind).gpu()) {
            Path gpu = settings.gpuJar() != null ? Path.of(settings.gpuJar())
                    : jar != null ? jar.toAbsolutePath().getParent().resolve("cuda").resolve("electra-bench.jar") : null;
            if (gpu == null || !Files.isRegularFile(gpu)) {
                throw new UserException("slurm." + kind.name().toLowerCase(Locale.ROOT) + ".gres asks for a GPU but there is no CUDA build "
                        + (gpu == null ? "" : "at " + gpu + " ") + "(build it with mvn -Pcuda package, or set slurm.gpu_jar)");
            }
            jar = gpu;
        }
        if (jar != null) {
            if (!Files.isRegularFile(jar)) {
                throw new UserException("slurm.jar: " + jar + " does not exist");
            }
            cmd.addAll(List.of("-jar", jar.toAbsolutePath().toString()));
        } else {
            cmd.addAll(List.of("-cp", classPath, mainClass));
        }
        return cmd;
    }

    static String shellQuote(String s) {
        return s.matches("[\\w@%+=:,./-]+") ? s : "'" + s.replace("'", "'\\''") + "'";
    }

    // ---- jobs' side ----

    /** A job's first check: it sees the run folder the submitter wrote (else the folder is not shared). */
    public static void requireVisible(Path out) {
        Path jobs = out.resolve(DIR).resolve(JOBS);
        if (!Files.exists(jobs)) {
            String host = System.getenv().getOrDefault("SLURMD_NODENAME", "this node");
            throw UserException.in(jobs, "not found on " + host + ": the run folder must be on a file system every node sees");
        }
    }

    /** The report job's marker, written after the reports. */
    public static void markReportDone(Path out) {
        AtomicFiles.writeString(reportMarker(out), "{\"job\": \"" + System.getenv().getOrDefault("SLURM_JOB_ID", "")
                + "\"}\n");
    }

    // ---- --status and --cancel ----

    /** Where a unit stands. */
    public enum Standing { DONE, RUNNING, QUEUED, BLOCKED, FAILED, NOT_SUBMITTED }

    /** One unit's standing, its latest job, Slurm's state of it, and that job's log. */
    public record UnitStatus(String name, Standing standing, String job, String state, Path log) {}

    /** Every unit of the Slurm run in {@code out}: its marker first, then Slurm's word on its latest job. */
    public static List<UnitStatus> status(Path out, SlurmCli slurm) {
        Ledger ledger = requireLedger(out);
        Map<String, SlurmCli.JobState> states = slurm.states(ledger.units().stream().map(Unit::latestJob).filter(j -> j != null).toList());
        List<UnitStatus> list = new ArrayList<>();
        for (Unit u : ledger.units()) {
            String job = u.latestJob();
            Path logFile = job == null ? null : u.logOf(out, job);
            if (Files.exists(out.resolve(u.marker()))) {
                list.add(new UnitStatus(u.name(), Standing.DONE, job, job == null ? null : states.get(job).state(), logFile));
                continue;
            }
            if (job == null) {
                list.add(new UnitStatus(u.name(), Standing.NOT_SUBMITTED, null, null, null));
                continue;
            }
            SlurmCli.JobState st = states.get(job);
            Standing s = st.blocked() ? Standing.BLOCKED
                    : st.state().equals("PENDING") ? Standing.QUEUED
                    : st.active() ? Standing.RUNNING
                    : Standing.FAILED; // ended (or forgotten by Slurm) without its marker
            list.add(new UnitStatus(u.name(), s, job, st.state() + (st.blocked() ? " (" + st.reason() + ")" : ""), logFile));
        }
        return list;
    }

    /** The status as the command prints it: one count line, then one line per unit that is not done. */
    public static String render(Path out, List<UnitStatus> units) {
        Map<Standing, Integer> counts = new LinkedHashMap<>();
        for (Standing s : Standing.values()) {
            counts.put(s, 0);
        }
        units.forEach(u -> counts.merge(u.standing(), 1, Integer::sum));
        StringBuilder b = new StringBuilder(out + ": " + units.size() + " units:");
        counts.forEach((s, n) -> b.append(' ').append(n).append(' ').append(s.name().toLowerCase(Locale.ROOT).replace('_', ' ')).append(','));
        b.setLength(b.length() - 1);
        b.append('\n');
        for (UnitStatus u : units) {
            if (u.standing() == Standing.DONE) {
                continue;
            }
            b.append(String.format(Locale.ROOT, "%-13s %-36s", u.standing().name().toLowerCase(Locale.ROOT).replace('_', ' '), u.name()));
            if (u.job() != null) {
                b.append("  job ").append(u.job()).append(' ').append(u.state());
            }
            if (u.standing() == Standing.BLOCKED) {
                b.append("  (a job it needs failed: it will not run; --resume resubmits it)");
            }
            if (u.standing() == Standing.FAILED && u.log() != null) {
                b.append(Files.exists(u.log()) ? "  log " + u.log() : "  (no log " + u.log() + ": the job did not start; see scontrol show job "
                        + u.job() + ")");
            }
            b.append('\n');
        }
        return b.toString();
    }

    /** scancel of the run's queued and running jobs; returns them. */
    public static List<String> cancel(Path out, SlurmCli slurm) {
        Ledger ledger = requireLedger(out);
        List<String> jobs = ledger.units().stream().flatMap(u -> u.jobs().stream()).toList();
        List<String> active = slurm.states(jobs).values().stream().filter(SlurmCli.JobState::active).map(SlurmCli.JobState::id).toList();
        slurm.cancel(active);
        return active;
    }

    private static Ledger requireLedger(Path out) {
        Ledger l = readLedger(out);
        if (l == null) {
            throw UserException.in(out, "no Slurm run here (no " + DIR + "/" + JOBS + "): start one with compare --executor slurm");
        }
        return l;
    }
}
