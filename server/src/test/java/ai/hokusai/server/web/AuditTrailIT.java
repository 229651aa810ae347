package ai.hokusai.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.hokusai.server.AccountsIntegrationTest;
import ai.hokusai.server.Tenants;
import ai.hokusai.server.TestHttp;
import ai.hokusai.server.TestKeys;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /api/v1/audit-events}: an account's admin sees the events about its objects and made by its keys, newest
 * first, page by page, filtered by object and time; never another account's. The operator sees every account's. And
 * the table is append-only even for the server's own connection.
 */
class AuditTrailIT extends AccountsIntegrationTest {

    @Autowired
    DataSource dataSource;

    /** Two accounts, each with an admin key, a model changed three times and a key issued by its admin. */
    private record Publisher(
            Tenants.Account account,
            TestKeys.Key admin,
            TestKeys.Key issued,
            Tenants.Model model,
            List<String> requestIds) {}

    @Test
    void anAccountsAdminSeesItsOwnEventsNewestFirstAndNoneOfAnotherAccount() {
        Publisher c = publisher("audit-c");
        Publisher d = publisher("audit-d");

        List<JsonNode> seenByC = allPages(as(c.admin()), "", 100);
        List<JsonNode> seenByD = allPages(as(d.admin()), "", 100);

        assertThat(seenByC)
                .isNotEmpty()
                .allSatisfy(e -> assertThat(c.account().id().toString())
                        .as("event %s is about C's object or made by C's key", e)
                        .isIn(text(e, "account_id"), text(e, "actor_account_id")));
        assertThat(requestIds(seenByC)).containsAll(c.requestIds()).doesNotContainAnyElementsOf(d.requestIds());
        assertThat(requestIds(seenByD)).containsAll(d.requestIds()).doesNotContainAnyElementsOf(c.requestIds());
        assertThat(objectIds(seenByC))
                .doesNotContain(d.model().ref(), d.issued().id().toString());
        assertNewestFirst(seenByC);
        assertThat(seenByC)
                .extracting(e -> e.get("operation").asString())
                .contains("model.create", "model.update", "api_key.create");
        assertThat(seenByC.toString())
                .as("no secret is ever recorded")
                .doesNotContain(c.issued().secret())
                .doesNotContain(c.issued().secret().substring(16));

        JsonNode update = seenByC.stream()
                .filter(e -> c.requestIds().get(1).equals(text(e, "request_id")))
                .findFirst()
                .orElseThrow();
        assertThat(update.get("operation").asString()).isEqualTo("model.update");
        assertThat(update.get("object_type").asString()).isEqualTo("model");
        assertThat(update.get("object_id").asString()).isEqualTo(c.model().ref());
        assertThat(update.get("account_id").asString())
                .isEqualTo(c.account().id().toString());
        assertThat(update.get("actor_account_id").asString())
                .isEqualTo(c.account().id().toString());
        assertThat(update.get("actor_key_id").asString())
                .isEqualTo(c.admin().id().toString());
        assertThat(update.get("changes").get("description").asString()).isEqualTo("Change 1");
        assertThat(update.get("id").asString()).isNotBlank();
        assertThat(OffsetDateTime.parse(update.get("occurred_at").asString())).isNotNull();
    }

    @Test
    void theOperatorsChangesToAnAccountsObjectsAreTheAccountsEventsToo() {
        Publisher c = publisher("audit-operator");

        JsonNode issuedByOperator = allPages(
                        as(c.admin()), "&object_id=" + c.admin().id(), 100)
                .stream()
                .filter(e -> e.get("operation").asString().equals("api_key.create"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("the account does not see its key's creation by the operator"));
        assertThat(issuedByOperator.get("account_id").asString())
                .isEqualTo(c.account().id().toString());
        assertThat(issuedByOperator.get("actor_account_id").asString()).isEqualTo(Tenants.OPERATOR_ACCOUNT.toString());
    }

    @Test
    void pagesFollowTheCursorWithoutGapsOrRepeats() {
        Publisher c = publisher("audit-pages");
        List<JsonNode> onePage = allPages(as(c.admin()), "", 100);
        assertThat(onePage.size()).as("enough events for several pages").isGreaterThanOrEqualTo(5);

        List<JsonNode> byTwo = allPages(as(c.admin()), "", 2);

        assertThat(ids(byTwo)).as("pages of two, in order").containsExactlyElementsOf(ids(onePage));
        TestHttp.Response first = as(c.admin()).get("/api/v1/audit-events?limit=2");
        assertThat(first.json().get("data")).hasSize(2);
        assertThat(first.json().get("has_more").asBoolean()).isTrue();
        assertThat(first.json().get("next_cursor").asString()).matches("[A-Za-z0-9_-]+");
        TestHttp.Response last = as(c.admin()).get("/api/v1/audit-events?limit=100");
        assertThat(last.json().get("has_more").asBoolean()).isFalse();
        assertThat(last.json().get("next_cursor") == null
                        || last.json().get("next_cursor").isNull())
                .isTrue();
    }

    @Test
    void eventsAreFilteredByObjectAndTime() {
        Publisher c = publisher("audit-filters");
        TestHttp admin = as(c.admin());

        List<JsonNode> aboutTheModel =
                allPages(admin, "&object_type=model&object_id=" + c.model().ref(), 100);
        assertThat(aboutTheModel)
                .extracting(e -> e.get("operation").asString())
                .containsExactly("model.update", "model.update", "model.update", "model.create");
        assertThat(allPages(admin, "&object_type=api_key", 100))
                .isNotEmpty()
                .allSatisfy(e -> assertThat(e.get("object_type").asString()).isEqualTo("api_key"));
        assertThat(allPages(
                        admin, "&object_type=deployment&object_id=" + c.model().ref(), 100))
                .isEmpty();

        // The model's events, oldest first: create, change 1, change 2, change 3. Split at change 2.
        JsonNode split = aboutTheModel.get(1);
        OffsetDateTime at = OffsetDateTime.parse(split.get("occurred_at").asString());
        String model = "&object_type=model&object_id=" + c.model().ref();
        List<JsonNode> since = allPages(admin, model + "&since=" + query(at), 100);
        List<JsonNode> until = allPages(admin, model + "&until=" + query(at), 100);

        assertThat(ids(since)).as("since is inclusive").contains(split.get("id").asString());
        assertThat(since)
                .allSatisfy(e -> assertThat(
                                OffsetDateTime.parse(e.get("occurred_at").asString()))
                        .isAfterOrEqualTo(at));
        assertThat(ids(until))
                .as("until is exclusive")
                .doesNotContain(split.get("id").asString())
                .contains(aboutTheModel.get(3).get("id").asString());
        assertThat(until)
                .allSatisfy(e -> assertThat(
                                OffsetDateTime.parse(e.get("occurred_at").asString()))
                        .isBefore(at));
        assertThat(since.size() + until.size()).isEqualTo(aboutTheModel.size());
        assertThat(allPages(admin, model + "&since=" + query(at.plusYears(10)), 100))
                .isEmpty();
        assertThat(allPages(admin, model + "&until=" + query(at.minusYears(10)), 100))
                .isEmpty();
    }

    @Test
    void aPlatformAdminKeySeesEveryAccountsEventsAndOtherKeysNeedAdmin() {
        Publisher c = publisher("audit-all-c");
        Publisher d = publisher("audit-all-d");

        for (Publisher p : List.of(c, d)) {
            assertThat(requestIds(allPages(operator(), "&object_id=" + p.model().ref(), 100)))
                    .containsAll(p.requestIds().subList(0, 4));
        }
        assertThat(allPages(as(c.admin()), "&object_id=" + d.model().ref(), 100))
                .as("another account's model's events, asked for by id")
                .isEmpty();

        TestKeys.Key writer = Tenants.issueKey(operator(), c.account().id(), List.of("models:write"));
        TestHttp.Response refused = as(writer).get("/api/v1/audit-events");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("code").asString()).isEqualTo("insufficient_scope");
    }

    @Test
    void theApplicationsOwnConnectionCanNeitherChangeNorRemoveAnEvent() throws SQLException {
        publisher("audit-append-only");
        long events = jdbc.queryForObject("SELECT count(*) FROM audit_events", Long.class);
        String some = jdbc.queryForObject(
                "SELECT changes::text FROM audit_events ORDER BY occurred_at LIMIT 1", String.class);

        for (String statement : List.of(
                "UPDATE audit_events SET changes = '{}', operation = 'model.update'",
                "DELETE FROM audit_events",
                "TRUNCATE audit_events",
                "TRUNCATE audit_events CASCADE")) {
            try (Connection connection = dataSource.getConnection();
                    Statement sql = connection.createStatement()) {
                connection.setAutoCommit(true);
                assertThatThrownBy(() -> sql.execute(statement))
                        .as(statement)
                        .isInstanceOf(SQLException.class)
                        .hasMessageContaining("append-only");
            }
        }

        assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_events", Long.class))
                .isEqualTo(events);
        assertThat(jdbc.queryForObject(
                        "SELECT changes::text FROM audit_events ORDER BY occurred_at LIMIT 1", String.class))
                .isEqualTo(some);
    }

    // ---- helpers ----

    /**
     * An account whose admin registers a model, changes it three times and issues a key; the request ids of those
     * five changes, in order.
     */
    private Publisher publisher(String slugBase) {
        Tenants.Account account = Tenants.createAccount(operator(), slugBase, null);
        TestKeys.Key admin = Tenants.issueKey(operator(), account.id(), List.of("admin"));
        TestHttp http = as(admin);
        List<String> requestIds = new ArrayList<>();

        String create = Tenants.unique("audit-request");
        requestIds.add(create);
        TestHttp.Response created = http.send(
                "POST",
                "/api/v1/models",
                json(create),
                Tenants.json(Tenants.leadScorerBody(Tenants.unique(slugBase), null)));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        Tenants.Model model = new Tenants.Model(
                created.json().get("id").asInt(), created.json().get("slug").asString());
        for (int i = 1; i <= 3; i++) {
            String change = Tenants.unique("audit-request");
            requestIds.add(change);
            TestHttp.Response changed = http.send(
                    "PATCH",
                    "/api/v1/models/" + model.ref(),
                    json(change),
                    Tenants.json(Map.of("description", "Change " + i)));
            assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        }
        String issue = Tenants.unique("audit-request");
        requestIds.add(issue);
        TestHttp.Response issued = http.send(
                "POST",
                "/api/v1/api-keys",
                json(issue),
                Tenants.json(Map.of("name", "audited", "scopes", List.of("predict"))));
        assertThat(issued.status()).as(issued.toString()).isEqualTo(201);
        TestKeys.Key key = new TestKeys.Key(
                UUID.fromString(issued.json().get("id").asString()),
                issued.json().get("key").asString());
        return new Publisher(account, admin, key, model, requestIds);
    }

    private static String query(OffsetDateTime time) {
        return URLEncoder.encode(time.toString(), StandardCharsets.UTF_8);
    }

    private static Map<String, String> json(String requestId) {
        return Map.of("Content-Type", "application/json", "X-Request-Id", requestId);
    }

    /** Every event the query selects, following {@code next_cursor} from page to page. */
    private static List<JsonNode> allPages(TestHttp caller, String filters, int limit) {
        List<JsonNode> events = new ArrayList<>();
        String cursor = null;
        for (int pages = 0; pages < 1_000; pages++) {
            TestHttp.Response page = caller.get(
                    "/api/v1/audit-events?limit=" + limit + filters + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(page.status()).as(page.toString()).isEqualTo(200);
            page.json().get("data").valueStream().forEach(events::add);
            if (!page.json().get("has_more").asBoolean()) {
                return events;
            }
            cursor = page.json().get("next_cursor").asString();
        }
        throw new AssertionError("more than 1,000 pages of events");
    }

    private static void assertNewestFirst(List<JsonNode> events) {
        for (int i = 1; i < events.size(); i++) {
            assertThat(OffsetDateTime.parse(events.get(i).get("occurred_at").asString()))
                    .as("event %d is not newer than event %d", i, i - 1)
                    .isBeforeOrEqualTo(OffsetDateTime.parse(
                            events.get(i - 1).get("occurred_at").asString()));
        }
    }

    private static List<String> ids(List<JsonNode> events) {
        return events.stream().map(e -> e.get("id").asString()).toList();
    }

    private static List<String> requestIds(List<JsonNode> events) {
        return events.stream().map(e -> text(e, "request_id")).toList();
    }

    private static List<String> objectIds(List<JsonNode> events) {
        return events.stream().map(e -> e.get("object_id").asString()).toList();
    }

    private static String text(JsonNode event, String field) {
        JsonNode value = event.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }
}
