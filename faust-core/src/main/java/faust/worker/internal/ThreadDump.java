package faust.worker.internal;

import faust.agents.internal.AgentRunner;
import faust.agents.internal.StreamImpl;
import java.util.List;
import java.util.Map;

/** Stacks of the worker's threads, agents' virtual threads included (the JVM's own dump omits them). */
public final class ThreadDump {
    private ThreadDump() {
    }

    /**
     * @param runners the agents
     * @return every platform thread's stack, then every agent thread's stack
     */
    public static String all(List<AgentRunner<?, ?>> runners) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<Thread, StackTraceElement[]> e : Thread.getAllStackTraces().entrySet()) {
            append(sb, e.getKey(), e.getValue(), null);
        }
        sb.append(agents(runners));
        return sb.toString();
    }

    /**
     * @param runners the agents
     * @return the stack of every agent instance, with the event it is processing
     */
    public static String agents(List<AgentRunner<?, ?>> runners) {
        StringBuilder sb = new StringBuilder();
        for (AgentRunner<?, ?> r : runners) {
            for (AgentRunner.Instance instance : r.instances()) {
                Thread t = instance.thread();
                StreamImpl<?, ?> s = instance.stream();
                if (t == null) {
                    continue;
                }
                var ev = s.current();
                String what = ev == null ? "waiting for events" : "processing " + ev.topic() + "-" + ev.partition()
                        + "@" + ev.offset() + " for " + (r.clock().nanoTime() - s.currentSince()) / 1_000_000 + " ms";
                append(sb, t, t.getStackTrace(), what);
            }
        }
        return sb.toString();
    }

    private static void append(StringBuilder sb, Thread t, StackTraceElement[] stack, String what) {
        sb.append('"').append(t.getName()).append('"').append(t.isVirtual() ? " virtual" : "")
                .append(" state=").append(t.getState());
        if (what != null) {
            sb.append(" (").append(what).append(')');
        }
        sb.append('\n');
        for (StackTraceElement el : stack) {
            sb.append("    at ").append(el).append('\n');
        }
        sb.append('\n');
    }
}
