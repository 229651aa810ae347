package ai.hokusai.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

import ai.hokusai.server.config.ApiSpecDocument;
import org.junit.jupiter.api.Test;

class ErrorCodeTest {

    @Test
    void theServersErrorCodesAreExactlyTheSpecsWithTheSameStatusAndTitle() {
        Map<String, String> spec = new TreeMap<>();
        new ApiSpecDocument().problemCodes().forEach((code, value) -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> entry = (Map<String, Object>) value;
            spec.put(code, entry.get("status") + " " + entry.get("title"));
        });
        Map<String, String> server = new TreeMap<>();
        Arrays.stream(ErrorCode.values()).forEach(c -> server.put(c.code(), c.status().value() + " " + c.title()));

        assertThat(server).isEqualTo(spec);
    }
}
