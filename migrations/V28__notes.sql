-- Notes (MS-ASNOTE), relational like messages: one row per note, in a folder of type 10 (the account's default
-- Notes folder, role NOTES) or 17 (a Notes folder the user made). A note takes its id from the messages' sequence,
-- so a journal entry's item id names one item of the account whatever its class. Every change of a note goes
-- through the account's modseq counter and journal like a change of a message.
-- message_class: MS-ASNOTE 2.2.2.5 (IPM.StickyNote or a class derived from it). body is plain text
-- (AirSyncBase Body Type 1).
CREATE TABLE note (
    account_id    bigint      NOT NULL,
    id            bigint      NOT NULL DEFAULT nextval('message_id_seq'),
    folder_id     bigint      NOT NULL,
    subject       text        NOT NULL DEFAULT '' CHECK (length(subject) <= 255),
    body          text        NOT NULL DEFAULT '',
    message_class text        NOT NULL DEFAULT 'IPM.StickyNote' CHECK (message_class LIKE 'IPM.StickyNote%'),
    categories    text[]      NOT NULL DEFAULT '{}',
    last_modified timestamptz NOT NULL,
    modseq        bigint      NOT NULL,
    PRIMARY KEY (account_id, id),
    FOREIGN KEY (account_id, folder_id) REFERENCES folder (account_id, id) ON DELETE CASCADE
);

CREATE INDEX note_folder_idx ON note (account_id, folder_id, last_modified DESC, id DESC);

-- Every existing account gets its default Notes folder, created under the account's next modseq and journaled like
-- any folder creation, so devices learn of it on their next FolderSync. A top-level folder the user already named
-- "Notes" keeps its name; the new folder is then "Notes (ActiveSync)".
WITH bumped AS (
    UPDATE mailbox SET highest_modseq = highest_modseq + 1
    WHERE NOT EXISTS (SELECT 1 FROM folder f WHERE f.account_id = mailbox.account_id AND f.role = 'NOTES')
    RETURNING account_id, highest_modseq
), created AS (
    INSERT INTO folder (account_id, parent_id, name, type, role, modseq)
    SELECT b.account_id,
           NULL,
           CASE WHEN EXISTS (SELECT 1 FROM folder f
                             WHERE f.account_id = b.account_id AND f.parent_id IS NULL AND lower(f.name) = 'notes')
                THEN 'Notes (ActiveSync)' ELSE 'Notes' END,
           10,
           'NOTES',
           b.highest_modseq
    FROM bumped b
    RETURNING account_id, id, modseq
)
INSERT INTO journal (account_id, modseq, ordinal, folder_id, message_id, kind)
SELECT account_id, modseq, 0, id, NULL, 4 FROM created;
