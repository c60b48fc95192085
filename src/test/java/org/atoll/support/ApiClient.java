package org.atoll.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A client of the REST API over real HTTP whose every request and response is validated against
 * {@code openapi/openapi.yaml}, so the code and the contract cannot drift apart. Requests a test sends malformed on
 * purpose go through {@link #unchecked}, which validates the response only.
 */
public final class ApiClient {

    private static final OpenApiInteractionValidator VALIDATOR = OpenApiInteractionValidator.createForSpecificationUrl(
                    ApiContract.FILE.toAbsolutePath().toUri().toString())
            .withBasePathOverride(ApiContract.BASE)
            .withStrictOperationPathMatching()
            .build();

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newHttpClient();
    private final int port;
    private final @Nullable String authorization;

    private ApiClient(int port, @Nullable String authorization) {
        this.port = port;
        this.authorization = authorization;
    }

    public static ApiClient anonymous(int port) {
        return new ApiClient(port, null);
    }

    public static ApiClient basic(int port, String login, String password) {
        return new ApiClient(
                port,
                "Basic "
                        + Base64.getEncoder()
                                .encodeToString((login + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }

    public static ApiClient bearer(int port, String token) {
        return new ApiClient(port, "Bearer " + token);
    }

    /** The response to a request, with its body as bytes and, when it is JSON, as a tree. */
    public record Reply(int status, @Nullable String contentType, byte[] body, HttpResponse<byte[]> raw) {

        public JsonNode json() {
            return JSON.readTree(body);
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public Optional<String> header(String name) {
            return raw.headers().firstValue(name);
        }

        public long id() {
            return json().get("id").asLong();
        }
    }

    public Reply get(String path) {
        return send("GET", path, null, true);
    }

    public Reply post(String path, @Nullable Object body) {
        return send("POST", path, body, true);
    }

    public Reply put(String path, Object body) {
        return send("PUT", path, body, true);
    }

    public Reply patch(String path, Object body) {
        return send("PATCH", path, body, true);
    }

    public Reply delete(String path) {
        return send("DELETE", path, null, true);
    }

    /** Posts raw bytes of a type other than JSON (an upload), validated against the contract like JSON requests. */
    public Reply upload(String path, String contentType, byte[] body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .header("Content-Type", contentType);
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            Reply reply = new Reply(
                    response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(null),
                    response.body(),
                    response);
            validate("POST", path, new Upload(contentType, body), reply, true);
            return reply;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private record Upload(String contentType, byte[] body) {}

    /** Sends a request the contract does not allow (bad JSON, unknown fields); only the response is validated. */
    public Reply unchecked(String method, String path, @Nullable Object rawJsonOrBody) {
        return send(method, path, rawJsonOrBody, false);
    }

    private Reply send(String method, String path, @Nullable Object body, boolean validateRequest) {
        try {
            String json = body == null ? null : body instanceof String text ? text : JSON.writeValueAsString(body);
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .method(
                            method,
                            json == null
                                    ? HttpRequest.BodyPublishers.noBody()
                                    : HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
            if (json != null) {
                request.header("Content-Type", "application/json");
            }
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            Reply reply = new Reply(
                    response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(null),
                    response.body(),
                    response);
            validate(method, path, json, reply, validateRequest);
            return reply;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void validate(String method, String path, @Nullable Object json, Reply reply, boolean validateRequest) {
        URI uri = URI.create(path);
        String rawPath = uri.getRawPath();
        assertThat(rawPath).as("API paths start with %s", ApiContract.BASE).startsWith(ApiContract.BASE);
        String underBase = rawPath.substring(ApiContract.BASE.length());
        Optional<String> known = ApiContract.get().operation(method, underBase);
        if (known.isEmpty() && !validateRequest) {
            assertThat(reply.contentType()).as("errors are problems").startsWith("application/problem+json");
            return;
        }
        String operation =
                known.orElseThrow(() -> new AssertionError("The contract has no operation " + method + " " + path));
        SimpleRequest.Builder request = new SimpleRequest.Builder(method, rawPath);
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                int equals = pair.indexOf('=');
                String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
                String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
                request.withQueryParam(name, value);
            }
        }
        if (json instanceof Upload upload) {
            request.withContentType(upload.contentType()).withBody(upload.body());
        } else if (json instanceof String text) {
            request.withContentType("application/json").withBody(text);
        }
        if (authorization != null) {
            request.withAuthorization(authorization);
        }
        SimpleResponse.Builder response = new SimpleResponse.Builder(reply.status());
        reply.raw().headers().map().forEach((name, values) -> {
            if (!name.startsWith(":")) {
                response.withHeader(name, values);
            }
        });
        if (reply.body().length > 0) {
            response.withBody(reply.body());
        }
        ValidationReport report = validateRequest
                ? VALIDATOR.validate(request.build(), response.build())
                : VALIDATOR.validateResponse(
                        rawPath, Request.Method.valueOf(method.toUpperCase(Locale.ROOT)), response.build());
        List<ValidationReport.Message> errors = report.getMessages().stream()
                .filter(message -> message.getLevel() == ValidationReport.Level.ERROR)
                .toList();
        assertThat(errors)
                .as("%s %s answered %s %s; the contract says otherwise", method, path, reply.status(), reply.text())
                .isEmpty();
        ApiContract.get().exercised(operation);
    }
}
