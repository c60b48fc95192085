-- Tasks (MS-ASTASK), relational like notes and contacts: one row per task, in a folder of type 7 (the account's
-- default Tasks folder, role TASKS) or 15 (a Tasks folder the user made). A task takes its id from the messages'
-- sequence and every change goes through the account's modseq counter and journal like a change of a message.
-- Start and due are kept both in UTC and in the owner's local time (MS-ASTASK 2.2.2.26, 2.2.2.27, 2.2.2.31,
-- 2.2.2.32); importance and sensitivity by their wire codes (2.2.2.14, 2.2.2.24); the recurrence (2.2.2.20) in its
-- own columns, all null but its flags when the task does not recur. body is plain text (AirSyncBase Body Type 1).
CREATE TABLE task (
    account_id          bigint      NOT NULL,
    id                  bigint      NOT NULL DEFAULT nextval('message_id_seq'),
    folder_id           bigint      NOT NULL,
    subject             text,
    body                text CHECK (length(body) <= 1048576),
    utc_start           timestamptz,
    local_start         timestamp,
    utc_due             timestamptz,
    local_due           timestamp,
    importance          smallint    NOT NULL CHECK (importance BETWEEN 0 AND 2),
    sensitivity         smallint    NOT NULL CHECK (sensitivity BETWEEN 0 AND 3),
    complete            boolean     NOT NULL,
    date_completed      timestamptz CHECK (date_completed IS NULL OR complete),
    reminder_set        boolean     NOT NULL,
    reminder_time       timestamptz,
    categories          text[]      NOT NULL DEFAULT '{}',
    recurrence_type     smallint CHECK (recurrence_type IN (0, 1, 2, 3, 5, 6)),
    recurrence_start    timestamptz CHECK ((recurrence_type IS NULL) = (recurrence_start IS NULL)),
    recurrence_until    timestamptz,
    occurrences         integer,
    recurrence_interval integer,
    day_of_week         integer,
    day_of_month        integer,
    week_of_month       integer,
    month_of_year       integer,
    regenerate          boolean     NOT NULL DEFAULT false,
    dead_occur          boolean     NOT NULL DEFAULT false,
    calendar_type       integer,
    is_leap_month       boolean     NOT NULL DEFAULT false,
    first_day_of_week   integer,
    last_modified       timestamptz NOT NULL,
    modseq              bigint      NOT NULL,
    PRIMARY KEY (account_id, id),
    FOREIGN KEY (account_id, folder_id) REFERENCES folder (account_id, id) ON DELETE CASCADE
);

CREATE INDEX task_folder_idx ON task (account_id, folder_id, id DESC);

-- Every existing account gets its default Tasks folder, created under the account's next modseq and journaled like
-- any folder creation, so devices learn of it on their next FolderSync. A top-level folder the user already named
-- "Tasks" keeps its name; the new folder is then "Tasks (ActiveSync)".
WITH bumped AS (
    UPDATE mailbox SET highest_modseq = highest_modseq + 1
    WHERE NOT EXISTS (SELECT 1 FROM folder f WHERE f.account_id = mailbox.account_id AND f.role = 'TASKS')
    RETURNING account_id, highest_modseq
), created AS (
    INSERT INTO folder (account_id, parent_id, name, type, role, modseq)
    SELECT b.account_id,
           NULL,
           CASE WHEN EXISTS (SELECT 1 FROM folder f
                             WHERE f.account_id = b.account_id AND f.parent_id IS NULL AND lower(f.name) = 'tasks')
                THEN 'Tasks (ActiveSync)' ELSE 'Tasks' END,
           7,
           'TASKS',
           b.highest_modseq
    FROM bumped b
    RETURNING account_id, id, modseq
)
INSERT INTO journal (account_id, modseq, ordinal, folder_id, message_id, kind)
SELECT account_id, modseq, 0, id, NULL, 4 FROM created;
