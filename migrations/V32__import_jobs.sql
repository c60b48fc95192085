-- Every import's figures, written when it starts, after each stored batch and when it ends: its outcome outlives
-- the process that ran it, every node and the CLI see it, and an account has one running import across all of
-- them. A RUNNING row whose updated_at stopped moving belongs to a process that ended without finishing it.
CREATE SEQUENCE import_job_id_seq;

CREATE TABLE import_job (
    account_id         bigint      NOT NULL REFERENCES mailbox (account_id) ON DELETE CASCADE,
    id                 bigint      NOT NULL DEFAULT nextval('import_job_id_seq'),
    source             text        NOT NULL,
    state              text        NOT NULL CHECK (state IN ('RUNNING', 'DONE', 'CANCELLED', 'FAILED')),
    folders_done       integer     NOT NULL DEFAULT 0,
    folders_total      integer     NOT NULL DEFAULT 0,
    messages_done      bigint      NOT NULL DEFAULT 0,
    messages_total     bigint      NOT NULL DEFAULT 0,
    messages_stored    bigint      NOT NULL DEFAULT 0,
    messages_skipped   bigint      NOT NULL DEFAULT 0,
    messages_failed    bigint      NOT NULL DEFAULT 0,
    messages_malformed bigint      NOT NULL DEFAULT 0,
    bytes_done         bigint      NOT NULL DEFAULT 0,
    errors             text[]      NOT NULL DEFAULT '{}',
    started_at         timestamptz NOT NULL,
    finished_at        timestamptz,
    updated_at         timestamptz NOT NULL,
    PRIMARY KEY (account_id, id)
);

CREATE INDEX import_job_running_idx ON import_job (account_id) WHERE state = 'RUNNING';
