package dev.electrabench.core.checkpoint;

import static dev.electrabench.core.checkpoint.HandMadeSafetensors.file;
import static dev.electrabench.core.checkpoint.HandMadeSafetensors.floats;
import static dev.electrabench.core.checkpoint.HandMadeSafetensors.raw;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.electrabench.core.UserException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every malformed file gives one UserException line naming the file, the tensor and the problem. */
class SafetensorsMalformedTest {
    @TempDir
    static Path dir;

    /** A well-formed entry: 2 floats at [0, 8). */
    private static final String OK_ENTRY = "\"ok\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}";

    private static Function<Path, Path> header(String json, int dataBytes) {
        return d -> file(d, "bad.safetensors", json, new byte[dataBytes]);
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("shorter than 8 bytes", (Function<Path, Path>) d -> raw(d, "bad.safetensors", new byte[5]),
                        null, "truncated"),
                Arguments.of("header length beyond file", (Function<Path, Path>) d -> raw(d, "bad.safetensors",
                        ByteBuffer.allocate(20).order(ByteOrder.LITTLE_ENDIAN).putLong(1000).array()), null, "header length 1000 exceeds"),
                Arguments.of("header length above 2^63", (Function<Path, Path>) d -> raw(d, "bad.safetensors",
                        ByteBuffer.allocate(20).order(ByteOrder.LITTLE_ENDIAN).putLong(-1).array()), null, "18446744073709551615"),
                Arguments.of("not JSON", header("{\"ok\": oops}", 0), null, "not valid JSON"),
                Arguments.of("JSON but not an object", header("[1, 2]     ", 0), null, "not a JSON object"),
                Arguments.of("empty header", header("        ", 0), null, "not a JSON object"),
                Arguments.of("trailing garbage", header("{} {}", 0), null, "not valid JSON"),
                Arguments.of("duplicate tensor", header("{" + OK_ENTRY + "," + OK_ENTRY + "}", 8), null, "not valid JSON"),
                Arguments.of("metadata not strings", header("{\"__metadata__\":{\"step\":3}}", 0), null, "is not a string"),
                Arguments.of("entry not an object", header("{\"w\":[1]}", 0), "w", "not a JSON object"),
                Arguments.of("missing dtype", header("{\"w\":{\"shape\":[2],\"data_offsets\":[0,8]}}", 8), "w", "missing \"dtype\""),
                Arguments.of("missing shape", header("{\"w\":{\"dtype\":\"F32\",\"data_offsets\":[0,8]}}", 8), "w", "missing \"shape\""),
                Arguments.of("missing offsets", header("{\"w\":{\"dtype\":\"F32\",\"shape\":[2]}}", 8), "w", "missing \"data_offsets\""),
                Arguments.of("unknown dtype", header("{\"w\":{\"dtype\":\"F17\",\"shape\":[2],\"data_offsets\":[0,8]}}", 8), "w", "unsupported dtype \"F17\""),
                Arguments.of("negative dim", header("{\"w\":{\"dtype\":\"F32\",\"shape\":[-1,2],\"data_offsets\":[0,8]}}", 8), "w", "negative dimension -1"),
                Arguments.of("fractional dim", header("{\"w\":{\"dtype\":\"F32\",\"shape\":[1.5],\"data_offsets\":[0,8]}}", 8), "w", "not an array of integers"),
                Arguments.of("three offsets", header("{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,4,8]}}", 8), "w", "not an array of 2 integers"),
                Arguments.of("begin > end", header("{\"w\":{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[8,0]}}", 8), "w", "begin > end"),
                Arguments.of("end beyond data", header("{\"w\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]}}", 8), "w", "beyond the 8-byte data section"),
                Arguments.of("byte count != shape x dtype", header("{\"w\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", 8), "w", "needs 12"),
                Arguments.of("F16 byte count", header("{\"w\":{\"dtype\":\"F16\",\"shape\":[2],\"data_offsets\":[0,8]}}", 8), "w", "needs 4"),
                Arguments.of("overlap", header("{" + OK_ENTRY + ",\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}", 12), "w", "overlap tensor 'ok'"),
                Arguments.of("gap", header("{" + OK_ENTRY + ",\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[12,16]}}", 16), "w", "gap of 4"),
                Arguments.of("gap at start", header("{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", 8), "w", "gap of 4"),
                Arguments.of("bytes after last tensor", header("{" + OK_ENTRY + "}", 12), null, "4 bytes after the last tensor"),
                Arguments.of("control chars in name", header("{\"w\\nx\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", 8), "w x", "needs 12"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void malformedFileIsAOneLineUserError(String label, Function<Path, Path> make, String tensor, String problem) {
        Path file = make.apply(dir);
        for (Runnable reader : new Runnable[] {() -> Safetensors.read(file), () -> Safetensors.readMetadata(file)}) {
            UserException e = assertThrows(UserException.class, reader::run, label);
            String message = e.getMessage();
            assertTrue(message.startsWith(file + ": "), message);
            assertTrue(message.contains(problem), message);
            if (tensor != null) {
                assertTrue(message.contains("tensor '" + tensor + "'"), message);
            }
            assertFalse(message.contains("\n") || message.contains("\r"), message);
        }
    }

    @ParameterizedTest(name = "missing file")
    @MethodSource("missing")
    void missingFileIsAUserError(Path file) {
        UserException e = assertThrows(UserException.class, () -> Safetensors.read(file));
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
    }

    static Stream<Path> missing() {
        return Stream.of(Path.of("does-not-exist", "model.safetensors"));
    }

    @ParameterizedTest(name = "well-formed control")
    @MethodSource("control")
    void theSameBuilderMakesReadableFilesWhenNothingIsWrong(String json, int floats) {
        Path file = file(dir, "good.safetensors", json, floats(new float[floats]));
        assertEquals(floats, Safetensors.read(file).values().stream().mapToInt(t -> t.values().length).sum());
    }

    static Stream<Arguments> control() {
        return Stream.of(Arguments.of("{" + OK_ENTRY + "}", 2),
                Arguments.of("{" + OK_ENTRY + ",\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[8,12]}}   ", 3));
    }
}
