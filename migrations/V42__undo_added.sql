-- The items the latest response of a collection gave its device that the device did not hold before, as one array
-- on the collection's state: a resent previous SyncKey removes them again (MS-ASCMD 3.1.5.9). A response of a window
-- of new items then writes no undo row per item; device_item_undo keeps the items a response changed or removed,
-- with what the device held of them before. Undo rows written before this column existed (held_modseq NULL for an
-- item that was not held) are still honoured by a replay.
ALTER TABLE collection_sync_state ADD COLUMN undo_added bigint[] NOT NULL DEFAULT '{}';
