package faust.codecs.internal.wire;

import faust.codecs.FaustRecord;
import java.util.List;

/**
 * A value of a SetTable manager topic ({@code <table>-setmanager}):
 * {@code {"action":"ADD","members":["green"],"__faust":{"ns":"@SetManagerOperation"}}}.
 *
 * @param action what to do
 * @param members the members it applies to
 * @param <V> the member type
 */
@FaustRecord(namespace = "@SetManagerOperation")
public record SetManagerOperation<V>(Action action, List<V> members) {
    /** Faust's {@code SetAction}. */
    public enum Action {
        /** Add the members. */
        ADD,
        /** Remove the members. */
        DISCARD,
        /** Remove every member. */
        CLEAR,
        /** Keep only the members also given. */
        INTERSECTION,
        /** Symmetric difference with the members given. */
        SYMDIFF
    }
}
