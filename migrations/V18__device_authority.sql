-- Whether an administrator ordered the device's wipe: the device's owner may not withdraw or replace such a wipe.
-- A wipe ordered before by anyone other than the account itself counts as an administrator's.
ALTER TABLE device
    ADD COLUMN wipe_by_administrator    boolean NOT NULL DEFAULT false,
    ADD COLUMN user_agent_changes       integer NOT NULL DEFAULT 0 CHECK (user_agent_changes >= 0),
    ADD COLUMN user_agent_changes_since timestamptz;

UPDATE device d SET wipe_by_administrator = true
WHERE d.wipe_state <> 'NONE'
  AND d.wipe_requested_by IS DISTINCT FROM (SELECT a.address FROM account a WHERE a.id = d.account_id);

-- What outlives the owner's removal of a device's partnership, per account and DeviceId, until the DeviceId comes
-- back: a block an administrator or the server set on the device itself (as Exchange keeps a mailbox's blocked
-- DeviceIds apart from its partnerships), and a wipe still owed or acknowledged. The device's next registration
-- takes the row back.
CREATE TABLE device_hold (
    account_id            bigint      NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    device_id             text        NOT NULL CHECK (device_id ~ '^[A-Za-z0-9]{1,32}$'),
    block_reason          text,
    wipe_state            text        CHECK (wipe_state IN ('PENDING', 'ACKNOWLEDGED')),
    wipe_kind             text        CHECK (wipe_kind IN ('FULL', 'ACCOUNT_ONLY')),
    wipe_requested_by     text,
    wipe_requested_at     timestamptz,
    wipe_acknowledged_at  timestamptz,
    wipe_by_administrator boolean     NOT NULL DEFAULT false,
    removed_by            text        NOT NULL,
    removed_at            timestamptz NOT NULL,
    PRIMARY KEY (account_id, device_id),
    CHECK (block_reason IS NOT NULL OR wipe_state IS NOT NULL)
);
