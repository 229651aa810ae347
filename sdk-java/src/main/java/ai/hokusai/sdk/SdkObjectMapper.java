package ai.hokusai.sdk;

import ai.hokusai.sdk.internal.invoker.ApiClient;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The generated client's JSON mapper, except that a response read as a bare {@code String} is returned as
 * sent. The spec's one text response, the OpenAPI document ({@code application/yaml}), is typed as a
 * string, and the generated client would otherwise try to parse the YAML as JSON.
 */
final class SdkObjectMapper extends ObjectMapper {

    private static final long serialVersionUID = 1L;

    SdkObjectMapper() {
        super(ApiClient.createDefaultObjectMapper());
    }

    private SdkObjectMapper(SdkObjectMapper source) {
        super(source);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T readValue(String content, TypeReference<T> valueTypeRef) throws JsonProcessingException {
        if (valueTypeRef.getType() == String.class) {
            return (T) content;
        }
        return super.readValue(content, valueTypeRef);
    }

    // ObjectMapper.copy() refuses subclasses that do not override it.
    @Override
    public ObjectMapper copy() {
        _checkInvalidCopy(SdkObjectMapper.class);
        return new SdkObjectMapper(this);
    }
}
