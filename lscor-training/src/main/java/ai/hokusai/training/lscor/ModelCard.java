package ai.hokusai.training.lscor;

import ai.hokusai.runtime.lscor.LscorConfig;
import java.util.Locale;

/** The artifact's {@code README.md}: a Hugging Face style model card, regenerated with every training run. */
final class ModelCard {

    private ModelCard() {}

    static String render(LscorConfig config) {
        LscorConfig.Metrics m = config.metrics();
        return String.format(
                Locale.ROOT,
                TEMPLATE,
                config.version(),
                config.runtime(),
                m.heldoutAccuracy(),
                config.hotThreshold(),
                config.warmThreshold(),
                config.hotThreshold() - 1,
                config.warmThreshold(),
                config.maxFactors(),
                m.seed(),
                m.trainRows(),
                m.testRows(),
                m.heldoutPositiveRate(),
                m.heldoutAccuracy(),
                m.baselineAccuracy(),
                m.majorityClassAccuracy(),
                m.testRows(),
                LscorTrainer.ITERATIONS,
                LscorTrainer.LEARNING_RATE,
                LscorTrainer.L2);
    }

    private static final String TEMPLATE = """
            ---
            pipeline_tag: tabular-classification
            tags:
            - lead-scoring
            - sales
            - logistic-regression
            - synthetic-data
            metrics:
            - accuracy
            ---

            # Sales Lead Scoring v2 (LSCOR), version %1$s

            Hokusai model 21. Given one SaaS sales lead, it estimates the probability that the lead converts and
            returns a follow-up tier and the factors behind the score. Served by the `%2$s` runtime of the
            Hokusai Model API. Held-out accuracy: **%3$.4f**.

            ## Output

            | field | meaning |
            |---|---|
            | `conversion_probability` | p, the estimated probability of conversion (4 decimals) |
            | `lead_score` | round(p × 100) |
            | `recommendation` | Hot (score ≥ %4$d), Warm (%5$d–%6$d), Cold (< %7$d) |
            | `factors` | up to %8$d readable drivers of this prediction, strongest first, e.g. "Demo requested", "Senior title (VP)" |
            | `confidence` | abs(2p − 1): how far the probability is from the 50 %% boundary |

            ## Inputs and features

            | input | feature |
            |---|---|
            | `company_size`, `website_visits`, `email_opens`, `content_downloads` | ln(1 + value), standardised |
            | `engagement_score` | value / 100, standardised |
            | `demo_requested`, `budget_confirmed` | 1 / 0, standardised |
            | `industry`, `title`, `decision_timeline` | bag of tokens: tokenized with `tokenizer.json` (WordLevel, lowercase, whitespace pre-tokenizer), one binary feature per vocabulary token per field; unknown words map to `[UNK]`, which carries no weight |

            The model is a logistic regression (`model.json`). A factor is a feature's contribution to the logit
            measured against the average training lead; labels and thresholds are in `config.json`.

            ## Training data

            **Synthetic demo data, not real customer data.** %10$d training and %11$d held-out leads are generated
            by a seeded process (seed %9$d), documented in `SyntheticLeads` of the trainer:

            - a hidden interest level drives engagement, website visits, email opens, content downloads, demo
              requests and (weakly) budget confirmation;
            - industry (Technology and Finance convert best, Healthcare is middling, Retail and Other convert
              least), title seniority (VP / Vice President > Director > Manager > other) and decision timeline
              (sooner converts better) each add their own effect;
            - conversion is drawn from a logistic function of these effects plus unrecorded noise, so no model
              can be perfect. %12$.4f of the held-out leads convert.

            ## Evaluation

            | metric | value |
            |---|---|
            | held-out accuracy (converts when p ≥ 0.5) | %13$.4f |
            | published baseline | %14$.2f |
            | majority-class accuracy | %15$.4f |
            | held-out rows | %16$d |

            Accuracy is measured through the serving code path, so it is what clients get from this artifact.

            ## Reproducing

            From the repository root:

            ```
            ./mvnw -B -pl lscor-training -am process-classes -Ptrain-lscor
            ```

            This regenerates the data, rebuilds `tokenizer.json`, retrains (full-batch gradient descent, %17$d steps,
            learning rate %18$s, L2 %19$s) and rewrites every file of this folder. The same seed gives identical
            bytes; a test checks that the committed files are exactly what training produces.

            ## Limitations

            - Trained on synthetic data: the weights show the generating process, not any real sales funnel.
              Retrain on real, consented outcomes before relying on the scores.
            - The vocabulary holds only words seen in training. Titles, industries or timelines in other words
              (or other languages) fall back to `[UNK]` and score as an average lead on that field.
            - Decision timelines such as "Q2 2025" are learned as words, not dates: the model does not know
              today's date.
            - A linear model: interactions (e.g. seniority mattering more in large companies) are not captured.
            """;
}
