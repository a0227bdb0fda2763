package faust.web.internal;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Bad requests get 4xx JSON, never a stack trace; bodies are size-limited; binding everything warns (issue 16). */
class WebServerTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private WebServer server;
    private String base;

    @BeforeEach
    void start() {
        server = WebServer.start("127.0.0.1", 0, () -> Map.of("app", "x"), () -> true, List.of(
                new Route("/boom", (params, headers) -> {
                    throw new IllegalStateException("table store closed");
                }),
                new Route("/table/{name}/{key}", (params, headers) ->
                        new Route.Response(404, Map.of("error", "no key " + params.get("key"))))));
        base = "http://127.0.0.1:" + server.port();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertJsonError(HttpResponse<String> r, int status) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).contains("json"));
        assertThat(r.body()).contains("\"error\"").contains("\"status\":" + status).doesNotContain("\tat ")
                .doesNotContain("Exception:").doesNotContain("<html");
    }

    @Test
    void anUnknownPathIs404Json() throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(base + "/nope/here")));
        assertJsonError(r, 404);
        assertThat(r.body()).contains("no such page: GET /nope/here");
    }

    @Test
    void aRouteThatFailsIs500JsonWithOneLineAndNoStackTrace() throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(base + "/boom")));
        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(r.body()).contains("table store closed").doesNotContain("\tat ").doesNotContain("faust.web.");
    }

    @Test
    void aRoutesOwn404BodyIsKept() throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(base + "/table/t/k1")));
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.body()).contains("no key k1");
    }

    @Test
    void aWrongMethodAndAnOversizedBodyAre4xxJson() throws Exception {
        HttpResponse<String> post = send(HttpRequest.newBuilder(URI.create(base + "/"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertThat(post.statusCode()).isBetween(400, 499);
        assertThat(post.body()).contains("\"error\"").doesNotContain("\tat ");

        byte[] big = new byte[(int) WebErrors.MAX_BODY_BYTES + 1];
        HttpResponse<String> huge = send(HttpRequest.newBuilder(URI.create(base + "/"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(big)));
        assertJsonError(huge, 413);
    }

    @Test
    void aMalformedRequestLineIsAnsweredWithoutAStackTrace() throws Exception {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write("GET /%zz%%/ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            byte[] buf = new byte[8192];
            StringBuilder got = new StringBuilder();
            int n;
            // the head and a short body; a server may keep the connection open after it
            while (got.indexOf("\r\n\r\n") < 0 && (n = in.read(buf)) > 0) {
                got.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
            }
            String answer = got.toString();
            assertThat(answer).startsWith("HTTP/1.1 4");
            assertThat(answer).doesNotContain("\tat ").doesNotContain("Exception");
        }
    }

    @Test
    void bindingAllInterfacesWarnsOnce() {
        Logger logger = (Logger) LoggerFactory.getLogger(WebServer.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try (WebServer all = WebServer.start("0.0.0.0", 0, Map::of, () -> true, List.of())) {
            assertThat(appender.list).filteredOn(e -> e.getFormattedMessage().contains("listens on all interfaces"))
                    .hasSize(1);
        } finally {
            logger.detachAppender(appender);
        }
        assertThat(appender.list.stream().filter(e -> e.getFormattedMessage().contains("all interfaces")).count())
                .isEqualTo(1);
    }
}
