package ai.hokusai.server;

/** The documented example lead (DOMAIN.md, the spec's PredictRequestOne), for every test that scores one. */
public final class TestLeads {

    /** One input of model 21. */
    public static final String INPUT = """
            {"company_size": 1000, "industry": "Technology", "engagement_score": 75,
             "website_visits": 10, "email_opens": 5, "content_downloads": 3,
             "demo_requested": true, "budget_confirmed": false,
             "decision_timeline": "Q2 2025", "title": "VP of Engineering"}""";

    /** A predict request body scoring {@link #INPUT}. */
    public static final String REQUEST = "{\"inputs\": " + INPUT + ", \"options\": {}}";

    private TestLeads() {
    }
}
