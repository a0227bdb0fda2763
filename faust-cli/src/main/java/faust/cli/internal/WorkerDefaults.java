package faust.cli.internal;

import faust.Setting;
import java.util.Map;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The defaults {@code faust worker --help} shows, taken from the settings they map onto so they cannot
 * drift. A default is only shown: a flag goes into the settings only when it is given, so
 * {@code FAUST_*} variables and app code still apply.
 */
public final class WorkerDefaults implements IDefaultValueProvider {
    /** Worker options and the setting each sets. */
    static final Map<String, Setting> SETTINGS = Map.of(
            "--web-port", Setting.WEB_PORT,
            "--web-bind", Setting.WEB_BIND,
            "--web-host", Setting.WEB_HOST,
            "--shutdown-timeout", Setting.SHUTDOWN_TIMEOUT,
            "--blocking-timeout", Setting.BLOCKING_TIMEOUT);

    @Override
    public String defaultValue(ArgSpec arg) {
        if (arg instanceof OptionSpec option) {
            Setting s = SETTINGS.get(option.longestName());
            if (s != null && !s.defaultValue().isEmpty()) {
                return s.defaultValue();
            }
        }
        return null;
    }
}
