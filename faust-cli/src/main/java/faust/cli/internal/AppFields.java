package faust.cli.internal;

import faust.App;
import faust.ConfigException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** Finds the app in a loaded class: its static field of type {@link App}. */
final class AppFields {
    private AppFields() {
    }

    /**
     * @param type the class, initialised
     * @param spec what {@code -A} said (the field, if named)
     * @param where the class or file, for messages
     * @return the app
     * @throws ConfigException when there is no such field, or several and none named {@code app}
     */
    static App find(Class<?> type, AppSpec spec, String where) {
        List<Field> apps = Arrays.stream(type.getDeclaredFields())
                .filter(f -> Modifier.isStatic(f.getModifiers()) && f.getType() == App.class)
                .toList();
        Field field;
        if (spec.field() != null) {
            field = apps.stream().filter(f -> f.getName().equals(spec.field())).findFirst()
                    .orElseThrow(() -> new ConfigException(where + " has no static App field named '" + spec.field()
                            + "'" + (apps.isEmpty() ? "" : ": its App fields are " + names(apps))));
        } else if (apps.isEmpty()) {
            throw new ConfigException(where + " has no static field of type faust.App: declare one, e.g. "
                    + "public static final App app = App.create(\"" + type.getSimpleName() + "\");");
        } else if (apps.size() == 1) {
            field = apps.get(0);
        } else {
            field = apps.stream().filter(f -> f.getName().equals("app")).findFirst()
                    .orElseThrow(() -> new ConfigException(where + " has several App fields (" + names(apps)
                            + ") and none is named 'app': pick one with -A " + spec.target() + ":"
                            + apps.get(0).getName()));
        }
        try {
            field.setAccessible(true);
            App app = (App) field.get(null);
            if (app == null) {
                throw new ConfigException(where + " field " + field.getName() + " is null once the class is "
                        + "initialised: assign it in its declaration or in a static block");
            }
            return app;
        } catch (IllegalAccessException | RuntimeException e) {
            if (e instanceof ConfigException c) {
                throw c;
            }
            throw new ConfigException("cannot read " + where + " field " + field.getName() + ": " + e, e);
        }
    }

    private static String names(List<Field> fields) {
        return fields.stream().map(Field::getName).collect(Collectors.joining(", "));
    }
}
