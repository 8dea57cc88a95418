package dev.electrabench.harness.slurm;

import dev.electrabench.core.UserException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Slurm client commands, run as processes (the same commands a user types, so what works for them works
 * here). A missing command or a controller that does not answer is a one-line {@link UserException}.
 */
public final class SlurmCli {
    /** A job's state as Slurm reports it (PENDING, RUNNING, COMPLETED, FAILED, CANCELLED, TIMEOUT, ...). */
    public record JobState(String id, String state, String reason) {
        /** Queued or running: it may still succeed. */
        public boolean active() {
            return state.equals("PENDING") || state.equals("RUNNING") || state.equals("CONFIGURING")
                    || state.equals("COMPLETING") || state.equals("REQUEUED") || state.equals("RESIZING")
                    || state.equals("SUSPENDED");
        }

        /** Pending on a dependency that failed: it will never start (Slurm keeps it unless kill_invalid_depend). */
        public boolean blocked() {
            return state.equals("PENDING") && reason != null && reason.startsWith("DependencyNeverSatisfied");
        }
    }

    /** Slurm no longer knows the job (record expired, no accounting). */
    public static final String UNKNOWN = "UNKNOWN";

    private static final Pattern FIELD = Pattern.compile("(\\w+)=(\\S*)");
    private static final long TIMEOUT_S = 60;

    private record Output(int exit, String out, String err) {
        String firstErrorLine() {
            String text = err.isBlank() ? out : err;
            return text.strip().lines().findFirst().orElse("exit " + exit);
        }
    }

    /** Runs a command; a missing executable is the user's missing Slurm client. */
    private static Output run(List<String> cmd) {
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
        } catch (IOException e) {
            throw new UserException(cmd.get(0) + " not found on PATH: --executor slurm needs the Slurm client commands "
                    + "(sbatch, squeue, scontrol, scancel) of the cluster");
        }
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
        try {
            if (!p.waitFor(TIMEOUT_S, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new UserException(String.join(" ", cmd) + ": no answer within " + TIMEOUT_S + " s (is slurmctld up?)");
            }
            return new Output(p.exitValue(), out.join(), err.join());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new IllegalStateException("interrupted while running " + cmd.get(0), e);
        }
    }

    private static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /**
     * The controller answers and, when given, the partition exists; returns the number of nodes the jobs may
     * land on (the partition's, or the whole cluster's).
     */
    public int requireCluster(String partition) {
        Output all = run(List.of("sinfo", "-h", "-o", "%P %D"));
        if (all.exit() != 0) {
            throw new UserException("sinfo: the Slurm controller does not answer: " + all.firstErrorLine());
        }
        Map<String, Integer> nodes = new LinkedHashMap<>();
        for (String line : all.out().strip().lines().toList()) {
            String[] f = line.trim().split("\\s+");
            if (f.length == 2) {
                nodes.merge(f[0].replace("*", ""), Integer.parseInt(f[1]), Integer::sum);
            }
        }
        if (partition == null) {
            return nodes.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        }
        Integer n = nodes.get(partition);
        if (n == null) {
            throw new UserException("slurm.partition: unknown partition '" + partition + "'; the cluster has: "
                    + String.join(", ", nodes.keySet()));
        }
        return n;
    }

    /**
     * {@code sbatch --test-only}: the options (account, QoS, time, gres, ...) are ones the cluster accepts;
     * {@code source} names where they came from in the message.
     */
    public void testOnly(Path script, String source) {
        Output o = run(List.of("sbatch", "--test-only", script.toString()));
        if (o.exit() != 0) {
            throw new UserException(source + ": sbatch refuses the job: " + o.firstErrorLine().replaceFirst("^sbatch: error: ", ""));
        }
    }

    /** Submits a batch script, after the given jobs succeed; returns the job id. */
    public String submit(Path script, Collection<String> afterOk) {
        List<String> cmd = new ArrayList<>(List.of("sbatch", "--parsable"));
        if (!afterOk.isEmpty()) {
            cmd.add("--dependency=afterok:" + String.join(":", afterOk));
        }
        cmd.add(script.toString());
        Output o = run(cmd);
        if (o.exit() != 0) {
            throw new UserException(script + ": sbatch refuses the job: " + o.firstErrorLine().replaceFirst("^sbatch: error: ", ""));
        }
        String id = o.out().strip().lines().reduce((a, b) -> b).orElse("");
        int semicolon = id.indexOf(';'); // "id;cluster" on a federation
        id = semicolon >= 0 ? id.substring(0, semicolon) : id;
        if (!id.matches("\\d+")) {
            throw new IllegalStateException("sbatch --parsable printed '" + o.out().strip() + "', not a job id");
        }
        return id;
    }

    /**
     * The state of each job: from {@code scontrol show job} while the controller keeps its record, then from
     * {@code sacct} where accounting is configured, else {@link #UNKNOWN}.
     */
    public Map<String, JobState> states(Collection<String> ids) {
        Map<String, JobState> states = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return states;
        }
        Output o = run(List.of("scontrol", "-o", "show", "job"));
        if (o.exit() != 0 && !o.err().contains("No jobs")) {
            throw new UserException("scontrol: the Slurm controller does not answer: " + o.firstErrorLine());
        }
        for (String line : o.out().lines().toList()) {
            Map<String, String> f = new LinkedHashMap<>();
            Matcher m = FIELD.matcher(line);
            while (m.find()) {
                f.putIfAbsent(m.group(1), m.group(2));
            }
            String id = f.get("JobId");
            if (id != null && ids.contains(id)) {
                states.put(id, new JobState(id, f.getOrDefault("JobState", UNKNOWN), f.get("Reason")));
            }
        }
        List<String> missing = ids.stream().filter(id -> !states.containsKey(id)).toList();
        if (!missing.isEmpty()) {
            Output acct = run(List.of("sacct", "-n", "-X", "-P", "-o", "JobID,State", "-j", String.join(",", missing)));
            if (acct.exit() == 0) {
                for (String line : acct.out().lines().toList()) {
                    String[] f = line.split("\\|");
                    if (f.length == 2 && missing.contains(f[0])) {
                        // "CANCELLED by 0" -> CANCELLED
                        states.put(f[0], new JobState(f[0], f[1].split(" ")[0].toUpperCase(Locale.ROOT), null));
                    }
                }
            }
        }
        for (String id : ids) {
            states.putIfAbsent(id, new JobState(id, UNKNOWN, null));
        }
        return states;
    }

    /** {@code scancel} of the given jobs (nothing when empty). */
    public void cancel(Collection<String> ids) {
        if (ids.isEmpty()) {
            return;
        }
        List<String> cmd = new ArrayList<>(List.of("scancel"));
        cmd.addAll(ids);
        Output o = run(cmd);
        if (o.exit() != 0 && !o.err().contains("already completing or completed") && !o.err().contains("Invalid job id")) {
            throw new UserException("scancel: " + o.firstErrorLine());
        }
    }
}
