package ai.hokusai.runtime.lscor;

import java.util.Map;

/** The free-text inputs of model 21; each is tokenized and enters the model as a bag of tokens. */
public enum TextFeature {
    INDUSTRY("industry"),
    TITLE("title"),
    DECISION_TIMELINE("decision_timeline");

    private final String field;

    TextFeature(String field) {
        this.field = field;
    }

    /** The input field name (snake_case, as in the API contract). */
    public String field() {
        return field;
    }

    public String text(Map<String, Object> input) {
        return (String) input.get(field);
    }
}
