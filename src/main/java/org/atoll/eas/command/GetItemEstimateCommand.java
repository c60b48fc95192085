package org.atoll.eas.command;

import org.atoll.device.DeviceView;
import org.atoll.eas.message.GetItemEstimateMessage;
import org.atoll.eas.message.GetItemEstimateMessage.Collection;
import org.atoll.eas.message.GetItemEstimateMessage.Estimate;
import org.atoll.eas.message.GetItemEstimateMessage.Request;
import org.atoll.eas.message.GetItemEstimateMessage.Response;
import org.atoll.eas.message.GetItemEstimateMessage.Status;
import org.atoll.eas.request.EasCommand;
import org.atoll.sync.FilterType;
import org.atoll.sync.ItemSyncs;
import org.atoll.sync.SyncOptions;
import org.springframework.stereotype.Component;

/**
 * GetItemEstimate (MS-ASCMD 2.2.1.9): how many changes each named collection would send on its next Sync, counted
 * without changing any state.
 */
@Component
class GetItemEstimateCommand implements MessageCommand<Request, Response> {

    private static final GetItemEstimateMessage MESSAGE = new GetItemEstimateMessage(SyncCommand.MAX_COLLECTIONS);

    private final ItemSyncs itemSyncs;

    GetItemEstimateCommand(ItemSyncs itemSyncs) {
        this.itemSyncs = itemSyncs;
    }

    @Override
    public EasCommand command() {
        return EasCommand.GET_ITEM_ESTIMATE;
    }

    @Override
    public GetItemEstimateMessage message() {
        return MESSAGE;
    }

    @Override
    public Response serve(long accountId, DeviceView device, Request request) {
        return new Response(request.collections().stream()
                .map(collection -> estimate(accountId, device, collection))
                .toList());
    }

    private Estimate estimate(long accountId, DeviceView device, Collection collection) {
        String collectionId = collection.collectionId();
        if (collection.folderId() == null) {
            return new Estimate(Status.INVALID_COLLECTION, collectionId, null);
        }
        if (collection.syncKey() == null) {
            return new Estimate(Status.INVALID_SYNC_KEY, collectionId, null);
        }
        FilterType filter = collection.filterType() == null
                ? null
                : FilterType.fromCode(collection.filterType()).orElse(null);
        SyncOptions.Update update = new SyncOptions.Update(filter, null, null, null, null, null);
        return switch (itemSyncs.estimate(
                accountId, device.id(), collection.folderId(), collection.syncKey(), update)) {
            case ItemSyncs.Estimate.Count(long count) -> new Estimate(Status.SUCCESS, collectionId, count);
            case ItemSyncs.Estimate.UnknownCollection() -> new Estimate(Status.INVALID_COLLECTION, collectionId, null);
            case ItemSyncs.Estimate.NotPrimed() -> new Estimate(Status.NOT_PRIMED, collectionId, null);
            case ItemSyncs.Estimate.InvalidSyncKey() -> new Estimate(Status.INVALID_SYNC_KEY, collectionId, null);
        };
    }
}
