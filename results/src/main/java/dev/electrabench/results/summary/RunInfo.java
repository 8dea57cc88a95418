package dev.electrabench.results.summary;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * Where a result came from: the run and the software/hardware it ran on. Unknown text fields are "".
 *
 * @param runId               a run's id; {@value #REFERENCE_RUN_ID} marks published reference numbers
 * @param createdUtc          ISO-8601 UTC instant ("2025-01-31T12:00:00Z"), or "" for references
 * @param gitCommit           commit of the electra-bench sources that produced the result
 * @param configSha256        sha256 of the run's config file
 * @param backend             ND4J backend ("nd4j-native", "nd4j-cuda-11.6")
 * @param device              CPU/GPU model
 * @param electraBenchVersion electra-bench version
 */
public record RunInfo(
        String runId,
        String createdUtc,
        String gitCommit,
        String configSha256,
        String backend,
        String device,
        String electraBenchVersion) {

    /** The run_id of published reference rows (see {@code PublishedResults}). */
    public static final String REFERENCE_RUN_ID = "reference";

    /** Provenance of published numbers: no run, no software. */
    public static final RunInfo REFERENCE = new RunInfo(REFERENCE_RUN_ID, "", "", "", "", "", "");

    public RunInfo {
        Objects.requireNonNull(runId, "runId");
        if (runId.isBlank()) {
            throw new IllegalArgumentException("runId must not be blank");
        }
        createdUtc = Objects.requireNonNullElse(createdUtc, "");
        if (!createdUtc.isEmpty()) {
            try {
                Instant.parse(createdUtc);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("createdUtc is not an ISO-8601 UTC instant: " + createdUtc);
            }
        }
        gitCommit = Objects.requireNonNullElse(gitCommit, "");
        configSha256 = Objects.requireNonNullElse(configSha256, "");
        backend = Objects.requireNonNullElse(backend, "");
        device = Objects.requireNonNullElse(device, "");
        electraBenchVersion = Objects.requireNonNullElse(electraBenchVersion, "");
    }

    /** A run started now (to the second, UTC). */
    public static RunInfo startedNow(String runId, String gitCommit, String configSha256, String backend, String device, String version) {
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        return new RunInfo(runId, now, gitCommit, configSha256, backend, device, version);
    }

    public boolean isReference() {
        return REFERENCE_RUN_ID.equals(runId);
    }
}
