package org.atoll.eas.command;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;
import org.atoll.wbxml.WbxmlElement;

/** A command's answer: a response now, or one that comes when a parked request (Ping, hanging Sync) ends. */
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
}
