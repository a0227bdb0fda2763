package faust.web;

import java.util.List;
import java.util.Map;

/** An HTTP request to a user page. */
public interface Request {
    /** @return the method: GET, POST, PUT or DELETE */
    String method();

    /** @return the path as requested, e.g. {@code /counts/cat} */
    String path();

    /**
     * @param name a parameter of the page's path, e.g. {@code word} of {@code /counts/{word}}
     * @return its value (URL-decoded)
     * @throws HttpError 400 when the path has no such parameter
     */
    String pathParam(String name);

    /** @return every path parameter */
    Map<String, String> pathParams();

    /**
     * @param name a query parameter
     * @return its first value, or null when absent
     */
    String queryParam(String name);

    /** @return every query parameter with its values */
    Map<String, List<String>> queryParams();

    /** @return the query string as sent (without {@code ?}), or "" */
    String queryString();

    /**
     * @param name a header name (any case)
     * @return its value, or null
     */
    String header(String name);

    /** @return the body's bytes (empty when none) */
    byte[] body();

    /** @return the body as UTF-8 text */
    String bodyText();

    /**
     * Reads the body as JSON with the app's JSON codec (records, Faust records, maps, lists...).
     *
     * @param type the type wanted
     * @param <T> the type
     * @return the value
     * @throws HttpError 400 naming what is wrong when the body is not a valid JSON {@code type}
     */
    <T> T json(Class<T> type);
}
