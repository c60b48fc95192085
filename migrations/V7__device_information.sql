-- What a device says of itself in Settings or Provision DeviceInformation (MS-ASCMD 2.2.3.47.1).
ALTER TABLE device
    ADD COLUMN model           text CHECK (length(model) <= 256),
    ADD COLUMN imei            text CHECK (length(imei) <= 64),
    ADD COLUMN friendly_name   text CHECK (length(friendly_name) <= 256),
    ADD COLUMN os              text CHECK (length(os) <= 256),
    ADD COLUMN os_language     text CHECK (length(os_language) <= 64),
    ADD COLUMN phone_number    text CHECK (length(phone_number) <= 64),
    ADD COLUMN mobile_operator text CHECK (length(mobile_operator) <= 256);
