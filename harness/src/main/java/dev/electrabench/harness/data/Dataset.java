package dev.electrabench.harness.data;

import java.util.List;

/**
 * A dataset the harness knows: its files under the data dir and how to obtain them.
 *
 * @param name    the name used on the command line ({@code data fetch cola})
 * @param title   what it is, for people
 * @param files   every file, in the layout the tasks and pre-training read
 * @param source  official download location, or instructions when it cannot be downloaded
 * @param licence one-line licence note
 */
public record Dataset(String name, String title, List<DataFile> files, Source source, String licence) {
    public Dataset {
        files = List.copyOf(files);
    }

    /** True when {@code fetch} may download it from a mirror ({@code --base-url}). */
    public boolean mirrorable() {
        return !(source instanceof Source.Manual manual) || manual.mirrorable();
    }
}
