package faust.internal;

/** An event that still has its bytes as they were on the wire (the runtime's deliveries). */
public interface EncodedEvent {
    /** @return the key as it was on the wire, or null */
    byte[] rawKey();

    /** @return the value as it was on the wire, or null */
    byte[] rawValue();
}
