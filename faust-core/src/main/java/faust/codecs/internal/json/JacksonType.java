package faust.codecs.internal.json;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.POJONode;
import java.io.IOException;
import java.lang.reflect.Type;
import java.util.Map;

/**
 * Classes that are neither records nor known types (plain Java beans, Jackson-annotated classes) and
 * Jackson's {@code JsonNode}: mapped by Jackson, then written with Python's number and text formatting.
 */
final class JacksonType extends JsonType {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .findAndAddModules()
            .build();

    private final JavaType javaType;
    private final boolean tree;

    JacksonType(Type type) {
        super(type);
        this.javaType = MAPPER.constructType(type);
        this.tree = JsonNode.class.isAssignableFrom(javaType.getRawClass());
    }

    @Override
    public void write(Object value, JsonOut out) {
        JsonNode node;
        if (value instanceof JsonNode n) {
            node = n;
        } else {
            try {
                node = MAPPER.valueToTree(value);
            } catch (IllegalArgumentException e) {
                throw new BindException("cannot write " + value.getClass().getSimpleName() + " as JSON: "
                        + firstLine(e.getMessage()));
            }
        }
        writeTree(node, out);
    }

    static void writeTree(JsonNode n, JsonOut out) {
        switch (n.getNodeType()) {
            case OBJECT -> {
                out.raw('{');
                boolean first = true;
                for (Map.Entry<String, JsonNode> e : n.properties()) {
                    if (!first) {
                        out.raw(',');
                    }
                    first = false;
                    out.string(e.getKey());
                    out.raw(':');
                    writeTree(e.getValue(), out);
                }
                out.raw('}');
            }
            case ARRAY -> {
                out.raw('[');
                for (int i = 0; i < n.size(); i++) {
                    if (i > 0) {
                        out.raw(',');
                    }
                    writeTree(n.get(i), out);
                }
                out.raw(']');
            }
            case STRING -> out.string(n.textValue());
            case NUMBER -> {
                if (n.isDouble() || n.isFloat()) {
                    out.number(n.doubleValue());
                } else if (n.isBigDecimal()) {
                    out.ascii(n.decimalValue().toString());
                } else {
                    out.ascii(n.asText());
                }
            }
            case BOOLEAN -> out.bool(n.booleanValue());
            case BINARY -> {
                try {
                    out.string(PyBytes.repr(n.binaryValue()));
                } catch (IOException e) {
                    throw new BindException("cannot write binary node: " + e.getMessage());
                }
            }
            case POJO -> AnyType.OBJECT.writeNullable(((POJONode) n).getPojo(), out);
            default -> out.nul();
        }
    }

    @Override
    public Object read(JsonParser p) throws IOException {
        try {
            return tree ? MAPPER.readTree(p) : MAPPER.readValue(p, javaType);
        } catch (JsonParseException e) {
            throw e;
        } catch (JsonProcessingException e) {
            throw new BindException(firstLine(e.getOriginalMessage()), e);
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
