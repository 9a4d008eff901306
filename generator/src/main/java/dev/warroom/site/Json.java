package dev.warroom.site;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** JSON for inlining in pages: keys sorted (deterministic) and safe inside a script element. */
final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private Json() {
    }

    /** A value (a record) as the map Jackson would write, to merge with other entries before writing. */
    @SuppressWarnings("unchecked")
    static java.util.Map<String, Object> tree(Object value) {
        return MAPPER.convertValue(value, java.util.LinkedHashMap.class);
    }

    static String of(Object value) {
        try {
            // "<" as \u003c: no "</script>" or "<!--" can end or confuse the data block
            return MAPPER.writeValueAsString(value).replace("<", "\\u003c").replace(">", "\\u003e")
                    .replace("&", "\\u0026");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
