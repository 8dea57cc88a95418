package dev.electrabench.harness.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Debian's {@code chromium}, headless, driven over the DevTools protocol (JDK WebSocket + Jackson): load a
 * page, collect console errors, uncaught exceptions and error log entries (failed loads), evaluate
 * JavaScript, take a full-page screenshot. A fresh profile per instance; as root, so {@code --no-sandbox}.
 * There is deliberately no "skip when absent": {@link #start} fails with the command that installs it.
 */
public final class HeadlessChromium implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final Path profile;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final List<JsonNode> events = new CopyOnWriteArrayList<>();
    private final List<String> errors = new CopyOnWriteArrayList<>();
    private volatile CompletableFuture<Void> loaded = new CompletableFuture<>();

    /** What a page load found. */
    public record Page(List<String> errors, JsonNode evaluation, byte[] screenshotPng) {}

    private HeadlessChromium(Process process, Path profile, WebSocket socket) {
        this.process = process;
        this.profile = profile;
        this.socket = socket;
    }

    /** The chromium binary: $CHROMIUM, else chromium / chromium-browser / google-chrome on the PATH. */
    public static Path binary() {
        String env = System.getenv("CHROMIUM");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator)) {
            for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
                Path p = Path.of(dir, name);
                if (Files.isExecutable(p)) {
                    return p;
                }
            }
        }
        throw new IllegalStateException("no chromium on the PATH (nor $CHROMIUM): the report.html browser test needs it; "
                + "install it with `apt-get install -y chromium` (.ci/run does so on a fresh machine)");
    }

    public static HeadlessChromium start() throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("electra-bench-chromium-");
        List<String> cmd = List.of(binary().toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-extensions",
                "--user-data-dir=" + profile, "--remote-debugging-port=0", "--window-size=1280,900", "about:blank");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(profile.resolve("chromium.log").toFile()).start();
        try {
            Path portFile = profile.resolve("DevToolsActivePort");
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (!(Files.isRegularFile(portFile) && Files.readAllLines(portFile).size() >= 2)) {
                if (!p.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException("chromium did not start (exit " + (p.isAlive() ? "none" : p.exitValue()) + "): "
                            + Files.readString(profile.resolve("chromium.log")));
                }
                Thread.sleep(50);
            }
            int port = Integer.parseInt(Files.readAllLines(portFile).get(0).trim());
            HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
            String list = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list")).timeout(TIMEOUT).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            String wsUrl = null;
            for (JsonNode t : JSON.readTree(list)) {
                if (t.get("type").asText().equals("page")) {
                    wsUrl = t.get("webSocketDebuggerUrl").asText();
                    break;
                }
            }
            if (wsUrl == null) {
                throw new IllegalStateException("chromium has no page target: " + list);
            }
            HeadlessChromium[] self = new HeadlessChromium[1];
            Listener listener = new Listener(self);
            WebSocket ws = http.newWebSocketBuilder().connectTimeout(TIMEOUT).buildAsync(URI.create(wsUrl), listener)
                    .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            self[0] = new HeadlessChromium(p, profile, ws);
            listener.ready.complete(null);
            self[0].call("Runtime.enable", null);
            self[0].call("Log.enable", null);
            self[0].call("Page.enable", null);
            return self[0];
        } catch (IOException | InterruptedException | RuntimeException | java.util.concurrent.ExecutionException
                 | java.util.concurrent.TimeoutException e) {
            p.destroyForcibly();
            throw e instanceof IOException io ? io : new IOException("cannot drive chromium: " + e, e);
        }
    }

    /**
     * Loads {@code file}, waits for its load event, evaluates {@code expression} (its value must be
     * JSON-serialisable) and screenshots the whole page.
     */
    public Page load(Path file, String expression) throws IOException {
        errors.clear();
        loaded = new CompletableFuture<>();
        ObjectNode nav = JSON.createObjectNode().put("url", file.toUri().toString());
        JsonNode r = call("Page.navigate", nav);
        if (r.has("errorText")) {
            throw new IOException("chromium could not open " + file + ": " + r.get("errorText").asText());
        }
        await(loaded);
        JsonNode value = call("Runtime.evaluate", JSON.createObjectNode().put("expression", expression).put("returnByValue", true));
        if (value.has("exceptionDetails")) {
            throw new IOException("evaluation failed: " + value.get("exceptionDetails"));
        }
        JsonNode size = call("Page.getLayoutMetrics", null).get("cssContentSize");
        ObjectNode clip = JSON.createObjectNode().put("x", 0).put("y", 0).put("width", size.get("width").asDouble())
                .put("height", size.get("height").asDouble()).put("scale", 1);
        ObjectNode shot = JSON.createObjectNode().put("format", "png").put("captureBeyondViewport", true);
        shot.set("clip", clip);
        byte[] png = Base64.getDecoder().decode(call("Page.captureScreenshot", shot).get("data").asText());
        return new Page(List.copyOf(errors), value.get("result").get("value"), png);
    }

    private JsonNode call(String method, ObjectNode params) throws IOException {
        int id = ids.incrementAndGet();
        ObjectNode msg = JSON.createObjectNode().put("id", id).put("method", method);
        if (params != null) {
            msg.set("params", params);
        }
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        pending.put(id, reply);
        socket.sendText(JSON.writeValueAsString(msg), true);
        JsonNode answer = await(reply);
        if (answer.has("error")) {
            throw new IOException(method + ": " + answer.get("error"));
        }
        return answer.get("result");
    }

    private static <T> T await(CompletableFuture<T> f) throws IOException {
        try {
            return f.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException | java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IOException("no answer from chromium within " + TIMEOUT.toSeconds() + " s: " + e, e);
        }
    }

    private void onMessage(JsonNode msg) {
        if (msg.has("id")) {
            CompletableFuture<JsonNode> f = pending.remove(msg.get("id").asInt());
            if (f != null) {
                f.complete(msg);
            }
            return;
        }
        events.add(msg);
        String method = msg.path("method").asText();
        JsonNode params = msg.path("params");
        switch (method) {
            case "Page.loadEventFired" -> loaded.complete(null);
            case "Runtime.consoleAPICalled" -> {
                String type = params.path("type").asText();
                if (type.equals("error") || type.equals("assert")) {
                    List<String> args = new ArrayList<>();
                    params.path("args").forEach(a -> args.add(a.path("value").asText(a.path("description").asText())));
                    errors.add("console." + type + ": " + String.join(" ", args));
                }
            }
            case "Runtime.exceptionThrown" -> errors.add("uncaught: " + params.path("exceptionDetails").path("exception").path("description")
                    .asText(params.path("exceptionDetails").path("text").asText()));
            case "Log.entryAdded" -> {
                JsonNode e = params.path("entry");
                if (e.path("level").asText().equals("error")) {
                    errors.add("log: " + e.path("text").asText() + " " + e.path("url").asText(""));
                }
            }
            default -> { }
        }
    }

    @Override
    public void close() throws IOException {
        try {
            call("Browser.close", null);
        } catch (IOException ignored) {
            // already gone: destroy below
        }
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> s = Files.walk(profile)) {
            s.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }

    /** Reassembles fragmented text frames into messages. */
    private static final class Listener implements WebSocket.Listener {
        final HeadlessChromium[] self;
        final CompletableFuture<Void> ready = new CompletableFuture<>();
        final StringBuilder buffer = new StringBuilder();

        Listener(HeadlessChromium[] self) {
            this.self = self;
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            buffer.append(data);
            if (last) {
                String text = buffer.toString();
                buffer.setLength(0);
                ready.join(); // the first events may arrive before start() has built the instance
                try {
                    self[0].onMessage(JSON.readTree(text.getBytes(StandardCharsets.UTF_8)));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
            ws.request(1);
            return null;
        }
    }
}
