package org.atoll.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.atoll.support.ApiContract;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Every operation of the contract has a test. Contract test classes run first (junit-platform.properties orders
 * classes, and this one comes last); each exchange they validate marks its operation exercised. When this class runs
 * alone, nothing was exercised and only the contract itself is checked.
 */
@Order(Integer.MAX_VALUE)
class ApiCoverageTest {

    @Test
    void contractShouldBeOpenApi31WithAnIdForEveryOperation() throws IOException {
        assertThat(ApiContract.get().api().getOpenapi()).isEqualTo("3.1.0");
        assertThat(ApiContract.get().operationIds()).hasSizeGreaterThan(30).doesNotContainNull();
        assertThat(Files.readString(ApiContract.FILE)).doesNotContain("paths: {}");
    }

    @Test
    void everyOperationShouldHaveBeenExercisedByAContractTest() throws IOException {
        Set<String> exercised = ApiContract.get().exercised();
        if (exercised.isEmpty()) {
            return;
        }
        Set<String> missing = new TreeSet<>(ApiContract.get().operationIds());
        missing.removeAll(exercised);
        assertThat(missing)
                .as("operations of openapi/openapi.yaml no test exercised")
                .isEmpty();
        assertThat(testSources()).as("contract tests live beside this one").isNotEmpty();
    }

    private static Set<Path> testSources() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("src", "test", "java", "org", "atoll", "api"))) {
            return new TreeSet<>(
                    files.filter(f -> f.toString().endsWith("ApiTest.java")).toList());
        }
    }
}
