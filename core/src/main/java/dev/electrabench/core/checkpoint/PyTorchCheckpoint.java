package dev.electrabench.core.checkpoint;

import dev.electrabench.core.UserException;
import dev.electrabench.core.checkpoint.TorchUnpickler.StorageRef;
import dev.electrabench.core.checkpoint.TorchUnpickler.TensorRef;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Reads {@code pytorch_model.bin}: {@code torch.save} of a state dict, without Python. Two layouts:
 * <ul>
 *   <li>zip (torch ≥ 1.6): {@code <archive>/data.pkl} (the pickle), {@code <archive>/data/<key>} (one
 *       record of raw bytes per storage), {@code byteorder}, {@code .format_version}, {@code version};
 *   <li>legacy (torch &lt; 1.6): five pickles back to back (magic number, protocol 1001, system info, the
 *       state dict, the list of storage keys), then per key an int64 element count and the raw bytes.
 * </ul>
 * The pickle is read by {@link TorchUnpickler}, which refuses anything but tensor data. Tensors are views
 * (offset, sizes, strides) of storages, which several tensors may share (tied weights are one storage named
 * twice): each storage is decoded once to float32 and each tensor gathered from it. Every count in the file
 * is checked against the bytes actually there before anything is allocated.
 */
public final class PyTorchCheckpoint {
    /** {@code torch.serialization.MAGIC_NUMBER}, the first pickle of the legacy format. */
    static final BigInteger LEGACY_MAGIC = new BigInteger("1950a86a20f9469cfc6c", 16);
    static final long LEGACY_PROTOCOL = 1001;
    private static final byte[] ZIP_SIGNATURE = {'P', 'K', 3, 4};
    /** Bytes decoded per read when streaming a storage. */
    private static final int CHUNK_BYTES = 1 << 16;

    private final Path file;
    private final long fileSize;
    /** Storages by key, as the pickle's persistent ids declare them. */
    private final Map<String, StorageRef> storages = new LinkedHashMap<>();

    private PyTorchCheckpoint(Path file, long fileSize) {
        this.file = file;
        this.fileSize = fileSize;
    }

    /**
     * The state dict in {@code file} as float32 tensors in file order (float16, bfloat16, float64 and integer
     * tensors converted; two names of one tied storage share one array).
     *
     * @throws UserException naming the file if it is missing, not a PyTorch checkpoint, truncated, names a
     *                       Python global other than torch's tensor classes, or is otherwise malformed
     */
    public static LinkedHashMap<String, TensorData> read(Path file) {
        byte[] head = new byte[16];
        long size;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            size = channel.size();
            ByteBuffer b = ByteBuffer.wrap(head);
            while (b.hasRemaining() && channel.read(b) >= 0) {
                // the first bytes tell the format
            }
        } catch (NoSuchFileException e) {
            throw UserException.in(file, "no such PyTorch checkpoint file");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        PyTorchCheckpoint reader = new PyTorchCheckpoint(file, size);
        if (Arrays.equals(Arrays.copyOf(head, 4), ZIP_SIGNATURE)) {
            return reader.readZip();
        }
        // legacy: PROTO 2, then LONG1 of 10 bytes (the magic number)
        if ((head[0] & 0xFF) == 0x80 && head[1] == 2 && (head[2] & 0xFF) == 0x8a) {
            return reader.readLegacy();
        }
        throw UserException.in(file, "not a PyTorch checkpoint: neither the zip format (torch >= 1.6) nor the legacy pickle format");
    }

    private LinkedHashMap<String, TensorData> readZip() {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            String prefix = archivePrefix(zip);
            ZipEntry byteOrder = zip.getEntry(prefix + "byteorder");
            if (byteOrder != null) {
                String order = new String(entryBytes(zip, byteOrder), StandardCharsets.US_ASCII).trim();
                if (!order.equals("little")) {
                    throw UserException.in(file, "byte order '" + TorchUnpickler.printable(order) + "' is not supported (only little-endian)");
                }
            }
            byte[] pickle = entryBytes(zip, zip.getEntry(prefix + "data.pkl"));
            Object root = TorchUnpickler.read(file, "data.pkl", ByteBuffer.wrap(pickle), this::storage);
            Map<String, float[]> decoded = new HashMap<>();
            for (StorageRef s : storages.values()) {
                ZipEntry record = zip.getEntry(prefix + "data/" + s.key());
                if (record == null) {
                    throw UserException.in(file, "storage '" + TorchUnpickler.printable(s.key()) + "' has no record data/" + s.key());
                }
                long bytes = s.numel() * s.type().elementSize();
                if (record.getSize() < bytes) {
                    throw UserException.in(file, "storage '" + s.key() + "' declares " + s.numel() + " elements (" + bytes
                            + " bytes) but its record holds " + record.getSize() + " bytes");
                }
                requireStored(record);
                try (InputStream in = zip.getInputStream(record)) {
                    decoded.put(s.key(), decode(Channels.newChannel(in), s));
                }
            }
            return tensors(root, decoded);
        } catch (ZipException e) {
            throw UserException.in(file, "truncated or corrupt zip checkpoint (" + TorchUnpickler.printable(String.valueOf(e.getMessage())) + ")");
        } catch (IOException e) {
            throw UserException.in(file, "cannot read the zip checkpoint (" + TorchUnpickler.printable(String.valueOf(e.getMessage())) + ")");
        }
    }

    /** The folder every record of the archive sits in ("pytorch_model/", "archive/", ...), from its data.pkl. */
    private String archivePrefix(ZipFile zip) {
        List<String> pickles = new ArrayList<>();
        zip.stream().map(ZipEntry::getName)
                .filter(n -> n.endsWith("/data.pkl") && n.indexOf('/') == n.length() - "/data.pkl".length())
                .forEach(pickles::add);
        if (pickles.size() != 1) {
            throw UserException.in(file, pickles.isEmpty()
                    ? "zip file without <archive>/data.pkl: not a torch.save checkpoint"
                    : "zip file with " + pickles.size() + " data.pkl records: not a torch.save checkpoint");
        }
        return pickles.get(0).substring(0, pickles.get(0).length() - "data.pkl".length());
    }

    private byte[] entryBytes(ZipFile zip, ZipEntry entry) throws IOException {
        requireStored(entry);
        long size = entry.getSize();
        if (size < 0 || size > fileSize) {
            throw UserException.in(file, "record " + entry.getName() + " claims " + size + " bytes in a file of " + fileSize);
        }
        try (InputStream in = zip.getInputStream(entry)) {
            byte[] b = in.readNBytes((int) size);
            if (b.length != size) {
                throw UserException.in(file, "record " + entry.getName() + " ends after " + b.length + " of " + size + " bytes (truncated)");
            }
            return b;
        }
    }

    /** torch.save stores records uncompressed; a compressed one could inflate to any size. */
    private void requireStored(ZipEntry entry) {
        if (entry.getMethod() != ZipEntry.STORED) {
            throw UserException.in(file, "record " + TorchUnpickler.printable(entry.getName())
                    + " is compressed; torch.save stores its records uncompressed");
        }
    }

    private LinkedHashMap<String, TensorData> readLegacy() {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            // the pickles come first; storages are read from the channel at their offsets afterwards
            ByteBuffer head = channel.map(FileChannel.MapMode.READ_ONLY, 0, Math.min(fileSize, Integer.MAX_VALUE));
            Object magic = TorchUnpickler.read(file, "magic number", head, this::noPersistentIds);
            if (!LEGACY_MAGIC.equals(magic instanceof Long l ? BigInteger.valueOf(l) : magic)) {
                throw UserException.in(file, "legacy checkpoint without torch's magic number");
            }
            Object protocol = TorchUnpickler.read(file, "protocol version", head, this::noPersistentIds);
            if (!Long.valueOf(LEGACY_PROTOCOL).equals(protocol)) {
                throw UserException.in(file, "legacy checkpoint protocol " + protocol + " (expected " + LEGACY_PROTOCOL + ")");
            }
            Object sysInfo = TorchUnpickler.read(file, "system info", head, this::noPersistentIds);
            if (!(sysInfo instanceof Map<?, ?> info) || !Boolean.TRUE.equals(info.get("little_endian"))) {
                throw UserException.in(file, "legacy checkpoint is not little-endian (system info " + TorchUnpickler.printable(String.valueOf(sysInfo)) + ")");
            }
            Object root = TorchUnpickler.read(file, "state dict pickle", head, this::storage);
            Object keys = TorchUnpickler.read(file, "storage key list", head, this::noPersistentIds);
            if (!(keys instanceof List<?> keyList)) {
                throw UserException.in(file, "legacy checkpoint's storage key list is " + keys);
            }
            Map<String, float[]> decoded = new HashMap<>();
            long offset = head.position();
            for (Object k : keyList) {
                StorageRef s = k instanceof String key ? storages.get(key) : null;
                if (s == null) {
                    throw UserException.in(file, "storage key " + TorchUnpickler.printable(String.valueOf(k)) + " is listed but no tensor uses it");
                }
                if (offset + Long.BYTES > fileSize) {
                    throw UserException.in(file, "ends before storage '" + s.key() + "' (truncated)");
                }
                ByteBuffer count = ByteBuffer.allocate(Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
                channel.read(count, offset);
                long numel = count.getLong(0);
                if (numel != s.numel()) {
                    throw UserException.in(file, "storage '" + s.key() + "' has " + numel + " elements in the data section but "
                            + s.numel() + " in the pickle");
                }
                offset += Long.BYTES;
                long bytes = numel * s.type().elementSize();
                if (bytes > fileSize - offset) {
                    throw UserException.in(file, "storage '" + s.key() + "' needs " + bytes + " bytes but only "
                            + (fileSize - offset) + " remain (truncated)");
                }
                decoded.put(s.key(), decode(channel.position(offset), s));
                offset += bytes;
            }
            for (StorageRef s : storages.values()) {
                if (!decoded.containsKey(s.key())) {
                    throw UserException.in(file, "storage '" + s.key() + "' is used but not in the storage key list");
                }
            }
            return tensors(root, decoded);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private Object noPersistentIds(Object pid) {
        throw UserException.in(file, "legacy header pickle refers to a storage");
    }

    /**
     * A persistent id {@code ('storage', torch.XStorage, key, location, numel[, view_metadata])}; the same key
     * always names the same storage, which is how tied weights share one.
     */
    private StorageRef storage(Object pid) {
        if (!(pid instanceof List<?> t) || t.size() < 5 || t.size() > 6 || !"storage".equals(t.get(0))
                || !(t.get(1) instanceof TorchStorageType type) || !(t.get(2) instanceof String key)
                || !(t.get(3) instanceof String) || !(t.get(4) instanceof Long numel)) {
            throw UserException.in(file, "persistent id " + TorchUnpickler.printable(String.valueOf(pid))
                    + " is not a torch storage ('storage', type, key, location, size)");
        }
        if (t.size() == 6 && t.get(5) != null) {
            throw UserException.in(file, "storage '" + key + "' is a view of another storage (pre-1.0 format), not supported");
        }
        // bounded: a storage can hold no more bytes than the file, whatever its header says
        if (numel < 0 || numel > fileSize / type.elementSize()) {
            throw UserException.in(file, "storage '" + TorchUnpickler.printable(key) + "' declares " + numel + " elements of "
                    + type.elementSize() + " bytes, more than the " + fileSize + "-byte file holds");
        }
        StorageRef ref = new StorageRef(key, type, numel);
        StorageRef before = storages.putIfAbsent(key, ref);
        if (before != null && !before.equals(ref)) {
            throw UserException.in(file, "storage '" + key + "' is declared twice with different types or sizes");
        }
        return before == null ? ref : before;
    }

    /** Reads {@code s.numel()} elements from {@code in} and converts them to float32. */
    private float[] decode(ReadableByteChannel in, StorageRef s) throws IOException {
        if (s.numel() > Integer.MAX_VALUE - 8) {
            throw UserException.in(file, "storage '" + s.key() + "' has " + s.numel() + " elements, more than one array holds");
        }
        int size = s.type().elementSize();
        float[] out = new float[(int) s.numel()];
        ByteBuffer chunk = ByteBuffer.allocate(CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        float[] converted = new float[CHUNK_BYTES / size];
        int done = 0;
        while (done < out.length) {
            int n = Math.min(converted.length, out.length - done);
            chunk.clear().limit(n * size);
            while (chunk.hasRemaining()) {
                if (in.read(chunk) < 0) {
                    throw UserException.in(file, "storage '" + s.key() + "' ends after " + done + " of " + out.length + " elements (truncated)");
                }
            }
            chunk.flip();
            float[] into = n == converted.length ? converted : new float[n];
            s.type().dtype.decode(chunk, into);
            System.arraycopy(into, 0, out, done, n);
            done += n;
        }
        return out;
    }

    /** The pickled state dict's tensors, each gathered from its decoded storage. */
    private LinkedHashMap<String, TensorData> tensors(Object root, Map<String, float[]> decoded) {
        if (!(root instanceof Map<?, ?> dict)) {
            throw UserException.in(file, "holds " + (root == null ? "None" : root.getClass().getSimpleName()) + ", not a state dict");
        }
        LinkedHashMap<String, TensorData> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : dict.entrySet()) {
            if (!(e.getKey() instanceof String name)) {
                throw UserException.in(file, "state dict key " + TorchUnpickler.printable(String.valueOf(e.getKey())) + " is not a string");
            }
            if (!(e.getValue() instanceof TensorRef t)) {
                throw UserException.in(file, "state dict entry '" + TorchUnpickler.printable(name) + "' is not a tensor");
            }
            out.put(name, new TensorData(name, t.size(), gather(name, t, decoded.get(t.storage().key()))));
        }
        return out;
    }

    /**
     * The tensor's elements in row-major order: element (i0, i1, ...) is storage[offset + Σ ik·stride_k].
     * A tensor that is its whole storage, contiguous, shares the storage's array.
     */
    private float[] gather(String name, TensorRef t, float[] storage) {
        long[] size = t.size();
        long[] stride = t.stride();
        String what = "tensor '" + TorchUnpickler.printable(name) + "'";
        if (size.length != stride.length) {
            throw UserException.in(file, what + " has " + size.length + " sizes but " + stride.length + " strides");
        }
        long count = 1;
        long last = t.offset();
        boolean contiguous = true;
        long expected = 1;
        try {
            for (int d = size.length - 1; d >= 0; d--) {
                if (size[d] < 0 || stride[d] < 0) {
                    throw UserException.in(file, what + " has a negative size or stride " + Arrays.toString(size) + " / " + Arrays.toString(stride));
                }
                count = Math.multiplyExact(count, size[d]);
                if (size[d] > 0) {
                    last = Math.addExact(last, Math.multiplyExact(size[d] - 1, stride[d]));
                }
                contiguous &= size[d] == 1 || stride[d] == expected;
                expected = Math.multiplyExact(expected, size[d]);
            }
        } catch (ArithmeticException e) {
            throw UserException.in(file, what + " has sizes " + Arrays.toString(size) + " that overflow");
        }
        if (t.offset() < 0 || (count > 0 && last >= storage.length)) {
            throw UserException.in(file, what + " reads past its storage '" + t.storage().key() + "' of " + storage.length + " elements");
        }
        // each value read from the file at most once, so the file size bounds this allocation too
        if (count > storage.length) {
            throw UserException.in(file, what + " has " + count + " elements, more than its storage holds (" + storage.length
                    + "); expanded tensors are not read");
        }
        if (contiguous && t.offset() == 0 && count == storage.length) {
            return storage;
        }
        float[] out = new float[(int) count];
        if (count == 0) {
            return out;
        }
        long[] index = new long[size.length];
        long at = t.offset();
        for (int i = 0; i < out.length; i++) {
            out[i] = storage[(int) at];
            // odometer over the dimensions, last fastest
            for (int d = size.length - 1; d >= 0; d--) {
                if (++index[d] < size[d]) {
                    at += stride[d];
                    break;
                }
                at -= (size[d] - 1) * stride[d];
                index[d] = 0;
            }
        }
        return out;
    }
}
