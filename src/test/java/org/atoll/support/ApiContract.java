package org.atoll.support;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The contract, {@code openapi/openapi.yaml}, as the contract tests see it: its operations by method and path
 * template, and the operations the tests of this run have exercised.
 */
public final class ApiContract {

    public static final Path FILE = Path.of("openapi", "openapi.yaml");

    public static final String BASE = "/api/v1";

    private static final ApiContract INSTANCE = new ApiContract();

    private final OpenAPI api;
    private final Map<String, Pattern> operations = new LinkedHashMap<>();
    private final Set<String> exercised = ConcurrentHashMap.newKeySet();

    private ApiContract() {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readLocation(FILE.toString(), null, options);
        if (result.getOpenAPI() == null || !result.getMessages().isEmpty()) {
            throw new IllegalStateException("openapi/openapi.yaml does not parse: " + result.getMessages());
        }
        this.api = result.getOpenAPI();
        api.getPaths()
                .forEach((template, item) -> item.readOperationsMap()
                        .forEach((method, operation) ->
                                operations.put(method.name() + " " + operation.getOperationId(), pattern(template))));
    }

    public static ApiContract get() {
        return INSTANCE;
    }

    public OpenAPI api() {
        return api;
    }

    /** Every operationId in the contract. */
    public Set<String> operationIds() {
        Set<String> ids = new TreeSet<>();
        operations.keySet().forEach(key -> ids.add(key.substring(key.indexOf(' ') + 1)));
        return ids;
    }

    /** The operation a request names, if the contract has one. */
    public Optional<String> operation(String method, String pathUnderBase) {
        for (var entry : operations.entrySet()) {
            String key = entry.getKey();
            if (key.startsWith(method + " ")
                    && entry.getValue().matcher(pathUnderBase).matches()) {
                return Optional.of(key.substring(key.indexOf(' ') + 1));
            }
        }
        return Optional.empty();
    }

    void exercised(String operationId) {
        exercised.add(operationId);
    }

    public Set<String> exercised() {
        return Set.copyOf(exercised);
    }

    private static Pattern pattern(String template) {
        return Pattern.compile(template.replaceAll("\\{[^}]+}", "[^/]+"));
    }
}
