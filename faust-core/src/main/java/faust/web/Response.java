package faust.web;

import faust.codecs.Codecs;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/** A response with a status other than 200, or a body that is not JSON. */
public final class Response {
    private final int status;
    private final String contentType;
    private final byte[] body;

    private Response(int status, String contentType, byte[] body) {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("HTTP status " + status + " is not between 100 and 599");
        }
        this.status = status;
        this.contentType = Objects.requireNonNull(contentType, "contentType");
        this.body = body == null ? new byte[0] : body;
    }

    /**
     * @param status the status
     * @param value the body, written by the app's JSON codec
     * @return the response
     */
    public static Response json(int status, Object value) {
        return new Response(status, "application/json", Codecs.json(Object.class).encode(value));
    }

    /**
     * @param status the status
     * @param text the body, as UTF-8 text
     * @return the response
     */
    public static Response text(int status, String text) {
        return new Response(status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @param status the status
     * @param contentType the body's content type
     * @param body the body
     * @return the response
     */
    public static Response of(int status, String contentType, byte[] body) {
        return new Response(status, contentType, body == null ? null : body.clone());
    }

    /** @return the status */
    public int status() {
        return status;
    }

    /** @return the content type */
    public String contentType() {
        return contentType;
    }

    /** @return the body's bytes */
    public byte[] body() {
        return body.clone();
    }

    @Override
    public String toString() {
        return "Response[" + status + " " + contentType + ", " + body.length + " bytes]";
    }
}
