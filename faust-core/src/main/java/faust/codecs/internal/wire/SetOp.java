package faust.codecs.internal.wire;

/** The operation codes of Faust's SetTable changelog keys ({@code [op,key]}). */
public enum SetOp {
    /** A member added; the value is the member. */
    ADD(1),
    /** A member removed; the value is the member. */
    DISCARD(2),
    /** Members added and removed at once; the value is {@code [[added...],[removed...]]}. */
    UPDATE(15);

    private final int code;

    SetOp(int code) {
        this.code = code;
    }

    /** @return the code on the wire */
    public int code() {
        return code;
    }

    /**
     * @param code a code read from the wire
     * @return its operation, or null when unknown
     */
    public static SetOp of(int code) {
        for (SetOp op : values()) {
            if (op.code == code) {
                return op;
            }
        }
        return null;
    }
}
