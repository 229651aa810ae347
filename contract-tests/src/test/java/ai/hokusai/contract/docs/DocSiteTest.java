package ai.hokusai.contract.docs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

/** Static checks of the built site: what the doc tests rely on, and what the error `type` URIs rely on. */
class DocSiteTest {

    private final DocSite site = DocSite.built();

    @Test
    void everyCurlCommandOnTheSiteIsAMarkedExample() {
        List<String> unmarked = new ArrayList<>();
        for (Path page : site.pages())
            unmarked.addAll(DocSite.unmarkedCurlBlocks(site.relative(page), site.parse(page)));
        assertThat(unmarked).isEmpty();
        assertThat(site.examples()).filteredOn(e -> e.kind().equals("curl")).hasSizeGreaterThanOrEqualTo(8);
    }

    @Test
    void everyExampleStatesWhatItAnswers() {
        assertThat(site.examples()).filteredOn(e -> e.kind().equals("curl")).allSatisfy(e -> {
            assertThat(e.expectStatus()).as(e.toString()).isBetween(200, 599);
            assertThat(e.code()).as(e.toString()).contains(PublishedSpec.baseUrl(site));
        });
    }

    @Test
    void everyProblemCodeHasTheSectionItsTypeUriPointsAt() {
        JsonNode spec = PublishedSpec.read(site);
        String prefix = spec.path("servers").path(0).path("url").asText() + "/docs/";
        Document errors = site.parse(site.root().resolve("errors.html"));
        List<String> codes = new ArrayList<>();
        spec.path("components")
                .path("schemas")
                .path("Problem")
                .path("x-problem-codes")
                .fieldNames()
                .forEachRemaining(codes::add);
        assertThat(codes).isNotEmpty();
        for (String code : codes) {
            assertThat(errors.getElementById(code)).as("section #" + code).isNotNull();
        }
        spec.path("components").path("responses").forEach(response -> {
            JsonNode example =
                    response.path("content").path("application/problem+json").path("example");
            if (example.isMissingNode()) return;
            String type = example.path("type").asText();
            assertThat(type).startsWith(prefix);
            String[] pageAndAnchor = type.substring(prefix.length()).split("#", 2);
            assertThat(Files.isRegularFile(site.root().resolve(pageAndAnchor[0])))
                    .as(type)
                    .isTrue();
            assertThat(site.parse(site.root().resolve(pageAndAnchor[0])).getElementById(pageAndAnchor[1]))
                    .as(type)
                    .isNotNull();
        });
    }

    @Test
    void noPageNamesAnotherHostThanThePublishedBaseUrl() {
        String base = PublishedSpec.baseUrl(site);
        for (Path page : site.pages()) {
            String text = site.parse(page).text();
            for (String oldHost : List.of("https://hokus.ai/api", "registry.hokus.ai")) {
                assertThat(text).as(site.relative(page)).doesNotContain(oldHost);
            }
            assertThat(site.parse(page).select("pre[data-example=curl]"))
                    .allSatisfy(pre -> assertThat(pre.wholeText().replaceAll("https?://[^/\\s]+", "<host>"))
                            .doesNotContain("localhost"));
        }
        assertThat(base).startsWith("https://");
    }

    @Test
    void theDocsJarPacksTheSiteWhereTheServerServesIt() {
        assertThat(getClass().getClassLoader().getResource("META-INF/resources/docs/index.html"))
                .isNotNull();
        assertThat(getClass().getClassLoader().getResource("META-INF/resources/docs/errors.html"))
                .isNotNull();
        assertThat(getClass().getClassLoader().getResource("META-INF/resources/docs/assets/redoc.standalone.js"))
                .isNotNull();
        assertThat(getClass().getClassLoader().getResource("ai/hokusai/docs/SiteGenerator.class"))
                .as("generator stays out of the jar")
                .isNull();
    }
}
