package ai.hokusai.runtime.lscor;

import ai.hokusai.testsupport.ExampleInputs;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Test inputs for model 21, typed as the API hands them to the runtime, and the committed artifact they are scored with. */
final class Leads {

    static final Path COMMITTED_ARTIFACT = Path.of("../server/src/main/resources/models/lscor-v2");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Leads() {}

    /** The example lead of the API documentation (the spec's), as the API parses it. */
    static Map<String, Object> vpTechnologyWithDemo() {
        return parse(ExampleInputs.leadJson());
    }

    static Map<String, Object> internRetailNextYear() {
        return parse("""
                {"company_size": 20, "industry": "Retail", "engagement_score": 12,
                 "website_visits": 1, "email_opens": 0, "content_downloads": 0,
                 "demo_requested": false, "budget_confirmed": false,
                 "decision_timeline": "next year", "title": "Intern"}""");
    }

    static Map<String, Object> with(Map<String, Object> input, String field, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(input);
        copy.put(field, value);
        return copy;
    }

    private static Map<String, Object> parse(String json) {
        return JSON.readValue(json, new TypeReference<LinkedHashMap<String, Object>>() {});
    }
}
