package ai.hokusai.server.web;

import ai.hokusai.server.web.model.UsageReport;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.UUID;
import org.springframework.boot.jackson.JacksonMixin;

/**
 * {@code key_id} is required and null in an account's report ({@code scope=account}): written even when null, where
 * the server leaves other null fields out.
 */
@JacksonMixin(UsageReport.class)
abstract class UsageReportJson {

    @JsonInclude(JsonInclude.Include.ALWAYS)
    abstract UUID getKeyId();
}
