package ai.hokusai.runtime.lscor;

import java.util.Map;

/**
 * The numeric inputs of model 21 and how each becomes a number. Training and serving both go through
 * {@link #raw(Map)}, so the model never sees a feature computed two different ways.
 */
public enum NumericFeature {
    COMPANY_SIZE("company_size", Transform.LOG1P),
    ENGAGEMENT_SCORE("engagement_score", Transform.PERCENT),
    WEBSITE_VISITS("website_visits", Transform.LOG1P),
    EMAIL_OPENS("email_opens", Transform.LOG1P),
    CONTENT_DOWNLOADS("content_downloads", Transform.LOG1P),
    DEMO_REQUESTED("demo_requested", Transform.FLAG),
    BUDGET_CONFIRMED("budget_confirmed", Transform.FLAG);

    /** LOG1P: counts are heavy-tailed, the tenth visit says less than the first. */
    enum Transform {
        LOG1P,
        PERCENT,
        FLAG
    }

    private final String field;
    private final Transform transform;

    NumericFeature(String field, Transform transform) {
        this.field = field;
        this.transform = transform;
    }

    /** The input field name (snake_case, as in the API contract). */
    public String field() {
        return field;
    }

    /** The value before standardisation. Inputs are schema-validated, so the field is present and typed. */
    public double raw(Map<String, Object> input) {
        Object value = input.get(field);
        return switch (transform) {
            case FLAG -> Boolean.TRUE.equals(value) ? 1.0 : 0.0;
            case PERCENT -> ((Number) value).doubleValue() / 100.0;
            // StrictMath: bit-identical on every platform, which the reproducible training relies on.
            case LOG1P -> StrictMath.log1p(((Number) value).doubleValue());
        };
    }
}
