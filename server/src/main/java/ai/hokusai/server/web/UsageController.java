package ai.hokusai.server.web;

import java.time.LocalDate;
import java.util.UUID;

import ai.hokusai.server.security.ApiKeyPrincipal;
import ai.hokusai.server.service.UsageService;
import ai.hokusai.server.web.api.UsageApi;
import ai.hokusai.server.web.model.UsageReport;
import ai.hokusai.server.web.model.UsageRow;
import jakarta.servlet.http.HttpServletRequest;
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
    public ResponseEntity<UsageReport> getUsage(LocalDate from, LocalDate to, String model, UUID keyId,
            String xRequestId) {
        ApiKeyPrincipal caller = ApiKeyFilter.principal(request);
        UsageService.Usage report = usage.usage(caller.keyId(), caller.isAdmin(), keyId, from, to, model);
        return ResponseEntity.ok(new UsageReport(report.keyId(), report.from(), report.to(), report.counts().stream()
                .map(c -> new UsageRow(c.day(), c.modelId(), c.requests(), c.predictions()))
                .toList()));
    }
}
