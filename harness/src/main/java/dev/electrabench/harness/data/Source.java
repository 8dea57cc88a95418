package dev.electrabench.harness.data;

import java.net.URI;
import java.util.Map;

/** Where a dataset's files come from when fetched from the official locations. */
public sealed interface Source {
    /**
     * A zip archive unpacked into the data-dir folder {@code unpackInto}: a file at data-dir path
     * {@code unpackInto/X} is the archive member {@code X} (GLUE: glue/CoLA/train.tsv is CoLA/train.tsv).
     */
    record Zip(URI url, String unpackInto) implements Source {}

    /** Plain files, each downloaded as is: data-dir-relative path to URL. */
    record Direct(Map<String, URI> urls) implements Source {}

    /**
     * MRPC as GLUE builds it (download_glue_data.py): the Microsoft paraphrase train/test text files and
     * the list of pair ids that GLUE holds out of train as dev.
     */
    record Mrpc(URI train, URI test, URI devIds) implements Source {}

    /** Not downloadable by us; {@code howToObtain} says what to do instead. */
    record Manual(String howToObtain, boolean mirrorable) implements Source {}
}
