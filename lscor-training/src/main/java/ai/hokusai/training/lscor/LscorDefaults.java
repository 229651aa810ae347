package ai.hokusai.training.lscor;

import ai.hokusai.runtime.lscor.LscorConfig;
import ai.hokusai.runtime.lscor.LscorConfig.FactorLabels;
import java.util.LinkedHashMap;
import java.util.Map;

/** The serving settings the trainer writes into {@code config.json}: tiers, factor count and readable labels. */
final class LscorDefaults {

    /** Tiers from the API contract: Hot ≥ 70, Warm 40–69, Cold below 40. */
    static final int HOT = 70;

    static final int WARM = 40;
    static final int MAX_FACTORS = 3;
    /** In logit units; smaller pushes are noise next to the drivers worth telling a sales rep about. */
    static final double MIN_CONTRIBUTION = 0.15;

    private LscorDefaults() {}

    static LscorConfig config(String version, String unkToken, LscorConfig.Metrics metrics) {
        Map<String, FactorLabels> labels = new LinkedHashMap<>();
        labels.put("company_size", new FactorLabels("Large company", "Small company"));
        labels.put("engagement_score", new FactorLabels("High engagement", "Low engagement"));
        labels.put("website_visits", new FactorLabels("Frequent website visits", "Few website visits"));
        labels.put("email_opens", new FactorLabels("Many email opens", "Few email opens"));
        labels.put("content_downloads", new FactorLabels("Content downloaded", "Little content downloaded"));
        labels.put("demo_requested", new FactorLabels("Demo requested", "No demo requested"));
        labels.put("budget_confirmed", new FactorLabels("Budget confirmed", "Budget not confirmed"));
        labels.put("industry", new FactorLabels("Industry: {value}", "Industry: {value} (lower conversion)"));
        labels.put("title", new FactorLabels("Title: {value}", "Non-senior title ({value})"));
        labels.put(
                "decision_timeline",
                new FactorLabels("Early decision timeline ({value})", "Late decision timeline ({value})"));

        // "president" stays unlabelled: alone it would mislabel a plain "President"; "vice" carries the label.
        Map<String, String> title = new LinkedHashMap<>();
        title.put("vp", "Senior title (VP)");
        title.put("vice", "Senior title (Vice President)");
        title.put("director", "Senior title (Director)");
        title.put("manager", "Manager title");
        title.put("intern", "Junior title (Intern)");
        Map<String, Map<String, String>> tokenLabels = new LinkedHashMap<>();
        tokenLabels.put("title", title);

        return new LscorConfig(
                LscorConfig.RUNTIME_ID,
                version,
                HOT,
                WARM,
                MAX_FACTORS,
                MIN_CONTRIBUTION,
                unkToken,
                labels,
                tokenLabels,
                metrics);
    }
}
