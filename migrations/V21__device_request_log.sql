-- The last protocol requests of each device, for the people who look after it: when, on which node, which command,
-- the HTTP status and the command's own Status, how long it took and how many bytes went each way. Never a body,
-- a password or a policy key. Written in batches off the request's path and trimmed to the newest 200 per device.
CREATE TABLE device_request (
    account_id      bigint      NOT NULL,
    device_pk       bigint      NOT NULL,
    id              bigint      GENERATED ALWAYS AS IDENTITY,
    at              timestamptz NOT NULL,
    node            text        NOT NULL CHECK (length(node) <= 64),
    command         text        NOT NULL CHECK (length(command) <= 32),
    http_status     smallint    NOT NULL CHECK (http_status BETWEEN 100 AND 599),
    protocol_status integer,
    duration_ms     integer     NOT NULL CHECK (duration_ms >= 0),
    bytes_in        bigint      NOT NULL CHECK (bytes_in >= 0),
    bytes_out       bigint      NOT NULL CHECK (bytes_out >= 0),
    PRIMARY KEY (account_id, device_pk, id),
    FOREIGN KEY (account_id, device_pk) REFERENCES device (account_id, id) ON DELETE CASCADE
);
