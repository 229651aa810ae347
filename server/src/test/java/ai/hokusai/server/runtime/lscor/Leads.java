package ai.hokusai.server.runtime.lscor;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Test inputs for model 21 and the committed artifact they are scored with. */
final class Leads {

    static final Path COMMITTED_ARTIFACT = Path.of("src/main/resources/models/lscor-v2");

    private Leads() {
    }

    /** The example lead of the API documentation. */
    static Map<String, Object> vpTechnologyWithDemo() {
        return lead(1000, "Technology", 75, 10, 5, 3, true, false, "Q2 2025", "VP of Engineering");
    }

    static Map<String, Object> internRetailNextYear() {
        return lead(20, "Retail", 12, 1, 0, 0, false, false, "next year", "Intern");
    }

    static Map<String, Object> lead(int companySize, String industry, double engagement, int visits, int opens,
                                    int downloads, boolean demo, boolean budget, String timeline, String title) {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("company_size", companySize);
        input.put("industry", industry);
        input.put("engagement_score", engagement);
        input.put("website_visits", visits);
        input.put("email_opens", opens);
        input.put("content_downloads", downloads);
        input.put("demo_requested", demo);
        input.put("budget_confirmed", budget);
        input.put("decision_timeline", timeline);
        input.put("title", title);
        return input;
    }

    static Map<String, Object> with(Map<String, Object> input, String field, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(input);
        copy.put(field, value);
        return copy;
    }
}
