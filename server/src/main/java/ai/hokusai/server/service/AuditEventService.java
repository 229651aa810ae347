package ai.hokusai.server.service;

import ai.hokusai.server.persistence.AuditEventMapper;
import ai.hokusai.server.persistence.AuditEventRecord;
import ai.hokusai.server.security.Caller;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Reading the audit trail: an account's events (about its objects or made by its keys), or every one for the operator. */
@Service
public class AuditEventService {

    private static final TypeReference<Map<String, Object>> FIELDS = new TypeReference<>() {};

    private final AuditEventMapper events;
    private final JsonMapper json;

    public AuditEventService(AuditEventMapper events, JsonMapper json) {
        this.events = events;
        this.json = json;
    }

    /** One recorded change; {@code changes} holds the fields it set. */
    public record AuditEvent(
            UUID id,
            OffsetDateTime occurredAt,
            UUID accountId,
            UUID actorAccountId,
            UUID actorKeyId,
            String requestId,
            String operation,
            String objectType,
            String objectId,
            Map<String, Object> changes) {}

    /** What to list; every filter may be null. */
    public record Query(
            int limit, String cursor, String objectType, String objectId, OffsetDateTime since, OffsetDateTime until) {}

    public record Page(List<AuditEvent> events, String nextCursor) {}

    public Page list(Caller caller, Query query) {
        OffsetDateTime beforeAt = null;
        UUID beforeId = null;
        if (query.cursor() != null) {
            String[] position = decode(query.cursor());
            beforeAt = OffsetDateTime.ofInstant(Instant.parse(position[0]), ZoneOffset.UTC);
            beforeId = UUID.fromString(position[1]);
        }
        List<AuditEventRecord> rows = events.page(
                caller.isOperator() ? null : caller.accountId(),
                query.objectType(),
                query.objectId(),
                query.since(),
                query.until(),
                beforeAt,
                beforeId,
                query.limit() + 1);
        boolean hasMore = rows.size() > query.limit();
        List<AuditEventRecord> page = hasMore ? rows.subList(0, query.limit()) : rows;
        String next = null;
        if (hasMore) {
            AuditEventRecord last = page.get(page.size() - 1);
            next = encode(last.occurredAt().toInstant() + "|" + last.id());
        }
        return new Page(page.stream().map(this::event).toList(), next);
    }

    private AuditEvent event(AuditEventRecord row) {
        return new AuditEvent(
                row.id(),
                row.occurredAt().withOffsetSameInstant(ZoneOffset.UTC),
                row.accountId(),
                row.actorAccountId(),
                row.actorKeyId(),
                row.requestId(),
                row.operation(),
                row.objectType(),
                row.objectId(),
                json.readValue(row.changesJson(), FIELDS));
    }

    private static String encode(String position) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(position.getBytes(StandardCharsets.UTF_8));
    }

    private static String[] decode(String cursor) {
        try {
            String[] position = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|");
            if (position.length != 2) {
                throw new IllegalArgumentException("two parts expected");
            }
            Instant.parse(position[0]);
            UUID.fromString(position[1]);
            return position;
        } catch (RuntimeException e) {
            throw new InvalidQueryException(
                    "cursor",
                    "The cursor is not one a previous page returned.",
                    "is not a cursor a previous page returned");
        }
    }
}
