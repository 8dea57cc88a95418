package dev.electrabench.harness.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A file server on 127.0.0.1 (ephemeral port) for download tests: serves files from a directory or from
 * memory, honours "Range: bytes=N-" with 206 when asked to, and records what it was asked for.
 */
public final class LocalHttpServer implements AutoCloseable {
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-");

    private final HttpServer server;
    private final Function<String, byte[]> content;
    private final boolean honourRange;
    /** "GET /path" or "GET /path bytes=N-" per request. */
    public final List<String> requests = new CopyOnWriteArrayList<>();
    /** Body bytes sent per path. */
    public final Map<String, Long> bytesSent = new ConcurrentHashMap<>();

    private LocalHttpServer(Function<String, byte[]> content, boolean honourRange) throws IOException {
        this.content = content;
        this.honourRange = honourRange;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Serves {@code root}'s files at their relative paths. */
    public static LocalHttpServer serving(Path dir, boolean honourRange) throws IOException {
        Path root = dir.toAbsolutePath().normalize();
        return new LocalHttpServer(path -> {
            Path file = root.resolve(path.substring(1)).normalize();
            try {
                return file.startsWith(root) && Files.isRegularFile(file) ? Files.readAllBytes(file) : null;
            } catch (IOException e) {
                return null;
            }
        }, honourRange);
    }

    /** Serves the given bytes at the given (decoded) paths. */
    public static LocalHttpServer serving(Map<String, byte[]> files) throws IOException {
        return new LocalHttpServer(files::get, true);
    }

    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String range = exchange.getRequestHeaders().getFirst("Range");
        requests.add("GET " + path + (range == null ? "" : " " + range));
        byte[] body = content.apply(path);
        try (exchange) {
            if (body == null) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            int from = 0;
            Matcher m = range == null ? null : RANGE.matcher(range);
            if (honourRange && m != null && m.matches()) {
                from = Integer.parseInt(m.group(1));
                if (from >= body.length) {
                    exchange.getResponseHeaders().add("Content-Range", "bytes */" + body.length);
                    exchange.sendResponseHeaders(416, -1);
                    return;
                }
                exchange.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + (body.length - 1) + "/" + body.length);
                exchange.sendResponseHeaders(206, body.length - from);
            } else {
                exchange.sendResponseHeaders(200, body.length);
            }
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body, from, body.length - from);
            }
            bytesSent.merge(path, (long) (body.length - from), Long::sum);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
