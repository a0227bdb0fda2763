package faust.web.internal;

import static org.assertj.core.api.Assertions.assertThat;

import faust.codecs.internal.JsonCodec;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RouteTest {
    @Test
    void rawJsonIsWrittenAsItIsAlsoInsideAnotherBody() throws Exception {
        Map<String, Object> items = new LinkedHashMap<>();
        items.put("apple", new Route.RawJson("{\"n\":3,\"__faust\":{\"ns\":\"golden.Count\"}}"));
        items.put("pear", 2L);
        assertThat(JsonCodec.mapper().writeValueAsString(items))
                .isEqualTo("{\"apple\":{\"n\":3,\"__faust\":{\"ns\":\"golden.Count\"}},\"pear\":2}");
    }
}
