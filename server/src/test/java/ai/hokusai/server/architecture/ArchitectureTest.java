package ai.hokusai.server.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The server's own classes (generated ones included) and the runtime module's keep every wall of
 * {@link ArchitectureRules}.
 */
class ArchitectureTest {

    static final String ROOT = "ai.hokusai.server";
    /** The runtime module, the layer below registry and service. */
    static final String RUNTIME = "ai.hokusai.runtime";

    private static JavaClasses server;

    @BeforeAll
    static void importServer() {
        server = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ROOT, RUNTIME);
    }

    @TestFactory
    Stream<DynamicTest> theServerKeepsEveryWall() {
        return ArchitectureRules.all(ROOT, RUNTIME).entrySet().stream()
                .map(rule -> DynamicTest.dynamicTest(
                        rule.getKey(), () -> rule.getValue().check(server)));
    }

    @Test
    void theImportSawTheWholeServer() {
        assertThat(server.containPackage(ROOT + ".web.api")).isTrue();
        assertThat(server.containPackage(ROOT + ".persistence")).isTrue();
        assertThat(server.containPackage(ROOT + ".runtime")).isTrue();
        assertThat(server.containPackage(RUNTIME + ".lscor")).isTrue();
        assertThat(server.containPackage(RUNTIME + ".onnx")).isTrue();
    }

    /** README.md names every rule, so the architecture section and the build say the same thing. */
    @Test
    void readmesArchitectureSectionNamesEveryRule() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        Map<String, ArchRule> rules = ArchitectureRules.all(ROOT, RUNTIME);
        assertThat(readme).contains("## Architecture");
        String section = readme.substring(readme.indexOf("## Architecture"));
        section =
                section.substring(0, section.indexOf("\n## ", 1) < 0 ? section.length() : section.indexOf("\n## ", 1));
        for (String name : rules.keySet()) {
            assertThat(section)
                    .as("README's architecture section names the rule '%s'", name)
                    .contains(name);
        }
    }
}
