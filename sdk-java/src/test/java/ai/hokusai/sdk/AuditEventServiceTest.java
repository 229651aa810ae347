package ai.hokusai.sdk;

import static ai.hokusai.sdk.TestData.ACCOUNT_ID;
import static ai.hokusai.sdk.TestData.clientFor;
import static ai.hokusai.sdk.TestData.problem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.hokusai.sdk.TestData.RecordingSleeper;
import ai.hokusai.sdk.exception.PermissionException;
import ai.hokusai.sdk.model.AuditEvent;
import ai.hokusai.sdk.model.AuditEventList;
import ai.hokusai.sdk.model.AuditObjectType;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AuditEventServiceTest {

    private static final String EVENT_ID = "7c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f";
    private static final String MODEL_UPDATE = "{\"id\":\"" + EVENT_ID + "\",\"occurred_at\":\"2026-11-27T09:00:00Z\","
            + "\"account_id\":\"" + ACCOUNT_ID + "\",\"actor_account_id\":\"" + ACCOUNT_ID + "\","
            + "\"actor_key_id\":\"" + ApiKeyServiceTest.KEY_ID + "\",\"request_id\":\"req_3f9a1c\","
            + "\"operation\":\"model.update\",\"object_type\":\"model\",\"object_id\":\"22\","
            + "\"changes\":{\"visibility\":\"public\"}}";
    /** A change the server made from its own configuration: no actor, no request. */
    private static final String ACCOUNT_CREATE = "{\"id\":\"8d2e3f4a-5b6c-4d7e-8f9a-0b1c2d3e4f5a\","
            + "\"occurred_at\":\"2026-11-26T08:00:00Z\",\"account_id\":\"" + ACCOUNT_ID
            + "\",\"actor_account_id\":null,"
            + "\"actor_key_id\":null,\"request_id\":null,\"operation\":\"account.create\",\"object_type\":\"account\","
            + "\"object_id\":\"" + ACCOUNT_ID + "\",\"changes\":{\"slug\":\"acme-analytics\"}}";

    private final StubServer stub = new StubServer();
    private final HokusaiClient client = clientFor(stub, new RecordingSleeper()).build();

    @AfterEach
    void stopStub() {
        stub.close();
    }

    @Test
    void listSendsEveryFilterAsAQueryParameterAndReadsTheEvents() {
        stub.json(
                200,
                "{\"data\":[" + MODEL_UPDATE + "],\"has_more\":false,\"next_cursor\":null}",
                "X-Request-Id",
                "req_e1");

        RawResponse<AuditEventList> page = client.auditEvents()
                .withRawResponse()
                .list(AuditEventListParams.builder()
                        .limit(10)
                        .cursor("c1")
                        .objectType(AuditObjectType.MODEL)
                        .objectId("22")
                        .since(OffsetDateTime.parse("2026-11-01T00:00:00Z"))
                        .until(OffsetDateTime.parse("2026-12-01T00:00:00Z"))
                        .build());

        AuditEvent event = page.getValue().getData().get(0);
        assertThat(event.getId()).isEqualTo(UUID.fromString(EVENT_ID));
        assertThat(event.getOccurredAt()).isEqualTo(OffsetDateTime.parse("2026-11-27T09:00:00Z"));
        assertThat(event.getAccountId()).isEqualTo(UUID.fromString(ACCOUNT_ID));
        assertThat(event.getActorKeyId()).isEqualTo(UUID.fromString(ApiKeyServiceTest.KEY_ID));
        assertThat(event.getRequestId()).isEqualTo("req_3f9a1c");
        assertThat(event.getOperation()).isEqualTo(AuditEvent.OperationEnum.MODEL_UPDATE);
        assertThat(event.getObjectType()).isEqualTo(AuditObjectType.MODEL);
        assertThat(event.getObjectId()).isEqualTo("22");
        assertThat(event.getChanges()).isEqualTo(Map.of("visibility", "public"));
        assertThat(page.getValue().getHasMore()).isFalse();
        assertThat(page.getRequestId()).isEqualTo("req_e1");
        StubServer.Recorded request = stub.lastRequest();
        assertThat(request.method).isEqualTo("GET");
        assertThat(request.path).isEqualTo("/api/v1/audit-events");
        assertThat(request.query.split("&"))
                .containsExactlyInAnyOrder(
                        "limit=10",
                        "cursor=c1",
                        "object_type=model",
                        "object_id=22",
                        "since=2026-11-01T00%3A00%3A00Z",
                        "until=2026-12-01T00%3A00%3A00Z");
    }

    @Test
    void listWithoutParamsLeavesTheDefaultsToTheServerAndReadsAnEventWithoutActor() {
        stub.json(200, "{\"data\":[" + ACCOUNT_CREATE + "],\"has_more\":false}");

        AuditEventList page = client.auditEvents().list();

        AuditEvent event = page.getData().get(0);
        assertThat(event.getOperation()).isEqualTo(AuditEvent.OperationEnum.ACCOUNT_CREATE);
        assertThat(event.getActorKeyId()).isNull();
        assertThat(event.getActorAccountId()).isNull();
        assertThat(event.getRequestId()).isNull();
        assertThat(stub.lastRequest().query).isNull();
    }

    @Test
    void listAllFollowsNextCursorAndKeepsTheFilters() {
        stub.json(200, "{\"data\":[" + MODEL_UPDATE + "],\"has_more\":true,\"next_cursor\":\"Yz1\"}")
                .json(200, "{\"data\":[" + ACCOUNT_CREATE + "],\"has_more\":false,\"next_cursor\":null}");

        List<AuditEvent.OperationEnum> operations = new ArrayList<>();
        for (AuditEvent event : client.auditEvents()
                .listAll(AuditEventListParams.builder().limit(1).objectId("22").build(), RequestOptions.none())) {
            operations.add(event.getOperation());
        }

        assertThat(operations)
                .containsExactly(AuditEvent.OperationEnum.MODEL_UPDATE, AuditEvent.OperationEnum.ACCOUNT_CREATE);
        assertThat(stub.requests())
                .extracting(r -> r.query)
                .containsExactly("limit=1&object_id=22", "limit=1&cursor=Yz1&object_id=22");
    }

    @Test
    void listAllStopsWhenHasMoreIsFalseEvenWithACursor() {
        stub.json(200, "{\"data\":[" + MODEL_UPDATE + "],\"has_more\":false,\"next_cursor\":\"Yz1\"}");

        List<AuditEvent> events = new ArrayList<>();
        client.auditEvents().listAll().forEach(events::add);

        assertThat(events).hasSize(1);
        assertThat(stub.attempts()).isEqualTo(1);
    }

    @Test
    void aKeyWithoutAdminIsToldTheScope() {
        stub.problem(403, problem(403, "insufficient_scope", "r", null));

        assertThatThrownBy(() -> client.auditEvents().list())
                .isInstanceOfSatisfying(
                        PermissionException.class,
                        e -> assertThat(e.getRequiredScope()).contains("admin"));
    }
}
