package org.atoll.api;

import java.io.IOException;
import java.io.InputStream;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The API's contract, {@code openapi/openapi.yaml} as packed into the jar, and a Swagger UI page that reads it. */
@RestController
class OpenApiController {

    private static final MediaType YAML = MediaType.parseMediaType("application/yaml");

    private final byte[] contract;
    private final byte[] page;
    private final byte[] script;

    OpenApiController() throws IOException {
        this.contract = read("openapi/openapi.yaml");
        this.page = read("api-docs/index.html");
        this.script = read("api-docs/start.js");
    }

    @GetMapping("/openapi.yaml")
    ResponseEntity<byte[]> contract() {
        return ResponseEntity.ok()
                .contentType(YAML)
                .cacheControl(CacheControl.noCache())
                .body(contract);
    }

    @GetMapping("/api-docs")
    ResponseEntity<byte[]> page() {
        return ResponseEntity.ok()
                .contentType(MediaType.TEXT_HTML)
                .header(
                        "Content-Security-Policy",
                        "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'")
                .body(page);
    }

    @GetMapping("/api-docs/start.js")
    ResponseEntity<byte[]> script() {
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("text/javascript"))
                .body(script);
    }

    private static byte[] read(String path) throws IOException {
        try (InputStream in = new ClassPathResource(path).getInputStream()) {
            return in.readAllBytes();
        }
    }
}
