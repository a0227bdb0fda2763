package faust.cli.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Output of list commands: an aligned text table, or with {@code --json} a JSON list of objects (one per
 * row, keyed by the headers).
 */
final class Table {
    private final List<String> headers;
    private final List<List<Object>> rows = new ArrayList<>();

    /** @param headers column names */
    Table(String... headers) {
        this.headers = List.of(headers);
    }

    /**
     * @param cells one value per column
     * @return this
     */
    Table row(Object... cells) {
        if (cells.length != headers.size()) {
            throw new IllegalArgumentException("expected " + headers.size() + " cells");
        }
        rows.add(List.of(cells));
        return this;
    }

    /** @return whether no row was added */
    boolean isEmpty() {
        return rows.isEmpty();
    }

    /**
     * @param out where to print
     * @param json true for JSON, false for a text table
     */
    void print(PrintWriter out, boolean json) {
        out.println(json ? json() : text());
        out.flush();
    }

    String json() {
        List<Map<String, Object>> list = new ArrayList<>();
        for (List<Object> row : rows) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (int i = 0; i < headers.size(); i++) {
                m.put(headers.get(i), row.get(i));
            }
            list.add(m);
        }
        try {
            return JsonMapper.builder().build().writeValueAsString(list);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    String text() {
        int[] widths = new int[headers.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = headers.get(i).length();
            for (List<Object> row : rows) {
                widths[i] = Math.max(widths[i], String.valueOf(row.get(i)).length());
            }
        }
        StringBuilder sb = new StringBuilder();
        line(sb, new ArrayList<>(headers), widths);
        for (List<Object> row : rows) {
            sb.append(System.lineSeparator());
            line(sb, row, widths);
        }
        return sb.toString();
    }

    private static void line(StringBuilder sb, List<?> cells, int[] widths) {
        StringBuilder l = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            String cell = String.valueOf(cells.get(i));
            l.append(cell);
            if (i < cells.size() - 1) {
                l.append(" ".repeat(widths[i] - cell.length() + 2));
            }
        }
        sb.append(l);
    }
}
