package faust.worker;

import java.util.List;

/**
 * What the worker shows at start: id, version, transport, web URL, log, pid, datadir, agents...
 *
 * @param rows name/value rows, in order
 */
public record Banner(List<Row> rows) {
    /**
     * One row.
     *
     * @param name the row's name
     * @param value its value
     */
    public record Row(String name, String value) {
    }

    /** @return the banner as text lines, names aligned */
    public String render() {
        int w = rows.stream().mapToInt(r -> r.name().length()).max().orElse(0);
        StringBuilder sb = new StringBuilder();
        for (Row r : rows) {
            sb.append(String.format("%-" + w + "s  %s%n", r.name(), r.value()));
        }
        return sb.toString();
    }
}
