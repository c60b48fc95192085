-- The dashboard's overview counts the requests, Syncs and errors of all devices in the last hour: by time across
-- devices, which the primary key (account, device, id) does not serve.
CREATE INDEX device_request_at ON device_request (at);
