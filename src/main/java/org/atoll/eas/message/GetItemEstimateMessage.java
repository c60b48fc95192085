package org.atoll.eas.message;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.atoll.wbxml.CodePage;
import org.atoll.wbxml.WbxmlElement;
import org.jspecify.annotations.Nullable;

/**
 * GetItemEstimate (MS-ASCMD 2.2.1.9): the request names collections with their SyncKey and FilterType, the response
 * has one Response per collection with its Status and, on success, its Estimate.
 */
public final class GetItemEstimateMessage
        implements EasMessage<GetItemEstimateMessage.Request, GetItemEstimateMessage.Response> {

    /** GetItemEstimate Status values, MS-ASCMD 2.2.3.177.6. */
    public enum Status implements WireStatus {
        SUCCESS(1),
        INVALID_COLLECTION(2),
        NOT_PRIMED(3),
        INVALID_SYNC_KEY(4);

        private final int code;

        Status(int code) {
            this.code = code;
        }

        @Override
        public int code() {
            return code;
        }
    }

    public record Request(List<Collection> collections) {}

    /**
     * One collection as the device named it.
     *
     * @param collectionId the CollectionId as sent, answered back as sent
     * @param folderId the CollectionId as a folder id, null when it is none
     * @param syncKey the SyncKey as a number, null when it is missing or none
     * @param filterType a FilterType from 0 to 8 (8: incomplete tasks), null when missing or out of range
     */
    public record Collection(
            String collectionId,
            @Nullable Long folderId,
            @Nullable Long syncKey,
            @Nullable Integer filterType) {}

    public record Response(List<Estimate> estimates) {}

    /** @param estimate the number of changes, only with Status 1 */
    public record Estimate(
            Status status, String collectionId, @Nullable Long estimate) {}

    private static final CodePage G = CodePage.GET_ITEM_ESTIMATE;
    private static final CodePage A = CodePage.AIRSYNC;

    private final int maxCollections;

    /** @param maxCollections the most collections one request may name, as for Sync */
    public GetItemEstimateMessage(int maxCollections) {
        this.maxCollections = maxCollections;
    }

    /** A request naming no collection, or more than {@code maxCollections}, gets Status 2. */
    @Override
    public Request read(WbxmlElement document) throws MalformedRequest {
        List<WbxmlElement> elements = document.page() == G && document.name().equals("GetItemEstimate")
                ? document.child("Collections")
                        .map(c -> c.children(G, "Collection"))
                        .orElse(List.of())
                : List.of();
        if (elements.isEmpty() || elements.size() > maxCollections) {
            throw new MalformedRequest(Status.INVALID_COLLECTION);
        }
        List<Collection> collections = new ArrayList<>();
        for (WbxmlElement element : elements) {
            String collectionId = element.text("CollectionId").orElse("");
            Optional<Integer> filter = element.child(A, "Options")
                    .flatMap(options -> options.text(A, "FilterType"))
                    .flatMap(WireNumbers::unsigned)
                    .filter(code -> code <= 8)
                    .map(Long::intValue);
            collections.add(new Collection(
                    collectionId,
                    WireNumbers.unsigned(collectionId).orElse(null),
                    element.text(A, "SyncKey").flatMap(WireNumbers::unsigned).orElse(null),
                    filter.orElse(null)));
        }
        return new Request(collections);
    }

    @Override
    public WbxmlElement write(Response response) {
        WbxmlElement document = WbxmlElement.of(G, "GetItemEstimate");
        for (Estimate estimate : response.estimates()) {
            WbxmlElement collection = WbxmlElement.of(G, "Collection").add("CollectionId", estimate.collectionId());
            if (estimate.estimate() != null) {
                collection.add("Estimate", Long.toString(estimate.estimate()));
            }
            document.add(WbxmlElement.of(G, "Response")
                    .add("Status", Integer.toString(estimate.status().code()))
                    .add(collection));
        }
        return document;
    }

    @Override
    public WbxmlElement refused(int status) {
        return WbxmlElement.of(G, "GetItemEstimate")
                .add(WbxmlElement.of(G, "Response").add("Status", Integer.toString(status)));
    }
}
