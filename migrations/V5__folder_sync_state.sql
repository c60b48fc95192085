-- FolderSync state per device (MS-ASCMD 2.2.1.5): the current SyncKey and the journal position it covers, and the
-- previous key with its position, so a device that lost a response and resends the previous key gets the same
-- answer again.
CREATE TABLE folder_sync_state (
    account_id        bigint  NOT NULL,
    device_pk         bigint  NOT NULL,
    sync_key          bigint  NOT NULL CHECK (sync_key > 0),
    position_modseq   bigint  NOT NULL,
    position_ordinal  integer NOT NULL,
    previous_key      bigint,
    previous_modseq   bigint,
    previous_ordinal  integer,
    PRIMARY KEY (account_id, device_pk),
    FOREIGN KEY (account_id, device_pk) REFERENCES device (account_id, id) ON DELETE CASCADE
);
