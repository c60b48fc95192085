-- What imports stored, per account and target folder: a restarted import skips a message whose content it finds
-- here, so it never stores one twice. Written in the transaction that stores the message.
CREATE TABLE import_ledger (
    account_id        bigint      NOT NULL,
    folder_id         bigint      NOT NULL,
    content_sha256    bytea       NOT NULL CHECK (length(content_sha256) = 32),
    message_id_header text,
    message_id        bigint      NOT NULL,
    imported_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (account_id, folder_id, content_sha256),
    FOREIGN KEY (account_id, folder_id) REFERENCES folder (account_id, id) ON DELETE CASCADE
);
