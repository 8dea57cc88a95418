package dev.electrabench.core.checkpoint;

import dev.electrabench.core.UserException;
import java.math.BigInteger;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the pickle streams that {@code torch.save} writes for a state dict, and nothing else. A pickle is a
 * program for a stack machine that can import and call any Python callable; this one implements only the
 * opcodes of protocols 2–4 that build plain data (ints, floats, strings, tuples, lists, dicts) plus
 * {@code GLOBAL}/{@code REDUCE} for the few callables torch.save names ({@link Callable}, the
 * {@code torch.*Storage} classes). Any other global is refused by name before anything is built, and calling
 * a global only ever constructs a Java value: nothing is executed. Every length is checked against the
 * bytes that remain, so a corrupt length is an error, never an allocation.
 *
 * <p>Values: Python ints are {@link Long} (or {@link BigInteger} beyond 64 bits), floats {@link Double},
 * strings {@link String}, None {@code null}, tuples unmodifiable {@link List}s, lists {@link ArrayList}s,
 * dicts and OrderedDicts {@link LinkedHashMap}s, tensors {@link TensorRef}s, persistent ids whatever the
 * caller's {@link PersistentLoader} returns (storages).
 */
final class TorchUnpickler {
    /** The callables torch.save writes into a state dict's pickle. */
    enum Callable {
        ORDERED_DICT("collections", "OrderedDict"),
        REBUILD_TENSOR("torch._utils", "_rebuild_tensor"),
        REBUILD_TENSOR_V2("torch._utils", "_rebuild_tensor_v2"),
        REBUILD_PARAMETER("torch._utils", "_rebuild_parameter"),
        REBUILD_PARAMETER_WITH_STATE("torch._utils", "_rebuild_parameter_with_state");

        final String module;
        final String name;

        Callable(String module, String name) {
            this.module = module;
            this.name = name;
        }
    }

    /** A tensor as torch rebuilds it: a view (element offset, sizes, element strides) of a storage. */
    record TensorRef(StorageRef storage, long offset, long[] size, long[] stride) {}

    /** A storage named by a persistent id: its key in the file, element type and element count. */
    record StorageRef(String key, TorchStorageType type, long numel) {}

    /** Resolves the object a {@code BINPERSID} names (torch: a storage tuple). */
    @FunctionalInterface
    interface PersistentLoader {
        Object load(Object persistentId);
    }

    private static final int MAX_PROTOCOL = 5;
    /** Longest name in a GLOBAL opcode we read; real ones are a few dozen bytes. */
    private static final int MAX_GLOBAL_LINE = 256;

    private final Path file;
    private final String stream;
    private final ByteBuffer in;
    private final PersistentLoader loader;
    private final List<Object> stack = new ArrayList<>();
    private final List<Integer> marks = new ArrayList<>();
    private final Map<Long, Object> memo = new HashMap<>();
    private int opcodeAt;

    private TorchUnpickler(Path file, String stream, ByteBuffer in, PersistentLoader loader) {
        this.file = file;
        this.stream = stream;
        this.in = in;
        this.loader = loader;
    }

    /**
     * Runs one pickle from {@code in}'s position up to its STOP opcode (the buffer is left just past it, where
     * the legacy format's next pickle starts) and returns its value.
     *
     * @param stream names the pickle in error messages, e.g. "data.pkl"
     * @throws UserException naming {@code file} on a refused global, an unsupported opcode or a malformed stream
     */
    static Object read(Path file, String stream, ByteBuffer in, PersistentLoader loader) {
        TorchUnpickler u = new TorchUnpickler(file, stream, in.order(ByteOrder.LITTLE_ENDIAN), loader);
        try {
            return u.run();
        } catch (BufferUnderflowException e) {
            throw u.error("ends inside the opcode at byte " + u.opcodeAt + " (truncated)");
        }
    }

    private Object run() {
        while (true) {
            opcodeAt = in.position();
            if (!in.hasRemaining()) {
                throw error("ends before its STOP opcode (truncated)");
            }
            int op = in.get() & 0xFF;
            switch (op) {
                case 0x80 -> { // PROTO
                    int protocol = in.get() & 0xFF;
                    if (protocol < 2 || protocol > MAX_PROTOCOL) {
                        throw error("has pickle protocol " + protocol + "; torch.save writes 2 to " + MAX_PROTOCOL);
                    }
                }
                case 0x95 -> length(in.getLong(), "frame"); // FRAME: a length hint, its opcodes follow inline
                case '.' -> { // STOP
                    if (stack.isEmpty()) {
                        throw error("stops with an empty stack");
                    }
                    return pop();
                }
                case '(' -> marks.add(stack.size()); // MARK
                case ')' -> push(tuple(List.of())); // EMPTY_TUPLE
                case 't' -> push(tuple(popToMark())); // TUPLE
                case 0x85 -> push(tuple(Arrays.asList(pop()))); // TUPLE1
                case 0x86 -> { // TUPLE2
                    Object b = pop();
                    push(tuple(Arrays.asList(pop(), b)));
                }
                case 0x87 -> { // TUPLE3
                    Object c = pop();
                    Object b = pop();
                    push(tuple(Arrays.asList(pop(), b, c)));
                }
                case ']' -> push(new ArrayList<>()); // EMPTY_LIST
                case 'a' -> { // APPEND
                    Object item = pop();
                    listOnTop().add(item);
                }
                case 'e' -> { // APPENDS
                    List<Object> items = popToMark();
                    listOnTop().addAll(items);
                }
                case '}' -> push(new LinkedHashMap<>()); // EMPTY_DICT
                case 's' -> { // SETITEM
                    Object value = pop();
                    Object key = pop();
                    dictOnTop().put(key, value);
                }
                case 'u' -> { // SETITEMS
                    List<Object> items = popToMark();
                    if (items.size() % 2 != 0) {
                        throw error("has SETITEMS with an odd number of items at byte " + opcodeAt);
                    }
                    Map<Object, Object> dict = dictOnTop();
                    for (int i = 0; i < items.size(); i += 2) {
                        dict.put(items.get(i), items.get(i + 1));
                    }
                }
                case 'J' -> push((long) in.getInt()); // BININT
                case 'K' -> push((long) (in.get() & 0xFF)); // BININT1
                case 'M' -> push((long) (in.getShort() & 0xFFFF)); // BININT2
                case 0x8a -> push(long1(in.get() & 0xFF)); // LONG1
                case 'G' -> push(Double.longBitsToDouble(Long.reverseBytes(in.getLong()))); // BINFLOAT is big-endian
                case 'N' -> push(null); // NONE
                case 0x88 -> push(Boolean.TRUE); // NEWTRUE
                case 0x89 -> push(Boolean.FALSE); // NEWFALSE
                case 'X' -> push(utf8(length(in.getInt() & 0xFFFFFFFFL, "string"))); // BINUNICODE
                case 0x8c -> push(utf8(in.get() & 0xFF)); // SHORT_BINUNICODE
                case 0x8d -> push(utf8(length(in.getLong(), "string"))); // BINUNICODE8
                case 'c' -> push(global(line(), line())); // GLOBAL
                case 0x93 -> { // STACK_GLOBAL
                    Object name = pop();
                    Object module = pop();
                    if (!(module instanceof String m) || !(name instanceof String n)) {
                        throw error("has STACK_GLOBAL on non-strings at byte " + opcodeAt);
                    }
                    push(global(m, n));
                }
                case 'R' -> { // REDUCE
                    Object args = pop();
                    push(call(pop(), args));
                }
                case 'b' -> build(pop(), peek()); // BUILD
                case 'Q' -> push(loader.load(pop())); // BINPERSID
                case 'q' -> memo.put((long) (in.get() & 0xFF), peek()); // BINPUT
                case 'r' -> memo.put(in.getInt() & 0xFFFFFFFFL, peek()); // LONG_BINPUT
                case 0x94 -> memo.put((long) memo.size(), peek()); // MEMOIZE
                case 'h' -> push(memoGet(in.get() & 0xFF)); // BINGET
                case 'j' -> push(memoGet(in.getInt() & 0xFFFFFFFFL)); // LONG_BINGET
                default -> throw error("has pickle opcode 0x" + String.format("%02x", op) + " at byte " + opcodeAt
                        + ", which torch.save does not write; refusing the file");
            }
        }
    }

    /** Looks a global up among the ones torch.save writes; refuses anything else by name. */
    private Object global(String module, String name) {
        for (Callable c : Callable.values()) {
            if (c.module.equals(module) && c.name.equals(name)) {
                return c;
            }
        }
        if (module.equals("torch")) {
            var storage = TorchStorageType.ofClassName(name);
            if (storage.isPresent()) {
                return storage.get();
            }
        }
        throw UserException.in(file, "refusing pickle global '" + printable(module + "." + name) + "' in " + stream
                + ": a checkpoint names only torch's tensor and storage classes (nothing was executed)");
    }

    private Object call(Object callable, Object args) {
        if (!(callable instanceof Callable c)) {
            throw error("calls " + describe(callable) + " at byte " + opcodeAt + "; only torch's rebuild functions can be called");
        }
        List<Object> a = tupleArg(c, args);
        return switch (c) {
            case ORDERED_DICT -> {
                if (!a.isEmpty()) {
                    throw error("builds an OrderedDict from arguments at byte " + opcodeAt + "; torch.save builds it empty");
                }
                yield new LinkedHashMap<>();
            }
            case REBUILD_TENSOR, REBUILD_TENSOR_V2 -> {
                // v1: (storage, offset, size, stride); v2 adds requires_grad, backward_hooks[, metadata]
                int min = c == Callable.REBUILD_TENSOR ? 4 : 6;
                int max = c == Callable.REBUILD_TENSOR ? 4 : 7;
                if (a.size() < min || a.size() > max) {
                    throw error("calls " + c.name + " with " + a.size() + " arguments at byte " + opcodeAt);
                }
                if (!(a.get(0) instanceof StorageRef storage)) {
                    throw error("calls " + c.name + " on " + describe(a.get(0)) + " instead of a storage at byte " + opcodeAt);
                }
                yield new TensorRef(storage, integer(a.get(1), "storage offset"), integers(a.get(2), "size"),
                        integers(a.get(3), "stride"));
            }
            case REBUILD_PARAMETER, REBUILD_PARAMETER_WITH_STATE -> {
                // (data, requires_grad, backward_hooks[, state]): a Parameter is its tensor for our purposes
                int expected = c == Callable.REBUILD_PARAMETER ? 3 : 4;
                if (a.size() != expected || !(a.get(0) instanceof TensorRef tensor)) {
                    throw error("calls " + c.name + " with arguments torch does not write at byte " + opcodeAt);
                }
                yield tensor;
            }
        };
    }

    /** BUILD sets an object's attributes; torch.save uses it only for a state dict's {@code _metadata}. */
    private void build(Object state, Object target) {
        if (!(target instanceof Map) && !(target instanceof TensorRef)) {
            throw error("sets attributes of " + describe(target) + " at byte " + opcodeAt + "; torch.save does not");
        }
        // the state (module versions) does not change any tensor: dropped
    }

    private List<Object> tupleArg(Callable c, Object args) {
        if (!(args instanceof List<?> list) || args instanceof ArrayList) {
            throw error("calls " + c.name + " with " + describe(args) + " instead of an argument tuple at byte " + opcodeAt);
        }
        @SuppressWarnings("unchecked")
        List<Object> a = (List<Object>) list;
        return a;
    }

    private long integer(Object o, String what) {
        if (o instanceof Long l) {
            return l;
        }
        throw error("has a tensor " + what + " that is " + describe(o) + " at byte " + opcodeAt);
    }

    private long[] integers(Object o, String what) {
        if (!(o instanceof List<?> list) || o instanceof ArrayList) {
            throw error("has a tensor " + what + " that is " + describe(o) + " at byte " + opcodeAt);
        }
        long[] out = new long[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = integer(list.get(i), what);
        }
        return out;
    }

    private Object long1(int n) {
        byte[] le = bytes(n);
        if (n == 0) {
            return 0L;
        }
        byte[] be = new byte[n];
        for (int i = 0; i < n; i++) {
            be[i] = le[n - 1 - i];
        }
        BigInteger v = new BigInteger(be); // two's complement, as pickle's LONG1
        return v.bitLength() < 64 ? (Object) v.longValue() : v;
    }

    private String utf8(long n) {
        return new String(bytes(n), StandardCharsets.UTF_8);
    }

    /** A GLOBAL operand: bytes up to a newline, at most {@link #MAX_GLOBAL_LINE}. */
    private String line() {
        StringBuilder s = new StringBuilder();
        while (true) {
            if (!in.hasRemaining()) {
                throw error("ends inside the GLOBAL opcode at byte " + opcodeAt + " (truncated)");
            }
            byte b = in.get();
            if (b == '\n') {
                return s.toString();
            }
            if (s.length() == MAX_GLOBAL_LINE) {
                throw error("has a GLOBAL name longer than " + MAX_GLOBAL_LINE + " bytes at byte " + opcodeAt);
            }
            s.append((char) (b & 0xFF));
        }
    }

    /** Checks a length field against the bytes left: past the end is a truncated or hostile file. */
    private long length(long n, String what) {
        if (n < 0 || n > in.remaining()) {
            throw error("has a " + what + " of " + Long.toUnsignedString(n) + " bytes at byte " + opcodeAt
                    + " but only " + in.remaining() + " bytes follow (truncated or corrupt)");
        }
        return n;
    }

    private byte[] bytes(long n) {
        byte[] b = new byte[(int) length(n, "field")];
        in.get(b);
        return b;
    }

    private Object memoGet(long index) {
        if (!memo.containsKey(index)) {
            throw error("reads memo slot " + index + " that was never written, at byte " + opcodeAt);
        }
        return memo.get(index);
    }

    private List<Object> listOnTop() {
        Object top = peek();
        if (top instanceof ArrayList<?>) {
            @SuppressWarnings("unchecked")
            List<Object> list = (List<Object>) top;
            return list;
        }
        throw error("appends to " + describe(top) + " at byte " + opcodeAt);
    }

    private Map<Object, Object> dictOnTop() {
        Object top = peek();
        if (top instanceof LinkedHashMap<?, ?>) {
            @SuppressWarnings("unchecked")
            Map<Object, Object> dict = (Map<Object, Object>) top;
            return dict;
        }
        throw error("sets an item of " + describe(top) + " at byte " + opcodeAt);
    }

    private static List<Object> tuple(List<Object> items) {
        return Collections.unmodifiableList(new ArrayList<>(items));
    }

    private void push(Object o) {
        stack.add(o);
    }

    private Object pop() {
        requireItemAboveMark();
        return stack.remove(stack.size() - 1);
    }

    private Object peek() {
        requireItemAboveMark();
        return stack.get(stack.size() - 1);
    }

    /** As in Python's unpickler, a MARK starts an empty stack: nothing below it can be popped or read. */
    private void requireItemAboveMark() {
        int floor = marks.isEmpty() ? 0 : marks.get(marks.size() - 1);
        if (stack.size() <= floor) {
            throw error("reads an empty stack at byte " + opcodeAt);
        }
    }

    private List<Object> popToMark() {
        if (marks.isEmpty()) {
            throw error("has no MARK for the opcode at byte " + opcodeAt);
        }
        int from = marks.remove(marks.size() - 1);
        List<Object> items = new ArrayList<>(stack.subList(from, stack.size()));
        stack.subList(from, stack.size()).clear();
        return items;
    }

    private static String describe(Object o) {
        if (o == null) {
            return "None";
        }
        if (o instanceof Callable c) {
            return c.module + "." + c.name;
        }
        if (o instanceof TorchStorageType t) {
            return "torch." + t.className;
        }
        if (o instanceof ArrayList) {
            return "a list";
        }
        if (o instanceof List) {
            return "a tuple";
        }
        if (o instanceof Map) {
            return "a dict";
        }
        return "a " + o.getClass().getSimpleName();
    }

    /** Keeps an error one short line whatever bytes a hostile name holds. */
    static String printable(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length() && b.length() < 120; i++) {
            char c = s.charAt(i);
            b.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return s.length() > 120 ? b + "..." : b.toString();
    }

    private UserException error(String problem) {
        return UserException.in(file, stream + " " + problem);
    }
}
