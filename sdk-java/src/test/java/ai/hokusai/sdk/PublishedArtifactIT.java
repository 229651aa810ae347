package ai.hokusai.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.yaml.snakeyaml.Yaml;

/**
 * What an integrator downloads: the pom, jar, sources and javadoc the build installs (into a repository under target/,
 * as `install` does into ~/.m2). The pom must describe the SDK alone: no parent, nothing of Spring Boot's, the
 * licence the docs state (the spec's {@code info.license}), and only Jackson 2 at run time.
 */
class PublishedArtifactIT {

    private static final Path PUBLISHED = Path.of(System.getProperty("hokusai.sdk.installed", "target/installed"))
            .resolve("ai/hokusai/hokusai-sdk");

    @Test
    void thePublishedPomCarriesOnlyHokusaisMetadata() throws Exception {
        Path pom = published(".pom");
        String text = Files.readString(pom);
        assertThat(text.toLowerCase()).doesNotContain("spring", "vmware", "broadcom", "apache license");
        Element project = parse(pom).getDocumentElement();
        assertThat(children(project, "parent"))
                .as("a published pom without a parent")
                .isEmpty();
        assertThat(child(project, "name")).isEqualTo("Hokusai Java SDK");
        assertThat(child(project, "description")).contains("Hokusai Model API");
        assertThat(child(project, "url")).isNotBlank();
        assertThat(children(project, "licenses")
                        .get(0)
                        .getElementsByTagName("name")
                        .item(0)
                        .getTextContent())
                .isEqualTo(specLicence());
        assertThat(children(project, "developers")).isNotEmpty();
        Element scm = children(project, "scm").get(0);
        assertThat(child(scm, "url")).isNotBlank();
        assertThat(child(scm, "connection")).startsWith("scm:git:");
    }

    @Test
    void thePublishedPomNeedsOnlyJackson2AtRunTime() throws Exception {
        NodeList dependencies = parse(published(".pom")).getElementsByTagName("dependency");
        List<String> runtime = new ArrayList<>();
        for (int i = 0; i < dependencies.getLength(); i++) {
            Element dependency = (Element) dependencies.item(i);
            String scope = child(dependency, "scope");
            if (scope.isEmpty() || scope.equals("compile") || scope.equals("runtime")) {
                runtime.add(child(dependency, "groupId") + ":" + child(dependency, "artifactId"));
            }
        }
        assertThat(runtime)
                .containsExactlyInAnyOrder(
                        "com.fasterxml.jackson.core:jackson-databind",
                        "com.fasterxml.jackson.datatype:jackson-datatype-jsr310");
    }

    @Test
    void sourcesAndJavadocArePublishedBesideTheJar() throws IOException {
        assertThat(entries(published(".jar"))).contains("ai/hokusai/sdk/HokusaiClient.class");
        assertThat(entries(published("-sources.jar")))
                .contains("ai/hokusai/sdk/HokusaiClient.java", "ai/hokusai/sdk/internal/api/PredictionsApi.java");
        assertThat(entries(published("-javadoc.jar"))).contains("index.html", "ai/hokusai/sdk/HokusaiClient.html");
    }

    /** The newest published file of the SDK's version that ends with the suffix (snapshots carry a timestamp). */
    private static Path published(String suffix) throws IOException {
        Path versionDir;
        try (Stream<Path> versions = Files.list(PUBLISHED)) {
            versionDir = versions.filter(Files::isDirectory)
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("nothing published under " + PUBLISHED));
        }
        try (Stream<Path> files = Files.list(versionDir)) {
            List<Path> matching = files.filter(f -> f.getFileName().toString().endsWith(suffix))
                    .filter(f -> suffix.startsWith("-")
                            || !f.getFileName().toString().matches(".*-(sources|javadoc)\\.jar"))
                    .sorted()
                    .collect(Collectors.toList());
            assertThat(matching).as("published *%s in %s", suffix, versionDir).isNotEmpty();
            return matching.get(matching.size() - 1);
        }
    }

    private static List<String> entries(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.stream().map(e -> e.getName()).collect(Collectors.toList());
        }
    }

    private static Document parse(Path xml) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml.toFile());
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element && n.getNodeName().equals(name)) found.add((Element) n);
        }
        return found;
    }

    private static String child(Element parent, String name) {
        List<Element> found = children(parent, name);
        return found.isEmpty() ? "" : found.get(0).getTextContent().trim();
    }

    @SuppressWarnings("unchecked")
    private static String specLicence() throws IOException {
        try (InputStream in = Files.newInputStream(
                Path.of(System.getProperty("hokusai.spec.file", "../api-spec/src/main/openapi/openapi.yaml")))) {
            Map<String, Object> spec = new Yaml().load(in);
            return String.valueOf(
                    ((Map<String, Object>) ((Map<String, Object>) spec.get("info")).get("license")).get("name"));
        }
    }
}
