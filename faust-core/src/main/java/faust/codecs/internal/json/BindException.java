package faust.codecs.internal.json;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A JSON value that does not fit its Java type, with the path to it ({@code .inner.score}, {@code [3]}),
 * collected while the error travels up through the containers. Turned into a {@code CodecException} by the
 * codec.
 */
public final class BindException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient Deque<String> path = new ArrayDeque<>();
    private final String problem;

    /** @param problem what is wrong, e.g. {@code expected an integer, got "x"} */
    public BindException(String problem) {
        super(problem, null, false, false);
        this.problem = problem;
    }

    /**
     * @param problem what is wrong
     * @param cause the underlying error
     */
    public BindException(String problem, Throwable cause) {
        super(problem, cause, false, false);
        this.problem = problem;
    }

    /**
     * @param segment a path step: {@code .field}, {@code [3]} or {@code ["key"]}
     * @return this
     */
    public BindException in(String segment) {
        path.addFirst(segment);
        return this;
    }

    /** @return the path from the top value, e.g. {@code .inner.score} (empty at the top) */
    public String path() {
        return String.join("", path);
    }

    /** @return what is wrong, without the path */
    public String problem() {
        return problem;
    }
}
