package faust.devbroker;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DevBrokerMainTest {
    @Test
    void defaults() {
        DevBrokerMain.Args args = DevBrokerMain.Args.parse(new String[0]);
        assertThat(args.port()).isEqualTo(9092);
        assertThat(args.host()).isEqualTo("localhost");
        assertThat(args.dataDir()).isEqualTo(DetachedBroker.defaultFaustHome().resolve("dev-broker/data"));
        assertThat(args.secure()).isNull();
    }

    @Test
    void parsesSecuredListeners() {
        DevBrokerMain.Args args = DevBrokerMain.Args.parse(new String[] {"--sasl-ssl-port", "9093",
            "--ssl-port=0", "--security-dir", "/tmp/s"});
        assertThat(args.secure()).isEqualTo(new SecureListeners(9093, 0, SecureListeners.OFF, Path.of("/tmp/s")));
        args = DevBrokerMain.Args.parse(new String[] {"--sasl-plaintext-port", "0"});
        assertThat(args.secure()).isEqualTo(new SecureListeners(SecureListeners.OFF, SecureListeners.OFF, 0, null));
        assertThatThrownBy(() -> DevBrokerMain.Args.parse(new String[] {"--sasl-ssl-port", "-1"}))
                .hasMessage("--sasl-ssl-port: out of range: -1");
    }

    @Test
    void parsesPortAndDataDirInBothForms() {
        DevBrokerMain.Args args = DevBrokerMain.Args.parse(new String[] {"--port", "19092", "--datadir", "/tmp/x"});
        assertThat(args.port()).isEqualTo(19092);
        assertThat(args.dataDir()).isEqualTo(Path.of("/tmp/x"));
        args = DevBrokerMain.Args.parse(new String[] {"--port=0", "--datadir=/tmp/y"});
        assertThat(args.port()).isZero();
        assertThat(args.dataDir()).isEqualTo(Path.of("/tmp/y"));
    }

    @Test
    void rejectsBadArguments() {
        assertThatThrownBy(() -> DevBrokerMain.Args.parse(new String[] {"--port", "x"}))
                .hasMessage("--port: not a number: x");
        assertThatThrownBy(() -> DevBrokerMain.Args.parse(new String[] {"--port", "70000"}))
                .hasMessage("--port: out of range: 70000");
        assertThatThrownBy(() -> DevBrokerMain.Args.parse(new String[] {"--port"}))
                .hasMessage("--port needs a value");
        assertThatThrownBy(() -> DevBrokerMain.Args.parse(new String[] {"--bogus"}))
                .hasMessage("unknown argument: --bogus");
    }
}
