package faust.cli.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The text of {@code faust status}: a worker's {@code /dashboard/api/cluster/N} document as a summary line and
 * three aligned tables (workers, agents, partitions).
 */
final class StatusText {
    private StatusText() {
    }

    /**
     * @param cluster {@code {"self": url, "workers": [...]}} as the worker served it
     * @return the text, ending in a line break
     */
    static String of(JsonNode cluster) {
        String nl = System.lineSeparator();
        StringBuilder sb = new StringBuilder();
        List<JsonNode> up = new ArrayList<>();
        List<JsonNode> down = new ArrayList<>();
        for (JsonNode w : cluster.path("workers")) {
            (w.has("error") ? down : up).add(w);
        }
        String app = up.isEmpty() ? "?" : up.get(0).path("status").path("app").asText("?");
        int partitions = 0;
        double events = 0;
        long lag = 0;
        boolean lagKnown = false;
        Table workers = new Table("worker", "state", "leader", "active", "standby", "events/s", "in/s", "sent/s",
                "lag", "commit p99 ms", "errors", "dead letters");
        Table agents = new Table("agent", "worker", "events/s", "events", "buffer", "runtime p99 ms", "errors");
        List<Object[]> parts = new ArrayList<>();
        for (JsonNode w : up) {
            JsonNode st = w.path("status");
            JsonNode s = w.path("sensors");
            String url = w.path("url").asText();
            int active = st.path("assignment").size();
            partitions += active;
            JsonNode last = lastPoint(s.path("history"));
            double ev = s.isMissingNode() ? Double.NaN : last == null ? 0 : last.path("events_s").asDouble();
            long wlag = 0;
            boolean known = false;
            for (JsonNode p : s.path("partitions")) {
                if (p.path("lag").isNumber()) {
                    wlag += p.path("lag").asLong();
                    known = true;
                }
                parts.add(new Object[] {p.path("topic").asText(), p.path("partition").asInt(), url,
                    opt(p.path("committed")), opt(p.path("end")), opt(p.path("lag"))});
            }
            if (!Double.isNaN(ev)) {
                events += ev;
            }
            if (known) {
                lag += wlag;
                lagKnown = true;
            }
            workers.row(url, st.path("state").asText("?") + (st.path("ready").asBoolean() ? "" : " (not ready)"),
                    st.path("leader").asBoolean() ? "yes" : "-", active, w.path("standby_partitions").size(),
                    StatusCommand.num(ev),
                    s.isMissingNode() ? "-" : StatusCommand.num(last == null ? 0 : last.path("messages_s").asDouble()),
                    s.isMissingNode() ? "-" : StatusCommand.num(last == null ? 0 : last.path("sent_s").asDouble()),
                    known ? Long.toString(wlag) : "-", s.isMissingNode() ? "-" : opt(s.path("commit_ms").path("p99")),
                    s.isMissingNode() ? "-" : s.path("errors_total").asText(),
                    s.isMissingNode() ? "-" : s.path("dead_letters").asText());
            for (JsonNode a : s.path("agents")) {
                agents.row("@" + a.path("name").asText(), url, StatusCommand.num(a.path("events_s").asDouble()),
                        a.path("events").asLong(), a.path("buffer").asInt() + "/" + a.path("buffer_max").asInt(),
                        opt(a.path("runtime_ms").path("p99")), a.path("errors").asLong());
            }
            if (s.isMissingNode()) {
                for (JsonNode tp : st.path("assignment")) {
                    String t = tp.asText();
                    int dash = t.lastIndexOf('-');
                    parts.add(new Object[] {t.substring(0, dash), Integer.parseInt(t.substring(dash + 1)), url, "-", "-",
                        "-"});
                }
            }
        }
        for (JsonNode w : down) {
            workers.row(w.path("url").asText(), "no answer", "-", "-", "-", "-", "-", "-", "-", "-", "-", "-");
        }
        sb.append("app ").append(app).append(": ").append(up.size()).append(" worker").append(up.size() == 1 ? "" : "s");
        if (!down.isEmpty()) {
            sb.append(" (").append(down.size()).append(" not answering)");
        }
        sb.append(", ").append(partitions).append(" partitions, ").append(StatusCommand.num(events))
                .append(" events/s, lag ").append(lagKnown ? Long.toString(lag) : "-").append(nl);
        for (JsonNode w : down) {
            sb.append("  ").append(w.path("error").asText()).append(nl);
        }
        sb.append(nl).append(workers.text()).append(nl);
        if (!agents.isEmpty()) {
            sb.append(nl).append(agents.text()).append(nl);
        }
        if (!parts.isEmpty()) {
            parts.sort(Comparator.comparing((Object[] r) -> (String) r[0]).thenComparing(r -> (Integer) r[1]));
            Table t = new Table("topic", "partition", "worker", "committed", "end", "lag");
            parts.forEach(t::row);
            sb.append(nl).append(t.text()).append(nl);
        }
        return sb.toString();
    }

    private static JsonNode lastPoint(JsonNode history) {
        JsonNode t = history.path("t");
        if (!t.isArray() || t.isEmpty()) {
            return null;
        }
        int i = t.size() - 1;
        com.fasterxml.jackson.databind.node.ObjectNode p = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance
                .objectNode();
        p.set("events_s", history.path("events_s").path(i));
        p.set("messages_s", history.path("messages_s").path(i));
        p.set("sent_s", history.path("sent_s").path(i));
        return p;
    }

    private static String opt(JsonNode n) {
        return n.isNumber() ? StatusCommand.num(n.asDouble()) : "-";
    }
}
