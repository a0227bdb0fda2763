package faust.cli.internal;

import faust.FaustException;
import faust.Setting;
import faust.Settings;
import faust.devbroker.DetachedBroker;
import faust.spi.Apps;
import java.time.Duration;

/**
 * Fails, in one line, when the broker a command needs does not answer within a bounded wait (asking again
 * until then: a broker that is still starting is fine).
 */
final class BrokerCheck {
    private static final Duration ATTEMPT = Duration.ofSeconds(1);
    private static final long PAUSE_MILLIS = 250;

    private BrokerCheck() {
    }

    /**
     * @param settings resolved settings
     * @param timeout how long to wait for an answer
     * @throws FaustException naming the broker, where it was set, and what to do
     */
    static void require(Settings settings, Duration timeout) {
        if (settings.secured()) {
            // a TLS or SASL listener does not answer the plaintext probe: ask with the worker's own clients
            Apps.checkBroker(settings, timeout);
            return;
        }
        String servers = settings.bootstrapServers();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            Duration attempt = left < ATTEMPT.toNanos() ? Duration.ofNanos(Math.max(left, 1_000_000)) : ATTEMPT;
            if (DetachedBroker.answers(servers, attempt)) {
                return;
            }
            if (System.nanoTime() + PAUSE_MILLIS * 1_000_000 >= deadline) {
                break;
            }
            try {
                Thread.sleep(PAUSE_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new FaustException("interrupted while waiting for the broker at " + servers, e);
            }
        }
        throw new FaustException("no Kafka broker answered at " + servers + " within " + timeout.toSeconds()
                + " s (broker set by " + settings.sourceOf(Setting.BROKER) + "): start one with 'faust broker"
                + " start', or point --broker / FAUST_BROKER_URL at a running broker");
    }
}
