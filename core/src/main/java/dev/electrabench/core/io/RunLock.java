package dev.electrabench.core.io;

import dev.electrabench.core.UserException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;

/**
 * One writer per run folder: an OS lock on {@code DIR/.electra-bench.lock}, held until {@link #close} or the
 * process ends (the OS drops it on kill -9, so a stale file never blocks). The file holds the holder's pid,
 * which a refused second run names. Re-entrant within one JVM (a command locks its folder before the loop
 * that runs in it locks it again).
 */
public final class RunLock implements AutoCloseable {
    public static final String FILE = ".electra-bench.lock";

    private static final Map<Path, Held> HELD = new HashMap<>();

    private record Held(FileChannel channel, FileLock lock, int[] count) {}

    private final Path dir;
    private boolean closed;

    private RunLock(Path dir) {
        this.dir = dir;
    }

    /**
     * Creates {@code dir} if needed and locks it; a user error (one line) when it cannot be created or
     * written, or another process holds it.
     */
    public static RunLock acquire(Path dir) {
        Path key = dir.toAbsolutePath().normalize();
        synchronized (HELD) {
            Held h = HELD.get(key);
            if (h != null) {
                h.count()[0]++;
                return new RunLock(key);
            }
            Path file = key.resolve(FILE);
            FileChannel ch = null;
            try {
                Files.createDirectories(key);
                ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
                FileLock lock;
                try {
                    lock = ch.tryLock();
                } catch (OverlappingFileLockException e) {
                    lock = null; // another channel of this JVM (not through this class)
                }
                if (lock == null) {
                    String pid = holder(ch);
                    ch.close();
                    throw UserException.in(key, "is in use by another electra-bench run (pid " + pid
                            + "); wait for it to finish or choose another output folder");
                }
                ch.truncate(0);
                ch.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
                ch.force(false);
                HELD.put(key, new Held(ch, lock, new int[] {1}));
                return new RunLock(key);
            } catch (IOException e) {
                closeQuietly(ch);
                throw UserException.in(Files.isDirectory(key) ? file : key, "output folder is not writable: "
                        + AtomicFiles.reason(e));
            }
        }
    }

    /** The pid written by the lock's holder ("unknown" while it has not written it yet). */
    private static String holder(FileChannel ch) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(32);
        ch.read(b, 0);
        String s = new String(b.array(), 0, b.position(), StandardCharsets.US_ASCII).trim();
        return s.matches("\\d+") ? s : "unknown";
    }

    /** Whether this JVM holds the lock of {@code dir}. */
    public static boolean isHeld(Path dir) {
        synchronized (HELD) {
            return HELD.containsKey(dir.toAbsolutePath().normalize());
        }
    }

    @Override
    public void close() {
        synchronized (HELD) {
            if (closed) {
                return;
            }
            closed = true;
            Held h = HELD.get(dir);
            if (h == null || --h.count()[0] > 0) {
                return;
            }
            HELD.remove(dir);
            try {
                h.lock().release();
            } catch (IOException e) {
                // the channel's close below releases it too
            }
            closeQuietly(h.channel());
        }
    }

    private static void closeQuietly(FileChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // nothing left to release
            }
        }
    }
}
