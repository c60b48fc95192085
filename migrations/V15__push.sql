-- Direct Push (MS-ASCMD 2.2.1.13 Ping, 3.1.5.8): what each device asked to have watched, kept so that an empty Ping,
-- or one without Folders or HeartbeatInterval, reuses it. generation counts the device's parked requests (Ping and
-- hanging Sync): a newer one ends an older one on whichever node it waits.
CREATE TABLE push_device (
    account_id        bigint  NOT NULL,
    device_pk         bigint  NOT NULL,
    heartbeat_seconds integer CHECK (heartbeat_seconds > 0),
    generation        bigint  NOT NULL DEFAULT 0,
    PRIMARY KEY (account_id, device_pk),
    FOREIGN KEY (account_id, device_pk) REFERENCES device (account_id, id) ON DELETE CASCADE
);

-- The folders of the device's latest Ping that named Folders. No foreign key to folder: a folder deleted since is
-- answered with Status 7 (hierarchy sync required), not silently dropped from the list.
-- folder_class: 1 Email, 2 Calendar, 3 Contacts, 4 Tasks, 5 Notes (MS-ASCMD 2.2.3.27.4).
CREATE TABLE push_folder (
    account_id   bigint   NOT NULL,
    device_pk    bigint   NOT NULL,
    folder_id    bigint   NOT NULL,
    folder_class smallint NOT NULL CHECK (folder_class BETWEEN 1 AND 5),
    PRIMARY KEY (account_id, device_pk, folder_id),
    FOREIGN KEY (account_id, device_pk) REFERENCES push_device (account_id, device_pk) ON DELETE CASCADE
);
