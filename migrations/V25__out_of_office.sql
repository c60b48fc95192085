-- Out of Office (MS-ASCMD 2.2.3.119 Oof): one row per account that ever set it. state: 0 off, 1 on, 2 on between
-- starts_at and ends_at (MS-ASCMD 2.2.3.120 OofState). Each audience has its own reply: internal senders (this
-- server's domains), known external senders (addresses the account has written to), and every other external
-- sender. period_started_at is when the settings were last set: each sender gets at most one reply after it.
CREATE TABLE out_of_office (
    account_id               bigint      PRIMARY KEY REFERENCES account (id) ON DELETE CASCADE,
    state                    smallint    NOT NULL CHECK (state BETWEEN 0 AND 2),
    starts_at                timestamptz,
    ends_at                  timestamptz,
    internal_enabled         boolean     NOT NULL,
    internal_message         text        NOT NULL,
    internal_html            boolean     NOT NULL,
    external_known_enabled   boolean     NOT NULL,
    external_known_message   text        NOT NULL,
    external_known_html      boolean     NOT NULL,
    external_unknown_enabled boolean     NOT NULL,
    external_unknown_message text        NOT NULL,
    external_unknown_html    boolean     NOT NULL,
    period_started_at        timestamptz NOT NULL,
    CHECK (state <> 2 OR (starts_at IS NOT NULL AND ends_at IS NOT NULL AND starts_at < ends_at))
);

-- The senders that got an automatic reply, and when (RFC 3834 3.1.1: at most one reply per sender and period).
CREATE TABLE out_of_office_reply (
    account_id bigint      NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    sender     text        NOT NULL,
    replied_at timestamptz NOT NULL,
    PRIMARY KEY (account_id, sender)
);
