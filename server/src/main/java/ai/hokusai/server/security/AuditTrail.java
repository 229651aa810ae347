package ai.hokusai.server.security;

import ai.hokusai.server.persistence.AuditEventMapper;
import ai.hokusai.server.persistence.AuditEventRecord;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes one audit event per change, in the transaction that makes the change (it refuses to run outside one), so a
 * change and its event are committed or rolled back together. Callers pass only fields that are not secret.
 */
@Component
public class AuditTrail {

    private final AuditEventMapper events;
    private final JsonMapper json;

    public AuditTrail(AuditEventMapper events, JsonMapper json) {
        this.events = events;
        this.json = json;
    }

    /**
     * @param ownerAccountId the account whose object changed
     * @param changes        the fields set, with their new values (never a secret)
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void record(
            Caller actor,
            UUID ownerAccountId,
            String operation,
            String objectType,
            Object objectId,
            Map<String, ?> changes) {
        events.insert(new AuditEventRecord(
                UUID.randomUUID(),
                null,
                ownerAccountId,
                actor.key() == null ? null : actor.accountId(),
                actor.keyId(),
                actor.requestId(),
                operation,
                objectType,
                String.valueOf(objectId),
                json.writeValueAsString(changes)));
    }
}
