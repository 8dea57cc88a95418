package dev.electrabench.harness.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.electrabench.core.checkpoint.HfCheckpoint;
import dev.electrabench.core.checkpoint.PyTorchCheckpoint;
import dev.electrabench.core.checkpoint.Safetensors;
import dev.electrabench.core.checkpoint.TensorData;
import dev.electrabench.core.checkpoint.TokenizerFiles;
import dev.electrabench.core.checkpoint.WeightFiles;
import dev.electrabench.core.fixtures.HfFixture;
import dev.electrabench.core.fixtures.HostileCheckpoints;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code electra-bench convert}: every hf-tiny-bin folder becomes the safetensors file of the same model, tensor
 * for tensor (names, shapes, float32 values; the fp16 copy: its float16 values), config.json unchanged.
 */
class ConvertCommandTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"electra-discriminator", "electra-generator", "bert-mlm", "electra-seqcls",
        "bert-mlm-legacy", "electra-generator-sharded"})
    void pytorchBinConvertsToTheFixtureSafetensors(String binFolder) throws IOException {
        Path source = HfFixture.binFolder(binFolder);
        Path out = dir.resolve("converted");

        Cli r = Cli.run("convert", "--model", source.toString(), "--out", out.toString());

        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains(out.resolve(HfCheckpoint.WEIGHTS).toString()), r.out());
        Map<String, TensorData> expected = Safetensors.read(HfFixture.folder(HfFixture.modelOfBinFolder(binFolder)).resolve(HfCheckpoint.WEIGHTS));
        Map<String, TensorData> converted = Safetensors.read(out.resolve(HfCheckpoint.WEIGHTS));
        assertEquals(expected.keySet(), converted.keySet(), "tied copies dropped as HF drops them");
        expected.forEach((name, t) -> assertEquals(t, converted.get(name), name));
        assertArrayEquals(Files.readAllBytes(source.resolve(HfCheckpoint.CONFIG)), Files.readAllBytes(out.resolve(HfCheckpoint.CONFIG)));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(out), files.toList(), "no temp folders left");
        }
    }

    @Test
    void float16BinConvertsToItsValuesAsFloat32() {
        Path source = HfFixture.binFolder("electra-discriminator-fp16");
        Path out = dir.resolve("converted");

        Cli r = Cli.run("convert", "--model", source.toString(), "--out", out.toString());

        assertEquals(0, r.exit(), r.err());
        assertEquals(PyTorchCheckpoint.read(source.resolve(WeightFiles.PYTORCH)), Safetensors.read(out.resolve(HfCheckpoint.WEIGHTS)));
    }

    /** A safetensors folder converts to itself; its tokenizer files come along. */
    @Test
    void safetensorsFolderRoundTrips() throws IOException {
        Path source = dir.resolve("source");
        Files.createDirectories(source);
        for (String f : List.of(HfCheckpoint.CONFIG, HfCheckpoint.WEIGHTS)) {
            Files.copy(HfFixture.folder("bert-mlm").resolve(f), source.resolve(f));
        }
        Files.writeString(source.resolve(TokenizerFiles.VOCAB), "[PAD]\n[UNK]\n");
        Path out = dir.resolve("converted");

        Cli r = Cli.run("convert", "--model", source.toString(), "--out", out.toString());

        assertEquals(0, r.exit(), r.err());
        assertEquals(Safetensors.read(source.resolve(HfCheckpoint.WEIGHTS)), Safetensors.read(out.resolve(HfCheckpoint.WEIGHTS)));
        assertEquals("[PAD]\n[UNK]\n", Files.readString(out.resolve(TokenizerFiles.VOCAB)));
    }

    @ParameterizedTest
    @MethodSource("dev.electrabench.harness.cli.ForwardCommandTest#hostileCheckpoints")
    void hostileCheckpointIsOneLineExit2(HostileCheckpoints.Case c) {
        Path model = c.writeFolder(dir.resolve("models"));
        Path out = dir.resolve("converted");

        Cli r = Cli.run("convert", "--model", model.toString(), "--out", out.toString());

        assertEquals(2, r.exit(), c + ": " + r.err());
        assertEquals(1, r.err().lines().count(), c + ": one line: " + r.err());
        assertTrue(r.err().contains(c.error()), c + ": " + r.err());
        assertFalse(Files.exists(out), c + ": nothing written");
    }

    @Test
    void folderWithoutWeightsIsOneLineExit2() throws IOException {
        Path model = Files.createDirectories(dir.resolve("empty"));
        Files.copy(HfFixture.folder("bert-mlm").resolve(HfCheckpoint.CONFIG), model.resolve(HfCheckpoint.CONFIG));

        Cli r = Cli.run("convert", "--model", model.toString(), "--out", dir.resolve("out").toString());

        assertEquals(2, r.exit(), r.err());
        assertEquals("electra-bench: error: " + model + ": no weights file: expected one of model.safetensors, "
                + "model.safetensors.index.json, pytorch_model.bin, pytorch_model.bin.index.json", r.err().strip());
    }
}
