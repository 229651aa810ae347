package ai.hokusai.server.web;

import ai.hokusai.server.security.ApiKeyPrincipal;
import ai.hokusai.server.service.OutcomeService;
import ai.hokusai.server.service.ReportedOutcome;
import ai.hokusai.server.web.api.OutcomesApi;
import ai.hokusai.server.web.model.Outcome;
import ai.hokusai.server.web.model.OutcomeRequest;
import jakarta.servlet.http.HttpServletRequest;
import java.time.ZoneOffset;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class OutcomesController implements OutcomesApi {

    private final OutcomeService outcomes;
    private final IdempotentCalls idempotent;
    private final HttpServletRequest request;

    public OutcomesController(OutcomeService outcomes, IdempotentCalls idempotent, HttpServletRequest request) {
        this.outcomes = outcomes;
        this.idempotent = idempotent;
        this.request = request;
    }

    @Override
    public ResponseEntity<Outcome> reportOutcome(OutcomeRequest body, String xRequestId, String idempotencyKey) {
        ApiKeyPrincipal caller = ApiKeyFilter.principal(request);
        return idempotent.run(caller, idempotencyKey, "reportOutcome", body, HttpStatus.CREATED, Outcome.class, () -> {
            ReportedOutcome o = outcomes.report(
                    caller.keyId(), body.getInferenceLogId(), body.getOutcomeScore(), body.getOutcomeType());
            return new Outcome(
                    o.id(),
                    o.inferenceLogId(),
                    o.outcomeScore(),
                    o.outcomeType(),
                    o.createdAt().withOffsetSameInstant(ZoneOffset.UTC));
        });
    }
}
