package org.atoll.eas.command;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;
import org.atoll.wbxml.WbxmlElement;

/**
 * A command's answer: a WBXML response now, one that comes when a parked request (Ping, hanging Sync) ends, or, for
 * the commands that answer so, an empty 200, an HTTP status, or raw bytes.
 */
public sealed interface EasAnswer {

    static EasAnswer now(WbxmlElement body) {
        return new Now(body);
    }

    /**
     * An answer that waits on {@code source}; cancelling the source gives the wait up. Nothing of the response is
     * built while the request waits: a parked request keeps only its source and these two functions.
     *
     * @param map the response for the source's value; empty for an HTTP 200 without a body
     * @param fallback the response should the source fail, or the HTTP request time out before it completes
     */
    static <T> EasAnswer later(
            CompletableFuture<T> source,
            Function<T, Optional<WbxmlElement>> map,
            Supplier<Optional<WbxmlElement>> fallback) {
        return new Later<>(source, map, fallback);
    }

    record Now(WbxmlElement body) implements EasAnswer {}

    record Later<T>(
            CompletableFuture<T> source,
            Function<T, Optional<WbxmlElement>> map,
            Supplier<Optional<WbxmlElement>> fallback)
            implements EasAnswer {}

    /** Success answered with an empty body (MS-ASCMD 2.2.3.177.14). */
    record Empty() implements EasAnswer {}

    /** A refusal as an HTTP status (protocol 12.x, and commands without a WBXML response). */
    record Http(int status, String message) implements EasAnswer {}

    /** Raw bytes of a given media type as the HTTP body (GetAttachment, MS-ASCMD 2.2.1.7). */
    record Bytes(String contentType, byte[] content) implements EasAnswer {}
}
