package faust.codecs.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import faust.codecs.internal.json.PyDates;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZonedDateTime;
import java.time.temporal.Temporal;
import java.util.List;
import java.util.Optional;

/**
 * Holder of the Jackson mapper the worker uses for its own JSON (web pages, assignment metadata). Keys and
 * values go through the {@code json} codec ({@link JsonTypedCodec}), which writes Faust's exact bytes; this
 * mapper shows {@code java.time} values as Faust writes them and an {@code Optional} as its value, so that
 * table values with them can be rendered on the web pages.
 */
public final class JsonCodec {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .findAndAddModules()
            .addModule(module())
            .build();

    private JsonCodec() {
    }

    /** @return the shared mapper (thread-safe) */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    private static SimpleModule module() {
        SimpleModule m = new SimpleModule("faust-json");
        JsonSerializer<Temporal> time = new JsonSerializer<>() {
            @Override
            public void serialize(Temporal value, JsonGenerator gen, SerializerProvider p) throws IOException {
                gen.writeString(PyDates.format(value));
            }
        };
        for (Class<? extends Temporal> c : List.of(OffsetDateTime.class, ZonedDateTime.class, Instant.class,
                LocalDateTime.class, LocalDate.class, LocalTime.class, OffsetTime.class)) {
            m.addSerializer(c, time);
        }
        @SuppressWarnings({"unchecked", "rawtypes"})
        Class<Optional<?>> optional = (Class) Optional.class;
        m.addSerializer(optional, new JsonSerializer<>() {
            @Override
            public void serialize(Optional<?> value, JsonGenerator gen, SerializerProvider p) throws IOException {
                if (value.isPresent()) {
                    p.defaultSerializeValue(value.get(), gen);
                } else {
                    gen.writeNull();
                }
            }
        });
        return m;
    }
}
