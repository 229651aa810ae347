package ai.hokusai.runtime;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.sql.Driver;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/**
 * The runtime stays plain Java: what the server and the training code share must not pull in Spring, a servlet
 * container or a database. Checked twice: on the resolved classpath (the test classpath holds the module's own, so a
 * dependency that brings one in fails here) and on the code (no class uses one, even through another library).
 */
class RuntimeDependenciesTest {

    /** One class of each thing the runtime must not depend on. */
    private static final List<String> FORBIDDEN_CLASSES = List.of(
            "org.springframework.core.SpringVersion",
            "jakarta.servlet.Servlet",
            "jakarta.annotation.PreDestroy",
            "org.apache.catalina.startup.Tomcat",
            "org.apache.ibatis.session.SqlSession",
            "org.flywaydb.core.Flyway",
            "org.postgresql.Driver",
            "io.zonky.test.db.postgres.embedded.EmbeddedPostgres");

    static ArchRule knowsNoSpringServletOrDatabase(String runtimePackage) {
        return noClasses()
                .that()
                .resideInAPackage(runtimePackage + "..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.springframework..",
                        "jakarta..",
                        "javax.servlet..",
                        "java.sql..",
                        "javax.sql..",
                        "org.apache.ibatis..",
                        "org.mybatis..",
                        "org.flywaydb..",
                        "org.postgresql..",
                        "org.apache.catalina..",
                        "org.apache.tomcat..")
                .as("the runtime uses no Spring, servlet, Jakarta EE or database class");
    }

    @Test
    void noSpringServletOrDatabaseClassIsOnTheClasspath() {
        for (String name : FORBIDDEN_CLASSES) {
            assertThat(isOnClasspath(name))
                    .as("%s is on the runtime's classpath", name)
                    .isFalse();
        }
    }

    @Test
    void noJdbcDriverIsOnTheClasspath() {
        List<String> drivers = ServiceLoader.load(Driver.class).stream()
                .map(p -> p.type().getName())
                .toList();
        assertThat(drivers).as("JDBC drivers on the runtime's classpath").isEmpty();
    }

    @Test
    void noRuntimeClassUsesSpringServletOrDatabase() {
        JavaClasses runtime = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("ai.hokusai.runtime");
        assertThat(runtime.containPackage("ai.hokusai.runtime.lscor"))
                .as("the import saw the runtime")
                .isTrue();
        assertThat(runtime.containPackage("ai.hokusai.runtime.onnx"))
                .as("the import saw the runtime")
                .isTrue();
        assertThat(runtime.containPackage("ai.hokusai.runtime.oip"))
                .as("the import saw the runtime")
                .isTrue();

        knowsNoSpringServletOrDatabase("ai.hokusai.runtime").check(runtime);
    }

    @Test
    void theRuleFailsOnAClassThatUsesTheDatabase() {
        JavaClasses fixture = new ClassFileImporter().importPackages("ai.hokusai.runtimefixture");

        EvaluationResult result =
                knowsNoSpringServletOrDatabase("ai.hokusai.runtimefixture").evaluate(fixture);

        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().toString()).contains("SqlReadingRuntime");
    }

    private static boolean isOnClasspath(String className) {
        try {
            Class.forName(className, false, RuntimeDependenciesTest.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
