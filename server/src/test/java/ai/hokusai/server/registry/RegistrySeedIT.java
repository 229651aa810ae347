package ai.hokusai.server.registry;

import static org.assertj.core.api.Assertions.assertThat;

import ai.hokusai.server.ServerIntegrationTest;
import ai.hokusai.server.config.ApiSpecDocument;
import ai.hokusai.server.persistence.DeploymentMapper;
import ai.hokusai.server.persistence.ModelMapper;
import ai.hokusai.server.persistence.ModelRecord;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

class RegistrySeedIT extends ServerIntegrationTest {

    @Autowired
    ModelMapper models;

    @Autowired
    DeploymentMapper deployments;

    @Autowired
    ApiSpecDocument spec;

    @Test
    void model21IsSeededWithTheSpecsLeadScoringInputAsItsInputSchema() {
        ModelRecord model = models.findById(21).orElseThrow();
        Map<String, Object> stored = JsonMapper.builder()
                .build()
                .readValue(model.inputSchemaJson(), new TypeReference<LinkedHashMap<String, Object>>() {});
        assertThat(stored.remove("$schema")).isEqualTo("https://json-schema.org/draft/2020-12/schema");

        Map<String, Object> fromSpec = JsonMapper.builder()
                .build()
                .convertValue(
                        spec.resolve("#/components/schemas/LeadScoringInput"),
                        new TypeReference<LinkedHashMap<String, Object>>() {});
        assertThat(stored).isEqualTo(fromSpec);
        assertThat(model.slug()).isEqualTo("lscor-v2");
        assertThat(model.maxBatchSize()).isEqualTo(100);
        assertThat(model.cacheTtlSeconds()).isEqualTo(3600);
    }

    @Test
    void model21HasExactlyOneActiveDeployment() {
        assertThat(deployments.listByModelId(21)).filteredOn(d -> d.active()).hasSize(1);
        assertThat(deployments.findActiveByModelId(21))
                .get()
                .satisfies(d -> assertThat(d.runtime()).isEqualTo("lscor-logistic"));
    }
}
