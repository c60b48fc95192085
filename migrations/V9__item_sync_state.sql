-- Sync state per device and collection (MS-ASCMD 2.2.1.21), all in rows: no serialized item lists.

-- One row per device and synced folder. The current SyncKey covers the journal up to position; the previous key
-- keeps what it covered, so a device that lost a response and resends the previous key gets the same changes
-- again (MS-ASCMD 3.1.5.9). While scan_active, the folder's messages that predate the collection's first key are
-- still being offered, newest first, from the scan cursor on; while reconcile, held items that no longer belong
-- (after a FilterType change) are still being removed. The options are the last ones the device sent, so a
-- partial or empty Sync request can reuse them.
-- filter_type: MS-ASCMD 2.2.3.69.2 (0 all, 1 one day ... 7 six months). conflict: 0 client wins, 1 server wins.
CREATE TABLE collection_sync_state (
    account_id          bigint      NOT NULL,
    device_pk           bigint      NOT NULL,
    folder_id           bigint      NOT NULL,
    sync_key            bigint      NOT NULL CHECK (sync_key > 0),
    position_modseq     bigint      NOT NULL,
    position_ordinal    integer     NOT NULL,
    scan_active         boolean     NOT NULL,
    scan_received_at    timestamptz,
    scan_message_id     bigint,
    reconcile           boolean     NOT NULL,
    previous_key        bigint,
    previous_modseq     bigint,
    previous_ordinal    integer,
    previous_scan_active boolean,
    previous_scan_received_at timestamptz,
    previous_scan_message_id  bigint,
    previous_reconcile  boolean,
    previous_filter_type smallint,
    filter_type         smallint    NOT NULL CHECK (filter_type BETWEEN 0 AND 7),
    conflict            smallint    NOT NULL CHECK (conflict IN (0, 1)),
    deletes_as_moves    boolean     NOT NULL,
    window_size         integer     NOT NULL CHECK (window_size BETWEEN 1 AND 512),
    mime_support        smallint    NOT NULL CHECK (mime_support BETWEEN 0 AND 2),
    in_last_request     boolean     NOT NULL DEFAULT false,
    synced_at           timestamptz NOT NULL,
    PRIMARY KEY (account_id, device_pk, folder_id),
    FOREIGN KEY (account_id, device_pk) REFERENCES device (account_id, id) ON DELETE CASCADE
);

-- The body preferences a device sent for a collection (AirSyncBase BodyPreference, MS-ASAIRS 2.2.2.7).
-- body_type: 1 plain text, 2 HTML, 3 RTF, 4 MIME.
CREATE TABLE collection_body_preference (
    account_id      bigint   NOT NULL,
    device_pk       bigint   NOT NULL,
    folder_id       bigint   NOT NULL,
    body_type       smallint NOT NULL CHECK (body_type BETWEEN 1 AND 4),
    truncation_size bigint   CHECK (truncation_size >= 0),
    all_or_none     boolean  NOT NULL,
    preview         integer  NOT NULL CHECK (preview BETWEEN 0 AND 255),
    PRIMARY KEY (account_id, device_pk, folder_id, body_type),
    FOREIGN KEY (account_id, device_pk, folder_id)
        REFERENCES collection_sync_state (account_id, device_pk, folder_id) ON DELETE CASCADE
);

-- What each device holds of each collection: one row per message, with the message's modseq as the device last
-- received it. A message whose modseq moved on is a Change for that device; a held message that left the folder is
-- a Delete, exactly once. received_at lets items that age out of the FilterType window leave as SoftDelete.
CREATE TABLE device_item (
    account_id  bigint      NOT NULL,
    device_pk   bigint      NOT NULL,
    folder_id   bigint      NOT NULL,
    message_id  bigint      NOT NULL,
    modseq      bigint      NOT NULL,
    received_at timestamptz NOT NULL,
    PRIMARY KEY (account_id, device_pk, folder_id, message_id),
    FOREIGN KEY (account_id, device_pk, folder_id)
        REFERENCES collection_sync_state (account_id, device_pk, folder_id) ON DELETE CASCADE
);

CREATE INDEX device_item_age_idx ON device_item (account_id, device_pk, folder_id, received_at);

-- The rows of device_item as they were before the latest SyncKey's response changed them (held_modseq null: the
-- device did not hold the message). Resending the previous key puts them back before answering again.
CREATE TABLE device_item_undo (
    account_id      bigint      NOT NULL,
    device_pk       bigint      NOT NULL,
    folder_id       bigint      NOT NULL,
    message_id      bigint      NOT NULL,
    held_modseq     bigint,
    held_received_at timestamptz,
    PRIMARY KEY (account_id, device_pk, folder_id, message_id),
    FOREIGN KEY (account_id, device_pk, folder_id)
        REFERENCES collection_sync_state (account_id, device_pk, folder_id) ON DELETE CASCADE
);

-- Items a device added through Sync, by its ClientId, so a retried Add never creates a second message.
CREATE TABLE client_add (
    account_id bigint      NOT NULL,
    device_pk  bigint      NOT NULL,
    client_id  text        NOT NULL CHECK (length(client_id) BETWEEN 1 AND 64),
    folder_id  bigint      NOT NULL,
    message_id bigint      NOT NULL,
    added_at   timestamptz NOT NULL,
    PRIMARY KEY (account_id, device_pk, client_id),
    FOREIGN KEY (account_id, device_pk) REFERENCES device (account_id, id) ON DELETE CASCADE
);

-- Conflicts between a device's change and a newer server change (MS-ASCMD 2.2.3.34 Conflict), kept for
-- administrators. winner: 'SERVER' or 'CLIENT'.
CREATE TABLE sync_conflict (
    account_id    bigint      NOT NULL,
    id            bigint      GENERATED BY DEFAULT AS IDENTITY,
    device_pk     bigint      NOT NULL,
    folder_id     bigint      NOT NULL,
    message_id    bigint      NOT NULL,
    winner        text        NOT NULL CHECK (winner IN ('SERVER', 'CLIENT')),
    held_modseq   bigint      NOT NULL,
    server_modseq bigint      NOT NULL,
    occurred_at   timestamptz NOT NULL,
    PRIMARY KEY (account_id, id),
    FOREIGN KEY (account_id, device_pk) REFERENCES device (account_id, id) ON DELETE CASCADE
);
