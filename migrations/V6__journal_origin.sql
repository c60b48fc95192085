-- The device whose request made a change, null for changes from elsewhere (delivery, REST, dashboard). A device is
-- never sent back its own changes: it already has them.
ALTER TABLE journal ADD COLUMN origin_device bigint;
