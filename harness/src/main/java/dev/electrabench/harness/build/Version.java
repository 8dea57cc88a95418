package dev.electrabench.harness.build;

import picocli.CommandLine;

/** Version string from the jar manifest (falls back to "dev" when run from classes). */
public final class Version implements CommandLine.IVersionProvider {
    public static String current() {
        String v = Version.class.getPackage().getImplementationVersion(); // the jar manifest's
        return v != null ? v : "0.1.0-SNAPSHOT";
    }

    @Override
    public String[] getVersion() {
        return new String[] {"electra-bench " + current()};
    }
}
