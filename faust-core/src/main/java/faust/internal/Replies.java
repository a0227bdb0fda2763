package faust.internal;

/**
 * Where the replies to this process's asks arrive: the reply topic and its reader (one per worker, or one per app
 * outside a worker), which hands each reply to {@link #pending()}.
 */
public interface Replies extends AutoCloseable {
    /** @return the reply topic ({@code f-reply-<uuid4>}), named in the requests' {@code Faust-Ag-ReplyTo} header */
    String topic();

    /** @return the requests waiting for their reply */
    PendingReplies pending();

    /** Stops reading replies; requests still waiting fail. */
    @Override
    void close();
}
