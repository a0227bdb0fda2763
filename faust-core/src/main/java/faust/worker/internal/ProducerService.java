package faust.worker.internal;

import faust.App;
import faust.Settings;
import faust.StopMode;
import faust.internal.AppAccess;
import faust.internal.Sender;
import faust.transport.internal.Guarantee;
import faust.sensors.internal.Sensors;
import faust.transport.internal.KafkaSender;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker's one producer: agents' sends ({@code topic.send} inside the worker), table changelogs and dead
 * letters all go through it. Closed last among the processing services, after the final commit flushed it;
 * at once (dropping what was not sent) after a failure.
 */
public final class ProducerService implements Service {
    private static final Logger LOG = LoggerFactory.getLogger(ProducerService.class);

    private final App app;
    private final Settings settings;
    private final Collaborators collaborators;
    private final Supplier<String> workerId;
    private final Sensors sensors;
    private volatile KafkaSender sender;

    /**
     * @param app the app whose sends it takes over
     * @param settings resolved settings
     * @param collaborators makes the producer
     * @param workerId the worker's id, stable across its restarts (exactly-once: its transactional id)
     */
    public ProducerService(App app, Settings settings, Collaborators collaborators, Supplier<String> workerId) {
        this(app, settings, collaborators, workerId, null);
    }

    /**
     * @param app the app whose sends it takes over
     * @param settings resolved settings
     * @param collaborators makes the producer
     * @param workerId the worker's stable id (the transactional id under exactly-once)
     * @param sensors the worker's sensors (a sample of the sends is timed, sends are counted), or null
     */
    public ProducerService(App app, Settings settings, Collaborators collaborators, Supplier<String> workerId,
                           Sensors sensors) {
        this.sensors = sensors;
        this.app = app;
        this.settings = settings;
        this.collaborators = collaborators;
        this.workerId = workerId;
    }

    @Override
    public String name() {
        return "producer";
    }

    @Override
    public void start() {
        KafkaSender s;
        if (Guarantee.exactlyOnce(settings)) {
            String id = app.groupId() + "-" + workerId.get();
            s = KafkaSender.transactional(collaborators.clients(), settings, app.groupId() + "-producer", id);
            LOG.info("exactly-once: transactional producer {}", id);
        } else {
            s = KafkaSender.create(collaborators.clients(), settings, app.groupId() + "-producer", false);
        }
        if (sensors != null) {
            s.measure(sensors.sends());
            sensors.sent(s);
        }
        sender = s;
        AppAccess.get().useSender(app, () -> s);
    }

    /** @return the producer, once started */
    public KafkaSender sender() {
        KafkaSender s = sender;
        if (s == null) {
            throw new IllegalStateException("the producer is not started yet");
        }
        return s;
    }

    /** @return the producer as the app's {@link Sender} */
    public Sender asSender() {
        return sender();
    }

    @Override
    public boolean stop(Shutdown shutdown) {
        AppAccess.get().useSender(app, null);
        try {
            if (sender.transactional() && shutdown.mode() != StopMode.FATAL) {
                // After the final commit: what was sent since (hooks, timers) is committed by a warm stop and
                // aborted by a cold one.
                finishTransaction(shutdown.mode() == StopMode.WARM);
            }
            if (shutdown.mode() == StopMode.FATAL) {
                sender.closeNow();
            } else {
                sender.close();
            }
        } catch (RuntimeException e) {
            LOG.warn("closing the producer: {}", e.toString());
        }
        return true;
    }

    private void finishTransaction(boolean commit) {
        try {
            if (commit) {
                sender.commitTransaction(java.util.Map.of(), null);
            } else {
                sender.abortTransaction();
            }
        } catch (RuntimeException e) {
            LOG.warn("{} the last transaction: {}", commit ? "committing" : "aborting", e.toString());
        }
    }
}
