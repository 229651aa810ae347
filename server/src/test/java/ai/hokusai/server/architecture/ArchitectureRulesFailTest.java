package ai.hokusai.server.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.EvaluationResult;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Each wall fails on a class that breaks it on purpose ({@code ai.hokusai.archfixture}), and names that class: none of
 * the rules can pass by checking nothing.
 */
class ArchitectureRulesFailTest {

    private static final String FIXTURE = "ai.hokusai.archfixture";
    private static final String FIXTURE_RUNTIME = FIXTURE + ".runtime";
    private static final JavaClasses VIOLATIONS = new ClassFileImporter().importPackages(FIXTURE);

    /** Rule → the fixture class that breaks it. */
    private static final Map<String, String> OFFENDERS = Map.of(
            "layers", "LeakyController",
            "web never reads persistence", "LeakyController",
            "persistence depends on nothing above it", "ClimbingMapper",
            "runtime knows no HTTP", "HttpAwareRuntime",
            "no cycles between packages", "ClimbingMapper",
            "generated types stay in web", "GeneratedModelUser",
            "one JSON library", "Jackson2User",
            "time comes from the Clock bean", "WallClockReader");

    @TestFactory
    Stream<DynamicTest> everyRuleFailsOnItsViolationAndNamesIt() {
        return ArchitectureRules.all(FIXTURE, FIXTURE_RUNTIME).entrySet().stream()
                .map(rule -> DynamicTest.dynamicTest(rule.getKey(), () -> {
                    EvaluationResult result = rule.getValue().evaluate(VIOLATIONS);
                    assertThat(result.hasViolation())
                            .as("'%s' finds its violation", rule.getKey())
                            .isTrue();
                    assertThat(result.getFailureReport().toString()).contains(OFFENDERS.get(rule.getKey()));
                }));
    }

    @Test
    void everyRuleHasADeliberateViolation() {
        assertThat(OFFENDERS.keySet())
                .isEqualTo(ArchitectureRules.all(FIXTURE, FIXTURE_RUNTIME).keySet());
    }
}
