-- Bounded growth: what is kept only for a while, and how readers of the journal learn what was removed.

-- When each journal entry was written, so entries older than the retention can go. The default is evaluated once
-- for the rows already there (the time of this migration), and per transaction for new rows.
ALTER TABLE journal ADD COLUMN at timestamptz NOT NULL DEFAULT now();

-- The last message entry removed from each folder's journal. A device whose position in that folder lies before it
-- can no longer be told what changed and must start over (Sync Status 3, MS-ASCMD 2.2.3.177.17).
CREATE TABLE journal_horizon (
    account_id bigint  NOT NULL REFERENCES mailbox (account_id) ON DELETE CASCADE,
    folder_id  bigint  NOT NULL,
    modseq     bigint  NOT NULL,
    ordinal    integer NOT NULL,
    PRIMARY KEY (account_id, folder_id)
);

-- The last folder entry (created, updated, deleted) removed from the account's journal; a FolderSync position
-- before it is answered with Status 9 (MS-ASCMD 2.2.3.177.5).
CREATE TABLE hierarchy_horizon (
    account_id bigint  PRIMARY KEY REFERENCES mailbox (account_id) ON DELETE CASCADE,
    modseq     bigint  NOT NULL,
    ordinal    integer NOT NULL
);

-- Conflicts and ClientIds are removed by age; audit entries by time already have an index.
CREATE INDEX sync_conflict_age_idx ON sync_conflict (occurred_at);
CREATE INDEX client_add_age_idx ON client_add (added_at);
CREATE INDEX sent_client_id_age_idx ON sent_client_id (sent_at);
CREATE INDEX device_last_seen_idx ON device (last_seen_at);
