package faust.agents.internal;

import faust.internal.TopicImpl;
import java.util.ArrayList;
import java.util.List;

/**
 * An operator chain cut into stages at each {@link Op.Forward}: stage 0 reads the agent's topics, stage
 * {@code i} the topic stage {@code i-1} forwards to; the last stage ends in the agent's loop.
 */
final class Pipeline {
    /**
     * One stage.
     *
     * @param input the topic it reads (the agent's topic for stage 0)
     * @param ops the in-memory operators, in order
     * @param out where its values go, or null for the agent's loop
     * @param rawValues whether a value unchanged since its event may be sent as the event's bytes
     * @param rawKeys whether an unchanged key may be sent as the event's key bytes
     */
    record Stage(TopicImpl<?, ?> input, Op[] ops, Op.Forward out, boolean rawValues, boolean rawKeys) {
        boolean terminal() {
            return out == null;
        }
    }

    /** The agent's plain loop: one stage, no operators. */
    static final Pipeline PLAIN = new Pipeline(new Stage[] {new Stage(null, new Op[0], null, false, false)});

    private final Stage[] stages;

    private Pipeline(Stage[] stages) {
        this.stages = stages;
    }

    /**
     * @param sources the agent's topics (stage 0 reads them all; the first names it)
     * @param ops the chain, from the agent's stream to the one iterated
     * @return the stages
     */
    static Pipeline of(List<TopicImpl<?, ?>> sources, List<Op> ops) {
        List<Stage> stages = new ArrayList<>();
        List<Op> current = new ArrayList<>();
        List<TopicImpl<?, ?>> inputs = sources;
        for (Op op : ops) {
            if (op instanceof Op.Forward f) {
                // A key or value is sent as its original bytes only when the next stage reads them back as the
                // same thing: same codec and type (groupBy's topic is derived from the source, so its values do);
                // for an agent over several topics, whichever of them the event came from.
                boolean rawValues = !inputs.isEmpty() && inputs.stream().allMatch(f.to()::sameValueEncoding);
                boolean rawKeys = !inputs.isEmpty() && inputs.stream().allMatch(f.to()::sameKeyEncoding);
                stages.add(new Stage(inputs.isEmpty() ? null : inputs.getFirst(), current.toArray(Op[]::new), f,
                        rawValues, rawKeys));
                current = new ArrayList<>();
                inputs = List.of(f.to());
            } else {
                current.add(op);
            }
        }
        stages.add(new Stage(inputs.isEmpty() ? null : inputs.getFirst(), current.toArray(Op[]::new), null, false,
                false));
        return new Pipeline(stages.toArray(Stage[]::new));
    }

    /**
     * @param topic an event's topic
     * @return the stage that reads it (stage 0 for the agent's own topics)
     */
    Stage stageOf(String topic) {
        for (int i = stages.length - 1; i > 0; i--) {
            if (stages[i].input().name().equals(topic)) {
                return stages[i];
            }
        }
        return stages[0];
    }
}
