-- The distinct User-Agents each device has sent, with when each was first and last seen, for the people who look
-- after it: a client update, or another app using the same DeviceId, shows here. Written with the request log, in
-- batches off the request's path, and trimmed to each device's 20 most recently seen.
CREATE TABLE device_user_agent (
    account_id    bigint      NOT NULL,
    device_pk     bigint      NOT NULL,
    user_agent    text        NOT NULL CHECK (length(user_agent) <= 512),
    first_seen_at timestamptz NOT NULL,
    last_seen_at  timestamptz NOT NULL CHECK (last_seen_at >= first_seen_at),
    PRIMARY KEY (account_id, device_pk, user_agent),
    FOREIGN KEY (account_id, device_pk) REFERENCES device (account_id, id) ON DELETE CASCADE
);
