package faust.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;

/**
 * A headless Chromium driven over the DevTools protocol (a WebSocket; the JDK's HTTP client, no driver binary):
 * open a page, evaluate JavaScript, collect console errors, take a full-page screenshot. Debian's {@code chromium};
 * when it is missing the test tries {@code apt-get install chromium} (as root), and is skipped with a message only
 * when that fails too.
 */
public final class Chromium implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://\\S+)");
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

    private final Process process;
    private final WebSocket socket;
    private final Map<Integer, CompletableFuture<JsonNode>> calls = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final List<String> consoleErrors = new CopyOnWriteArrayList<>();
    private final List<String> log = new CopyOnWriteArrayList<>();

    private Chromium(Process process, WebSocket socket) {
        this.process = process;
        this.socket = socket;
    }

    /**
     * Finds Chromium, installing Debian's package when it is missing and this process may; otherwise aborts the
     * test (skipped, with the reason).
     *
     * @return the browser's executable
     */
    public static Path executable() {
        Path found = find();
        if (found == null && Files.isExecutable(Path.of("/usr/bin/apt-get")) && "root".equals(System.getProperty("user.name"))) {
            try {
                Process p = new ProcessBuilder("sh", "-c", "(apt-get install -y -q chromium || (apt-get update -q"
                        + " && apt-get install -y -q chromium)) >/dev/null 2>&1").inheritIO().start();
                p.waitFor(10, TimeUnit.MINUTES);
            } catch (IOException e) {
                // reported below
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            found = find();
        }
        Assumptions.assumeTrue(found != null, "skipped: no Chromium (chromium, chromium-browser) on this machine and"
                + " 'apt-get install chromium' did not work; .ci/run installs it");
        return found;
    }

    private static Path find() {
        for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
            for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
                Path p = Path.of(dir, name);
                if (Files.isExecutable(p)) {
                    return p;
                }
            }
        }
        return null;
    }

    /**
     * Starts a headless browser with one blank page.
     *
     * @param profile an empty directory for its profile
     * @param width the window's width
     * @param height the window's height
     * @return the browser
     * @throws Exception when it does not start within 60 s
     */
    public static Chromium start(Path profile, int width, int height) throws Exception {
        Path exe = executable();
        Process p = new ProcessBuilder(exe.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--hide-scrollbars", "--user-data-dir=" + profile, "--remote-debugging-port=0",
                "--window-size=" + width + "," + height, "about:blank").redirectErrorStream(true).start();
        CompletableFuture<String> ws = new CompletableFuture<>();
        List<String> output = new CopyOnWriteArrayList<>();
        Thread.ofVirtual().name("chromium-output").start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    output.add(line);
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        ws.complete(m.group(1));
                    }
                }
            } catch (IOException e) {
                // the browser ended
            }
            ws.completeExceptionally(new IllegalStateException("chromium ended without a DevTools URL: " + output));
        });
        String browserUrl;
        try {
            browserUrl = ws.get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            p.destroyForcibly();
            throw new IllegalStateException("chromium did not start within 60 s: " + output, e);
        }
        URI base = URI.create(browserUrl.replaceFirst("^ws://", "http://"));
        HttpClient http = HttpClient.newHttpClient();
        String pageSocket = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (pageSocket == null && System.nanoTime() < deadline) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve("/json/list")).build(),
                    HttpResponse.BodyHandlers.ofString());
            for (JsonNode t : JSON.readTree(r.body())) {
                if (t.path("type").asText().equals("page")) {
                    pageSocket = t.path("webSocketDebuggerUrl").asText();
                }
            }
            if (pageSocket == null) {
                Thread.sleep(200);
            }
        }
        if (pageSocket == null) {
            p.destroyForcibly();
            throw new IllegalStateException("chromium shows no page target");
        }
        Chromium[] self = new Chromium[1];
        Listener listener = new Listener(self);
        WebSocket socket = http.newWebSocketBuilder().buildAsync(URI.create(pageSocket), listener).get(30, TimeUnit.SECONDS);
        self[0] = new Chromium(p, socket);
        listener.ready.complete(null);
        self[0].call("Runtime.enable", JSON.createObjectNode());
        self[0].call("Log.enable", JSON.createObjectNode());
        self[0].call("Page.enable", JSON.createObjectNode());
        return self[0];
    }

    private static final class Listener implements WebSocket.Listener {
        private final Chromium[] self;
        private final CompletableFuture<Void> ready = new CompletableFuture<>();
        private final StringBuilder text = new StringBuilder();

        Listener(Chromium[] self) {
            this.self = self;
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                String message = text.toString();
                text.setLength(0);
                ready.join();
                self[0].received(message);
            }
            ws.request(1);
            return null;
        }
    }

    private void received(String message) {
        try {
            JsonNode m = JSON.readTree(message);
            if (m.has("id")) {
                CompletableFuture<JsonNode> f = calls.remove(m.get("id").asInt());
                if (f != null) {
                    if (m.has("error")) {
                        f.completeExceptionally(new IllegalStateException("DevTools: " + m.get("error")));
                    } else {
                        f.complete(m.path("result"));
                    }
                }
                return;
            }
            String method = m.path("method").asText();
            JsonNode p = m.path("params");
            switch (method) {
                case "Runtime.consoleAPICalled" -> {
                    String line = p.path("type").asText() + ": " + p.path("args").toString();
                    log.add(line);
                    if (p.path("type").asText().equals("error") || p.path("type").asText().equals("assert")) {
                        consoleErrors.add(line);
                    }
                }
                case "Runtime.exceptionThrown" -> consoleErrors.add("uncaught: " + p.path("exceptionDetails").toString());
                case "Log.entryAdded" -> {
                    String line = p.path("entry").path("level").asText() + ": " + p.path("entry").path("text").asText()
                            + " " + p.path("entry").path("url").asText();
                    log.add(line);
                    if (p.path("entry").path("level").asText().equals("error")) {
                        consoleErrors.add(line);
                    }
                }
                default -> {
                }
            }
        } catch (IOException e) {
            consoleErrors.add("unreadable DevTools message: " + e);
        }
    }

    /**
     * Calls a DevTools method and waits for its result.
     *
     * @param method e.g. {@code Page.navigate}
     * @param params its parameters
     * @return its result
     * @throws Exception when it fails or takes more than 30 s
     */
    public JsonNode call(String method, ObjectNode params) throws Exception {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> f = new CompletableFuture<>();
        calls.put(id, f);
        ObjectNode msg = JSON.createObjectNode().put("id", id).put("method", method);
        msg.set("params", params);
        synchronized (socket) {
            socket.sendText(msg.toString(), true).get(CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        }
        return f.get(CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    /**
     * @param url the page to open
     * @throws Exception when navigation fails
     */
    public void open(String url) throws Exception {
        call("Page.navigate", JSON.createObjectNode().put("url", url));
    }

    /**
     * Evaluates a JavaScript expression in the page.
     *
     * @param expression e.g. {@code document.title}
     * @return its value as JSON (null when undefined)
     * @throws Exception when it throws
     */
    public JsonNode eval(String expression) throws Exception {
        JsonNode r = call("Runtime.evaluate", JSON.createObjectNode().put("expression", expression)
                .put("returnByValue", true).put("awaitPromise", true));
        if (r.has("exceptionDetails")) {
            throw new IllegalStateException("the page threw evaluating " + expression + ": " + r.get("exceptionDetails"));
        }
        return r.path("result").path("value");
    }

    /**
     * Saves a screenshot of the whole page (as tall as its content).
     *
     * @param file where the PNG goes
     * @param width the page width
     * @throws Exception when it fails
     */
    public void screenshot(Path file, int width) throws Exception {
        int height = Math.max(600, eval("Math.ceil(document.documentElement.scrollHeight)").asInt());
        call("Emulation.setDeviceMetricsOverride", JSON.createObjectNode().put("width", width).put("height", height)
                .put("deviceScaleFactor", 1).put("mobile", false));
        eval("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))");
        JsonNode shot = call("Page.captureScreenshot", JSON.createObjectNode().put("format", "png")
                .put("captureBeyondViewport", true));
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, Base64.getDecoder().decode(shot.path("data").asText()));
    }

    /** @return console errors, uncaught exceptions and failed loads the page logged so far */
    public List<String> consoleErrors() {
        return new ArrayList<>(consoleErrors);
    }

    /** @return every console and log line so far */
    public List<String> log() {
        return new ArrayList<>(log);
    }

    @Override
    public void close() {
        try {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            // closing anyway
        }
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        children.forEach(ProcessHandle::destroyForcibly);
    }
}
