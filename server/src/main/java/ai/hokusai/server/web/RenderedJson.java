package ai.hokusai.server.web;

import java.util.AbstractMap;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.io.SerializedString;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.module.SimpleModule;

/**
 * A read-only JSON object that answers carry unchanged on every call (a model's input and output schemas), with the
 * JSON the application's mapper wrote for it once: answers copy that text instead of writing the object anew. Java
 * code still reads it as the map it is.
 */
final class RenderedJson extends AbstractMap<String, Object> {

    private final Map<String, Object> value;
    /** Keeps the text's UTF-8 bytes once they are first written, so answers copy bytes without encoding them. */
    private final SerializedString json;

    /**
     * @param value the object, not changed afterwards
     * @param json  {@code value} as the application's mapper writes it
     */
    RenderedJson(Map<String, Object> value, String json) {
        this.value = value;
        this.json = new SerializedString(json);
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return value.entrySet();
    }

    /** Registers the writer that copies the rendered text; a bean, so the application's mapper has it. */
    static JacksonModule module() {
        return new SimpleModule("rendered-json").addSerializer(RenderedJson.class, new ValueSerializer<>() {
            @Override
            public void serialize(RenderedJson rendered, JsonGenerator generator, SerializationContext context) {
                generator.writeRawValue(rendered.json);
            }
        });
    }
}
