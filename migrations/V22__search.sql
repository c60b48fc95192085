-- What the searches see: the full text of each message, and the accounts the directory leaves out.

-- btree_gin lets one GIN index hold the account id beside the words, so a word query of one mailbox reads that
-- account's postings of the word and never another account's. It is a trusted extension: the database's owner may
-- create it.
CREATE EXTENSION IF NOT EXISTS btree_gin;

-- One row per message: subject (weight A), addresses (B: whole, by domain, and word by word, so "ana@example.org",
-- "example.org" and "example" all find it), and preview and body text (C) as a tsvector of the
-- 'simple' configuration (no stemming, no stop words: mail comes in every language). Written in the statement that
-- stores the message; kept apart from the message row so that flag changes and moves never rewrite the index.
CREATE TABLE message_search (
    account_id bigint   NOT NULL,
    message_id bigint   NOT NULL,
    document   tsvector NOT NULL,
    PRIMARY KEY (account_id, message_id),
    FOREIGN KEY (account_id, message_id) REFERENCES message (account_id, id) ON DELETE CASCADE
);

CREATE INDEX message_search_document_idx ON message_search USING gin (account_id, document);

-- Messages stored before this migration are indexed from their envelope and preview (the start of the body);
-- the raw MIME stays unread here.
INSERT INTO message_search (account_id, message_id, document)
SELECT account_id, id,
       setweight(to_tsvector('simple', coalesce(subject, '')), 'A')
           || setweight(to_tsvector('simple', concat_ws(' ', from_list, to_list, cc_list,
                  regexp_replace(concat_ws(' ', from_list, to_list, cc_list), '[@<>"]', ' ', 'g'),
                  regexp_replace(concat_ws(' ', from_list, to_list, cc_list), '[@.<>"_+-]', ' ', 'g'))), 'B')
           || setweight(to_tsvector('simple', preview), 'C')
FROM message;

-- An account hidden from the directory still receives mail and signs in, but GAL Search, ResolveRecipients, Find
-- and GET /api/v1/directory never list it.
ALTER TABLE account ADD COLUMN hidden_from_directory boolean NOT NULL DEFAULT false;
