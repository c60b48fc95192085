-- Remote wipe per device (MS-ASPROV 3.1.5.2): requested by someone, sent in a Provision response, acknowledged by
-- the device. A device that reports a failed wipe is sent the wipe again.
ALTER TABLE device
    ADD COLUMN wipe_state           text NOT NULL DEFAULT 'NONE'
                                    CHECK (wipe_state IN ('NONE', 'PENDING', 'SENT', 'ACKNOWLEDGED')),
    ADD COLUMN wipe_requested_by    text,
    ADD COLUMN wipe_requested_at    timestamptz,
    ADD COLUMN wipe_sent_at         timestamptz,
    ADD COLUMN wipe_acknowledged_at timestamptz,
    ADD COLUMN wipe_failed_at       timestamptz;
