package faust.worker.internal;

import faust.App;
import faust.Settings;
import faust.internal.AppAccess;
import faust.internal.Replies;
import faust.transport.internal.ReplyConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker's one reply consumer: the app's asks (by its agents, timers or any code in the worker's JVM) wait
 * for their replies through it. Started on the first ask, not with the worker: like Python Faust, a worker that
 * never asks creates no reply topic. Stopped after the agents and the consumer, so that asks made while they
 * finish still get their replies; requests still waiting then fail.
 */
public final class RepliesService implements Service {
    private static final Logger LOG = LoggerFactory.getLogger(RepliesService.class);

    private final App app;
    private final Settings settings;
    private final Collaborators collaborators;
    private Replies replies;

    /**
     * @param app the app whose asks it serves
     * @param settings resolved settings
     * @param collaborators makes the consumer and the admin client
     */
    public RepliesService(App app, Settings settings, Collaborators collaborators) {
        this.app = app;
        this.settings = settings;
        this.collaborators = collaborators;
    }

    @Override
    public String name() {
        return "replies";
    }

    @Override
    public void start() {
        AppAccess.get().useReplies(app, this::open);
    }

    private synchronized Replies open() {
        if (replies == null) {
            replies = ReplyConsumer.start(collaborators.clients(), settings, AppAccess.get().replyTopic(app),
                    app.groupId() + "-replies", collaborators.clock());
        }
        return replies;
    }

    @Override
    public boolean stop(Shutdown shutdown) {
        AppAccess.get().useReplies(app, null);
        Replies r;
        synchronized (this) {
            r = replies;
            replies = null;
        }
        if (r != null) {
            try {
                r.close();
            } catch (RuntimeException e) {
                LOG.warn("closing the reply consumer: {}", e.toString());
            }
        }
        return true;
    }
}
