package ai.hokusai.server.web;

import ai.hokusai.server.service.AuditEventService;
import ai.hokusai.server.web.api.AuditEventsApi;
import ai.hokusai.server.web.model.AuditEvent;
import ai.hokusai.server.web.model.AuditEventList;
import ai.hokusai.server.web.model.AuditObjectType;
import jakarta.servlet.http.HttpServletRequest;
import java.time.OffsetDateTime;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class AuditEventsController implements AuditEventsApi {

    private final AuditEventService events;
    private final HttpServletRequest request;

    public AuditEventsController(AuditEventService events, HttpServletRequest request) {
        this.events = events;
        this.request = request;
    }

    @Override
    public ResponseEntity<AuditEventList> listAuditEvents(
            Integer limit,
            String cursor,
            AuditObjectType objectType,
            String objectId,
            OffsetDateTime since,
            OffsetDateTime until,
            String xRequestId) {
        AuditEventService.Page page = events.list(
                ApiKeyFilter.caller(request),
                new AuditEventService.Query(
                        limit, cursor, objectType == null ? null : objectType.getValue(), objectId, since, until));
        AuditEventList list = new AuditEventList(
                page.events().stream().map(AuditEventsController::event).toList(), page.nextCursor() != null);
        list.setNextCursor(page.nextCursor());
        return ResponseEntity.ok(list);
    }

    private static AuditEvent event(AuditEventService.AuditEvent e) {
        AuditEvent event = new AuditEvent(
                e.id(),
                e.occurredAt(),
                e.accountId(),
                AuditEvent.OperationEnum.fromValue(e.operation()),
                AuditObjectType.fromValue(e.objectType()),
                e.objectId(),
                e.changes());
        event.setActorAccountId(e.actorAccountId());
        event.setActorKeyId(e.actorKeyId());
        event.setRequestId(e.requestId());
        return event;
    }
}
