package ai.hokusai.server.runtime.lscor;

import ai.hokusai.server.runtime.lscor.training.SyntheticLeads;
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
        return SyntheticLeads.input(1000, "Technology", 75, 10, 5, 3, true, false, "Q2 2025", "VP of Engineering");
    }

    static Map<String, Object> internRetailNextYear() {
        return SyntheticLeads.input(20, "Retail", 12, 1, 0, 0, false, false, "next year", "Intern");
    }

    static Map<String, Object> with(Map<String, Object> input, String field, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(input);
        copy.put(field, value);
        return copy;
    }
}
