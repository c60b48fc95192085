package org.atoll.eas.command;

import java.util.List;
import java.util.Optional;
import org.atoll.device.DeviceView;
import org.atoll.eas.request.EasCommand;
import org.atoll.sync.FilterType;
import org.atoll.sync.ItemSyncs;
import org.atoll.sync.SyncOptions;
import org.atoll.wbxml.CodePage;
import org.atoll.wbxml.WbxmlElement;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * GetItemEstimate (MS-ASCMD 2.2.1.9): how many changes each named collection would send on its next Sync, counted
 * without changing any state.
 */
@Component
public class GetItemEstimateCommand implements EasCommandHandler {

    /** GetItemEstimate Status values, MS-ASCMD 2.2.3.177.6. */
    enum Status {
        SUCCESS(1),
        INVALID_COLLECTION(2),
        NOT_PRIMED(3),
        INVALID_SYNC_KEY(4);

        final int code;

        Status(int code) {
            this.code = code;
        }
    }

    private static final CodePage G = CodePage.GET_ITEM_ESTIMATE;
    private static final CodePage A = CodePage.AIRSYNC;

    private final ItemSyncs itemSyncs;

    GetItemEstimateCommand(ItemSyncs itemSyncs) {
        this.itemSyncs = itemSyncs;
    }

    @Override
    public EasCommand command() {
        return EasCommand.GET_ITEM_ESTIMATE;
    }

    @Override
    public WbxmlElement refused(int status) {
        return WbxmlElement.of(G, "GetItemEstimate")
                .add(WbxmlElement.of(G, "Response").add("Status", Integer.toString(status)));
    }

    @Override
    public WbxmlElement handle(long accountId, DeviceView device, WbxmlElement request) {
        List<WbxmlElement> collections = request.page() == G && request.name().equals("GetItemEstimate")
                ? request.child("Collections")
                        .map(c -> c.children(G, "Collection"))
                        .orElse(List.of())
                : List.of();
        if (collections.isEmpty() || collections.size() > SyncCommand.MAX_COLLECTIONS) {
            return refused(Status.INVALID_COLLECTION.code);
        }
        WbxmlElement response = WbxmlElement.of(G, "GetItemEstimate");
        for (WbxmlElement collection : collections) {
            response.add(estimate(accountId, device, collection));
        }
        return response;
    }

    private WbxmlElement estimate(long accountId, DeviceView device, WbxmlElement collection) {
        String collectionId = collection.text("CollectionId").orElse("");
        Optional<Long> folderId = WireNumbers.unsigned(collectionId);
        Optional<Long> key = collection.text(A, "SyncKey").flatMap(WireNumbers::unsigned);
        Optional<FilterType> filter = collection
                .child(A, "Options")
                .flatMap(options -> options.text(A, "FilterType"))
                .flatMap(WireNumbers::unsigned)
                .filter(code -> code <= 7)
                .flatMap(code -> FilterType.fromCode(code.intValue()));
        if (folderId.isEmpty()) {
            return answer(Status.INVALID_COLLECTION, collectionId, null);
        }
        if (key.isEmpty()) {
            return answer(Status.INVALID_SYNC_KEY, collectionId, null);
        }
        SyncOptions.Update update = new SyncOptions.Update(filter.orElse(null), null, null, null, null, null);
        return switch (itemSyncs.estimate(accountId, device.id(), folderId.get(), key.get(), update)) {
            case ItemSyncs.Estimate.Count(long count) -> answer(Status.SUCCESS, collectionId, count);
            case ItemSyncs.Estimate.UnknownCollection() -> answer(Status.INVALID_COLLECTION, collectionId, null);
            case ItemSyncs.Estimate.NotPrimed() -> answer(Status.NOT_PRIMED, collectionId, null);
            case ItemSyncs.Estimate.InvalidSyncKey() -> answer(Status.INVALID_SYNC_KEY, collectionId, null);
        };
    }

    private static WbxmlElement answer(Status status, String collectionId, @Nullable Long estimate) {
        WbxmlElement collection = WbxmlElement.of(G, "Collection").add("CollectionId", collectionId);
        if (estimate != null) {
            collection.add("Estimate", Long.toString(estimate));
        }
        return WbxmlElement.of(G, "Response")
                .add("Status", Integer.toString(status.code))
                .add(collection);
    }
}
