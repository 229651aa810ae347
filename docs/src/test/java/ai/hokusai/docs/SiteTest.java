package ai.hokusai.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

/** The site the build just generated: facts on it come from the spec, not from the page sources. */
class SiteTest {

    private final Path site = Path.of(System.getProperty("hokusai.docs.site"));

    private Document page(String name) throws Exception {
        return Jsoup.parse(site.resolve(name).toFile(), "UTF-8");
    }

    @Test
    void everyPageShowsTheSpecsBaseUrlAndNoPlaceholderSurvives() throws Exception {
        String base =
                Spec.load(Path.of(System.getProperty("hokusai.docs.spec"))).baseUrl();
        for (String name : new String[] {
            "index.html", "quickstart.html", "accounts.html", "errors.html", "changelog.html", "models/21.html"
        }) {
            Document doc = page(name);
            assertThat(doc.select(".baseurl code").text()).as(name).isEqualTo(base);
            assertThat(doc.html()).as(name).doesNotContain("{{");
        }
    }

    @Test
    void theReferenceEmbedsTheSpecAndLoadsNothingFromOutside() throws Exception {
        Document reference = page("reference.html");
        assertThat(reference.select("script[src]").eachAttr("src"))
                .containsExactly(
                        "assets/reference-spec.js",
                        "assets/redoc.standalone.js",
                        "assets/baseurl.js",
                        "assets/reference.js");
        assertThat(reference.select("link[href^=http], script[src^=http]")).isEmpty();
        assertThat(Files.readString(site.resolve("assets/reference-spec.js")))
                .startsWith("window.HOKUSAI_SPEC = {")
                .contains("\"operationId\":\"predict\"");
        assertThat(Files.readString(site.resolve("assets/redoc.standalone.js")))
                .doesNotContain("cdn.redoc.ly/redoc/logo-mini.svg");
    }

    @Test
    void theModelPageCarriesTheCardAndTheHeldOutAccuracy() throws Exception {
        Document model = page("models/21.html");
        assertThat(model.select(".metric-name").eachText()).contains("heldout accuracy");
        assertThat(model.select(".model-card").text().toLowerCase()).contains("training data");
        assertThat(model.select("pre[data-example=curl]")).hasSize(1);
    }
}
