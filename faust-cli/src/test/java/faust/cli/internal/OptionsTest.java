package faust.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import faust.Setting;
import faust.Settings;
import faust.spi.Apps;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/** The seed's command lines parse, global options before or after the command, into the right settings. */
class OptionsTest {
    @TempDir
    Path dir;

    private ParseResult parse(String... args) {
        Context context = new Context(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()),
                Map.of(), dir, null, false, null);
        CommandLine cl = new Cli(context).commandLine();
        return cl.parseArgs(args);
    }

    private static RootCommand root(ParseResult parsed) {
        return (RootCommand) parsed.commandSpec().userObject();
    }

    private static WorkerCommand worker(ParseResult parsed) {
        return (WorkerCommand) parsed.subcommand().commandSpec().userObject();
    }

    @Test
    void seedWorkerCommandLine() {
        ParseResult parsed = parse("-A", "proj", "worker", "-l", "info");
        RootCommand root = root(parsed);
        WorkerCommand worker = worker(parsed);

        assertThat(root.app).isEqualTo("proj");
        assertThat(root.loglevel).isEqualTo(LogLevel.INFO);
        assertThat(root.datadir).isNull();
        assertThat(worker.webPort).isEqualTo(6066); // the default shown, but...
        assertThat(worker.settingFlags()).isEmpty(); // ...not a flag: env and app code still apply
    }

    @Test
    void seedMultipleWorkersCommandLine() {
        ParseResult parsed = parse("--datadir=/var/faust/worker1", "-A", "proj", "-l", "info", "worker",
                "--web-port=6067");
        RootCommand root = root(parsed);
        WorkerCommand worker = worker(parsed);

        assertThat(root.app).isEqualTo("proj");
        assertThat(root.loglevel).isEqualTo(LogLevel.INFO);
        assertThat(root.datadir).isEqualTo("/var/faust/worker1");
        assertThat(worker.webPort).isEqualTo(6067);
        assertThat(worker.settingFlags()).containsOnly(
                Map.entry(Setting.DATADIR, new Settings.Flag("--datadir", "/var/faust/worker1")),
                Map.entry(Setting.WEB_PORT, new Settings.Flag("--web-port", "6067")));
    }

    @Test
    void globalOptionsAfterTheCommand() {
        ParseResult parsed = parse("worker", "-A", "proj", "--datadir", "d", "-l", "DEBUG", "--broker",
                "kafka://b:9093", "-q", "--debug", "-p", "0", "--without-web", "-b", "0.0.0.0",
                "--shutdown-timeout", "5s", "--web-host", "w1", "--blocking-timeout", "2");
        RootCommand root = root(parsed);

        assertThat(root.app).isEqualTo("proj");
        assertThat(root.loglevel).isEqualTo(LogLevel.DEBUG);
        assertThat(root.quiet).isTrue();
        assertThat(root.debug).isTrue();
        assertThat(worker(parsed).settingFlags()).containsOnly(
                Map.entry(Setting.DATADIR, new Settings.Flag("--datadir", "d")),
                Map.entry(Setting.BROKER, new Settings.Flag("--broker", "kafka://b:9093")),
                Map.entry(Setting.WEB_PORT, new Settings.Flag("--web-port", "0")),
                Map.entry(Setting.WEB_ENABLED, new Settings.Flag("--without-web", "false")),
                Map.entry(Setting.WEB_BIND, new Settings.Flag("--web-bind", "0.0.0.0")),
                Map.entry(Setting.WEB_HOST, new Settings.Flag("--web-host", "w1")),
                Map.entry(Setting.SHUTDOWN_TIMEOUT, new Settings.Flag("--shutdown-timeout", "5s")),
                Map.entry(Setting.BLOCKING_TIMEOUT, new Settings.Flag("--blocking-timeout", "2")));
    }

    @Test
    void cliFlagsBeatEnvironmentWhichBeatsAppCode() {
        ParseResult parsed = parse("-A", "proj", "worker", "--web-port", "7001");
        faust.App app = faust.App.create("p", cfg -> cfg.webPort(7000).set("web_bind", "10.0.0.1"));
        Settings s = Apps.configure(app, Map.of("FAUST_WEB_PORT", "7002", "FAUST_WEB_BIND", "10.0.0.2"),
                worker(parsed).settingFlags());

        assertThat(s.integer(Setting.WEB_PORT)).isEqualTo(7001);
        assertThat(s.sourceOf(Setting.WEB_PORT)).isEqualTo("--web-port");
        assertThat(s.text(Setting.WEB_BIND)).isEqualTo("10.0.0.2");
        assertThat(s.isConfigured(Setting.BROKER)).isFalse();
    }

    @Test
    void logLevelsAreCaseInsensitive() {
        assertThat(root(parse("-l", "WARN", "agents")).loglevel).isEqualTo(LogLevel.WARN);
        assertThat(root(parse("--loglevel=Crit", "agents")).loglevel).isEqualTo(LogLevel.CRIT);
        assertThat(root(parse("agents")).loglevel).isEqualTo(LogLevel.WARN);
    }

    @Test
    void brokerDatadirIsTheGlobalOne() {
        ParseResult parsed = parse("broker", "--datadir", "bdata", "--port", "0");
        assertThat(root(parsed).datadir).isEqualTo("bdata");
        assertThat(((BrokerCommand) parsed.subcommand().commandSpec().userObject()).port).isZero();
        ParseResult start = parse("broker", "start", "--port", "9093");
        assertThat(((BrokerCommand) start.subcommand().commandSpec().userObject()).port).isEqualTo(9093);
        assertThat(((BrokerCommand) start.subcommand().commandSpec().userObject()).secureListeners(null)).isNull();
    }

    @Test
    void brokerSecuredListenersAreOptionsOfBrokerAndBrokerStart() {
        ParseResult start = parse("broker", "start", "--sasl-ssl-port", "9093", "--ssl-port=0");
        BrokerCommand broker = (BrokerCommand) start.subcommand().commandSpec().userObject();
        assertThat(broker.secureListeners(null))
                .isEqualTo(new faust.devbroker.SecureListeners(9093, 0, faust.devbroker.SecureListeners.OFF, null));
        ParseResult foreground = parse("broker", "--sasl-plaintext-port", "-5");
        BrokerCommand bad = (BrokerCommand) foreground.subcommand().commandSpec().userObject();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> bad.secureListeners(null))
                .isInstanceOf(faust.ConfigException.class)
                .hasMessage("--sasl-plaintext-port -5 is out of range: give a port from 0 (a free one) to 65535");
    }
}
