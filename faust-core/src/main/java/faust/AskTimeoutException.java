package faust;

/**
 * No reply to an {@link YieldingAgent#ask ask} came within its timeout: the agent's worker may have died before
 * answering (the request is then redone by the worker that takes the partition over, possibly too late), no
 * worker runs the agent, or the agent emitted nothing for the request.
 */
public class AskTimeoutException extends FaustException {
    private static final long serialVersionUID = 1L;

    /** @param message what was asked, of whom, and how long it waited */
    public AskTimeoutException(String message) {
        super(message);
    }
}
