package ai.hokusai.sdk.examples;

import ai.hokusai.sdk.HokusaiClient;
import ai.hokusai.sdk.exception.InvalidRequestException;
import ai.hokusai.sdk.model.LeadScore;
import ai.hokusai.sdk.model.LeadScoringInput;

public class QuickstartExample {

    public static LeadScore scoreOneLead(String baseUrl, String apiKey) {
        HokusaiClient client =
                HokusaiClient.builder().apiKey(apiKey).baseUrl(baseUrl).build();
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
            LeadScore score = client.predictions().create("21", lead).getPrediction();
            System.out.println(score.getRecommendation() + " lead, score " + score.getLeadScore());
            return score;
        } catch (InvalidRequestException e) {
            e.getFieldErrors().forEach(error -> System.err.println(error.getPointer() + ": " + error.getMessage()));
            throw e;
        }
    }
}
