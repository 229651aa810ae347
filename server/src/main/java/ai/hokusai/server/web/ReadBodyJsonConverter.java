package ai.hokusai.server.web;

import java.io.IOException;
import java.util.Map;

import org.springframework.core.ResolvableType;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageConversionException;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.InvalidDefinitionException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The application's JSON converter, except that a request body {@link SpecBodyAdvice} has read and checked already is
 * bound from the value it read: the bytes of a body are parsed once per request, not once per reader.
 */
@Component
public class ReadBodyJsonConverter extends JacksonJsonHttpMessageConverter {

    public ReadBodyJsonConverter(JsonMapper mapper) {
        super(mapper);
    }

    @Override
    public Object read(ResolvableType type, HttpInputMessage message, Map<String, Object> hints)
            throws IOException {
        if (!(message instanceof SpecBodyAdvice.ReadBody read) || read.value() == null) {
            return super.read(type, message, hints);
        }
        try {
            return getMapper().convertValue(read.value(), getJavaType(type.getType(), null));
        } catch (IllegalArgumentException | JacksonException e) {
            // As reading the bytes would have failed: a body the spec allows but the bound type cannot hold.
            Throwable cause = e.getCause() instanceof JacksonException jackson ? jackson : e;
            if (cause instanceof InvalidDefinitionException definition) {
                throw new HttpMessageConversionException("Type definition error: " + definition.getType(), cause);
            }
            throw new HttpMessageNotReadableException("JSON parse error: " + cause.getMessage(), cause, message);
        }
    }
}
