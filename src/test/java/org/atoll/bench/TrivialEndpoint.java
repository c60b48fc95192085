package org.atoll.bench;

import java.nio.charset.StandardCharsets;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The HTTP baseline of BENCHMARKS.md: a no-op GET through the server's own filters, minus authentication, answering
 * a fixed body of 5 bytes or of 4 KB. Registered only by the benchmark's application context ({@link BenchWeb});
 * {@code @TestComponent} keeps the tests' component scan from picking it up.
 */
@TestComponent
@RestController
class TrivialEndpoint {

    static final String SMALL = "/bench/trivial/5";
    static final String LARGE = "/bench/trivial/4096";

    private static final byte[] FIVE = "hello".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] FOUR_KB = "x".repeat(4096).getBytes(StandardCharsets.US_ASCII);

    @GetMapping(SMALL)
    ResponseEntity<byte[]> small() {
        return ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN).body(FIVE);
    }

    @GetMapping(LARGE)
    ResponseEntity<byte[]> large() {
        return ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN).body(FOUR_KB);
    }
}
