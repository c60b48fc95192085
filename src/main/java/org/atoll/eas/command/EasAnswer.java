package org.atoll.eas.command;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.atoll.wbxml.WbxmlElement;

/** A command's answer: a response now, or one that comes when a parked request (Ping, hanging Sync) ends. */
public sealed interface EasAnswer {

    static EasAnswer now(WbxmlElement body) {
        return new Now(body);
    }

    /**
     * An answer that waits on {@code source}; cancelling {@link Later#body()} gives the wait up.
     *
     * @param map the response for the source's value; empty for an HTTP 200 without a body
     * @param fallback the response should the HTTP request time out before the source completes
     */
    static <T> EasAnswer later(
            CompletableFuture<T> source, Function<T, Optional<WbxmlElement>> map, Optional<WbxmlElement> fallback) {
        CompletableFuture<Optional<WbxmlElement>> body = new CompletableFuture<>();
        source.whenComplete((value, failure) -> {
            if (failure != null) {
                body.completeExceptionally(failure);
            } else {
                body.complete(map.apply(value));
            }
        });
        body.whenComplete((value, failure) -> {
            if (body.isCancelled()) {
                source.cancel(false);
            }
        });
        return new Later(body, fallback);
    }

    record Now(WbxmlElement body) implements EasAnswer {}

    record Later(CompletableFuture<Optional<WbxmlElement>> body, Optional<WbxmlElement> fallback)
            implements EasAnswer {}
}
