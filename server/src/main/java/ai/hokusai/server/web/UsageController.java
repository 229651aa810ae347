package ai.hokusai.server.web;

import ai.hokusai.server.service.InvalidQueryException;
import ai.hokusai.server.service.UsageService;
import ai.hokusai.server.web.api.UsageApi;
import ai.hokusai.server.web.model.ModelUsageReport;
import ai.hokusai.server.web.model.ModelUsageRow;
import ai.hokusai.server.web.model.UsageReport;
import ai.hokusai.server.web.model.UsageRow;
import jakarta.servlet.http.HttpServletRequest;
import java.time.LocalDate;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class UsageController implements UsageApi {

    private final UsageService usage;
    private final HttpServletRequest request;

    public UsageController(UsageService usage, HttpServletRequest request) {
        this.usage = usage;
        this.request = request;
    }

    @Override
    public ResponseEntity<UsageReport> getUsage(
            LocalDate from, LocalDate to, String model, UUID keyId, String scope, String xRequestId) {
        if (!"key".equals(scope) && !"account".equals(scope)) {
            throw new InvalidQueryException(
                    "scope", "Query parameter 'scope' must be 'key' or 'account'.", "must be one of: key, account");
        }
        UsageService.Usage report =
                usage.usage(ApiKeyFilter.caller(request), keyId, "account".equals(scope), from, to, model);
        return ResponseEntity.ok(new UsageReport(
                report.accountId(),
                report.keyId(),
                report.from(),
                report.to(),
                report.counts().stream()
                        .map(c -> {
                            UsageRow row =
                                    new UsageRow(c.day(), c.modelId(), c.requests(), c.predictions(), c.tokens());
                            row.setKeyId(c.keyId());
                            return row;
                        })
                        .toList()));
    }

    @Override
    public ResponseEntity<ModelUsageReport> getModelUsage(
            String modelRef, LocalDate from, LocalDate to, String xRequestId) {
        UsageService.ModelUsage report = usage.modelUsage(ApiKeyFilter.caller(request), modelRef, from, to);
        return ResponseEntity.ok(new ModelUsageReport(
                report.modelId(),
                report.from(),
                report.to(),
                report.rows().stream()
                        .map(r -> new ModelUsageRow(
                                r.day(),
                                r.accountId(),
                                r.requests(),
                                r.failedRequests(),
                                r.predictions(),
                                r.tokens(),
                                r.latencyMsMean(),
                                r.latencyMsP95()))
                        .toList()));
    }
}
