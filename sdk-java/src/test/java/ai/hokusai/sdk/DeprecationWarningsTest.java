package ai.hokusai.sdk;

import static ai.hokusai.sdk.TestData.clientFor;
import static org.assertj.core.api.Assertions.assertThat;

import ai.hokusai.sdk.TestData.RecordingSleeper;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DeprecationWarningsTest {

    private static final String INFO =
            "{\"id\":21,\"model_id\":21,\"slug\":\"lscor-v2\",\"name\":\"Sales Lead Scoring v2\","
                    + "\"task\":\"tabular-classification\",\"model_type\":\"tabular-classification\","
                    + "\"storage\":{\"provider\":\"bundled\",\"location\":\"classpath:models/lscor-v2\",\"requires_token\":false},"
                    + "\"artifact\":{\"provider\":\"bundled\",\"requires_token\":false},\"available\":true,"
                    + "\"max_batch_size\":100,\"cache_ttl_seconds\":3600}";
    private static final String[] DEPRECATED = {
        "Deprecation",
        "@1796083200",
        "Sunset",
        "Wed, 30 Jun 2027 00:00:00 GMT",
        "Link",
        "</docs/changelog.html#deprecated-fields>; rel=\"deprecation\"; type=\"text/html\""
    };

    private final StubServer stub = new StubServer();
    private final HokusaiClient client = clientFor(stub, new RecordingSleeper()).build();
    private final List<LogRecord> warnings = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.WARNING.intValue()) warnings.add(record);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    @BeforeEach
    void listen() {
        DeprecationWarnings.LOGGER.addHandler(capture);
    }

    @AfterEach
    void stop() {
        DeprecationWarnings.LOGGER.removeHandler(capture);
        stub.close();
    }

    @Test
    void warnsOncePerOperationWithTheSunsetAndTheMigrationLink() {
        stub.json(200, INFO, DEPRECATED).json(200, INFO, DEPRECATED);

        client.models().info("21");
        client.models().info("21");

        assertThat(warnings)
                .singleElement()
                .extracting(LogRecord::getMessage)
                .asString()
                .contains(
                        "getModelInfo",
                        "@1796083200",
                        "Wed, 30 Jun 2027 00:00:00 GMT",
                        "/docs/changelog.html#deprecated-fields");
    }

    @Test
    void theRawResponseCarriesTheDeprecationNotice() {
        stub.json(200, INFO, DEPRECATED);

        RawResponse<ai.hokusai.sdk.model.ModelInfo> info =
                client.models().withRawResponse().info("21");

        assertThat(info.getValue().getId()).isEqualTo(21);
        assertThat(info.getDeprecation()).hasValueSatisfying(notice -> {
            assertThat(notice.getHeader()).isEqualTo("@1796083200");
            assertThat(notice.getDeprecatedSince()).contains(java.time.Instant.parse("2026-12-01T00:00:00Z"));
            assertThat(notice.getSunset()).contains(java.time.Instant.parse("2027-06-30T00:00:00Z"));
            assertThat(notice.getLink()).contains("/docs/changelog.html#deprecated-fields");
        });
    }

    @Test
    void saysNothingWithoutADeprecationHeader() {
        stub.json(200, INFO);

        client.models().info("21");

        assertThat(warnings).isEmpty();
    }

    @Test
    void findsTheDeprecationLinkAmongOthers() {
        assertThat(
                        Deprecation.deprecationLink(
                                java.util.Map.of(
                                        "link",
                                        List.of(
                                                "<https://example.test/next>; rel=\"next\", <https://example.test/migrate>; rel=\"deprecation\""))))
                .contains("https://example.test/migrate");
    }
}
