package faust.codecs.internal.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.Temporal;
import java.util.Set;

/**
 * {@code java.time} values as Faust writes Python's: see {@link PyDates}. A naive value read into an
 * offset type is taken as UTC (Python's {@code utcnow()} convention); an aware one read into
 * {@code LocalDateTime} is converted to UTC; a field declared {@code Temporal} keeps whichever was sent
 * ({@code OffsetDateTime}, {@code LocalDateTime} or {@code LocalDate}).
 */
final class TimeType extends JsonType {
    private static final Set<Class<?>> TYPES = Set.of(OffsetDateTime.class, ZonedDateTime.class, Instant.class,
            LocalDateTime.class, LocalDate.class, LocalTime.class, OffsetTime.class, Temporal.class);

    private final Class<?> cls;

    private TimeType(Class<?> cls) {
        super(cls);
        this.cls = cls;
    }

    static TimeType of(Class<?> type) {
        return TYPES.contains(type) ? new TimeType(type) : null;
    }

    @Override
    public void write(Object value, JsonOut out) {
        try {
            out.string(PyDates.format((Temporal) value));
        } catch (IllegalArgumentException e) {
            throw new BindException(e.getMessage());
        }
    }

    @Override
    public Object read(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.VALUE_STRING) {
            throw JsonRead.expected(p, what());
        }
        String s = p.getText().trim();
        try {
            if (cls == LocalTime.class || cls == OffsetTime.class) {
                Temporal t = PyDates.parseTime(s);
                if (cls == LocalTime.class) {
                    return t instanceof OffsetTime o ? o.withOffsetSameInstant(ZoneOffset.UTC).toLocalTime() : t;
                }
                return t instanceof LocalTime l ? l.atOffset(ZoneOffset.UTC) : t;
            }
            Temporal t = PyDates.parse(s);
            return convert(t, p);
        } catch (IllegalArgumentException e) {
            throw JsonRead.expected(p, what());
        }
    }

    private Object convert(Temporal t, JsonParser p) throws IOException {
        if (cls == Temporal.class) {
            return t;
        }
        OffsetDateTime aware = switch (t) {
            case OffsetDateTime o -> o;
            case LocalDateTime l -> l.atOffset(ZoneOffset.UTC);
            case LocalDate d -> d.atStartOfDay().atOffset(ZoneOffset.UTC);
            default -> throw JsonRead.expected(p, what());
        };
        if (cls == OffsetDateTime.class) {
            return aware;
        }
        if (cls == ZonedDateTime.class) {
            return aware.toZonedDateTime();
        }
        if (cls == Instant.class) {
            return aware.toInstant();
        }
        LocalDateTime local = t instanceof OffsetDateTime o
                ? o.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime() : aware.toLocalDateTime();
        if (cls == LocalDateTime.class) {
            return local;
        }
        if (local.toLocalTime().equals(LocalTime.MIDNIGHT)) {
            return local.toLocalDate(); // Faust writes a date as the date-time at midnight
        }
        throw JsonRead.expected(p, what());
    }

    private String what() {
        if (cls == LocalDate.class) {
            return "an ISO-8601 date";
        }
        if (cls == LocalTime.class || cls == OffsetTime.class) {
            return "an ISO-8601 time";
        }
        return "an ISO-8601 date-time";
    }
}
