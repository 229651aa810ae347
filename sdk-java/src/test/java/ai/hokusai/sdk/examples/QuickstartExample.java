package ai.hokusai.sdk.examples;

import ai.hokusai.sdk.HokusaiClient;
import ai.hokusai.sdk.Prediction;
import ai.hokusai.sdk.exception.HokusaiException;
import ai.hokusai.sdk.exception.InvalidRequestException;
import ai.hokusai.sdk.model.LeadScore;
import ai.hokusai.sdk.model.LeadScoringInput;
import ai.hokusai.sdk.model.Model;

public class QuickstartExample {

    /** Usage: QuickstartExample [baseUrl] [apiKey]; the key defaults to $HOKUSAI_API_KEY. */
    public static void main(String[] args) {
        String baseUrl = args.length > 0 ? args[0] : HokusaiClient.DEFAULT_BASE_URL;
        String apiKey = args.length > 1 ? args[1] : System.getenv("HOKUSAI_API_KEY");
        scoreOneLead(baseUrl, apiKey);
    }

    public static LeadScore scoreOneLead(String baseUrl, String apiKey) {
        HokusaiClient client = HokusaiClient.builder()
                .apiKey(apiKey)
                .baseUrl(baseUrl)
                .build();

        Model model = client.models().get("21");
        System.out.println(model.getName() + " scores up to " + model.getMaxBatchSize() + " leads per call");

        LeadScoringInput lead = new LeadScoringInput()
                .companySize(1000)
                .industry("Technology")
                .engagementScore(75.0)
                .websiteVisits(10)
                .emailOpens(5)
                .contentDownloads(3)
                .demoRequested(true)
                .budgetConfirmed(false)
                .decisionTimeline("Q2 2025")
                .title("VP of Engineering");

        try {
            // Retries are safe: the SDK sends an Idempotency-Key, so the lead is scored (and billed) once.
            Prediction<LeadScore> scored = client.predictions().create("21", lead);
            LeadScore score = scored.getPrediction();
            System.out.println(score.getRecommendation() + " lead, score " + score.getLeadScore()
                    + ", because: " + String.join(", ", score.getFactors()));
            System.out.println("Report the outcome later with inference log id " + scored.getInferenceLogId());
            return score;
        } catch (InvalidRequestException e) {
            e.getFieldErrors().forEach(error -> System.err.println(error.getPointer() + ": " + error.getMessage()));
            throw e;
        } catch (HokusaiException e) {
            System.err.println(e.getMessage() + " - quote request id " + e.getRequestId() + " to support");
            throw e;
        }
    }
}
