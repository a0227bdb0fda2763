package faust.cli.internal;

import faust.FaustException;
import faust.Setting;
import faust.Settings;
import faust.devbroker.DetachedBroker;
import java.nio.file.Path;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dev services for the worker: when no broker is configured anywhere (app code, {@code --broker},
 * {@code FAUST_BROKER_URL}) and nothing answers at the default address, start the detached dev broker
 * there. A configured broker is never replaced: if it does not answer the worker says so.
 */
final class DevBrokerAutoStart {
    private static final Logger LOG = LoggerFactory.getLogger(DevBrokerAutoStart.class);
    private static final Duration PROBE = Duration.ofSeconds(2);

    private DevBrokerAutoStart() {
    }

    /**
     * @param settings the resolved settings
     * @param faustHome where the detached broker is kept
     * @throws FaustException when the dev broker was needed and did not start
     */
    static void ensure(Settings settings, Path faustHome) {
        if (settings.isConfigured(Setting.BROKER)) {
            return;
        }
        String servers = settings.bootstrapServers();
        if (DetachedBroker.answers(servers, PROBE)) {
            return;
        }
        int port = Integer.parseInt(servers.substring(servers.lastIndexOf(':') + 1));
        DetachedBroker.Status status;
        try {
            status = new DetachedBroker(faustHome).start(port);
        } catch (IllegalStateException e) {
            throw new FaustException("no broker configured and none at " + servers + ", and the dev broker did not"
                    + " start: " + e.getMessage(), e);
        }
        if (status.port() != port) {
            throw new FaustException("no broker configured and none at " + servers + ", but the dev broker runs on "
                    + status.bootstrapServers() + ": give --broker kafka://" + status.bootstrapServers()
                    + ", or restart it with 'faust broker stop' and 'faust broker start'");
        }
        LOG.info("no broker configured and none at {}: started the dev broker (faust broker stop to stop it)",
                servers);
    }
}
