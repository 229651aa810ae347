package ai.hokusai.contract.docs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;

/** The contract as the site publishes it ({@code openapi.json} beside the pages). */
final class PublishedSpec {

    private PublishedSpec() {}

    static JsonNode read(DocSite site) {
        try {
            return new ObjectMapper()
                    .readTree(site.root().resolve("openapi.json").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String baseUrl(DocSite site) {
        return read(site).path("servers").path(0).path("url").asText();
    }
}
