-- Calendars (MS-ASCAL, RFC 5545), relational like notes, contacts and tasks: one row per event or recurring series
-- in a folder of type 8 (the account's default Calendar, role CALENDAR) or 13 (a calendar the user made). An event
-- takes its id from the messages' sequence and every change goes through the account's modseq counter and journal.
-- Start and end are instants; time_zone is the IANA zone the event was made in, which decides where occurrences
-- fall and which TimeZone blob (MS-ASDTYPE 2.6.4) devices get. Busy status, sensitivity and meeting status are kept
-- by their wire codes (MS-ASCAL 2.2.2.8, 2.2.2.40, 2.2.2.29). window_end is the end of the series' last occurrence
-- (9999-12-31 for a series without end), what a FilterType window (MS-ASCMD 2.2.3.69.2) compares: an event is in
-- the window when any occurrence is. body is plain text (AirSyncBase Body Type 1).
CREATE TABLE calendar_event (
    account_id          bigint      NOT NULL,
    id                  bigint      NOT NULL DEFAULT nextval('message_id_seq'),
    folder_id           bigint      NOT NULL,
    uid                 text        NOT NULL CHECK (length(uid) BETWEEN 1 AND 1024),
    subject             text        NOT NULL,
    location            text,
    body                text CHECK (length(body) <= 1048576),
    start_utc           timestamptz NOT NULL,
    end_utc             timestamptz NOT NULL CHECK (end_utc >= start_utc),
    time_zone           text        NOT NULL,
    all_day             boolean     NOT NULL,
    busy_status         smallint    NOT NULL CHECK (busy_status BETWEEN 0 AND 4),
    sensitivity         smallint    NOT NULL CHECK (sensitivity BETWEEN 0 AND 3),
    reminder_minutes    integer,
    organizer_address   text,
    organizer_name      text,
    categories          text[]      NOT NULL DEFAULT '{}',
    response_requested  boolean     NOT NULL,
    meeting_status      smallint    NOT NULL CHECK (meeting_status IN (0, 1, 3, 5, 7)),
    sequence            integer     NOT NULL DEFAULT 0,
    online_meeting_link text,
    window_end          timestamptz NOT NULL CHECK (window_end >= end_utc),
    last_modified       timestamptz NOT NULL,
    modseq              bigint      NOT NULL,
    PRIMARY KEY (account_id, id),
    FOREIGN KEY (account_id, folder_id) REFERENCES folder (account_id, id) ON DELETE CASCADE
);

CREATE INDEX calendar_event_window_idx ON calendar_event (account_id, folder_id, window_end DESC, id DESC);
CREATE INDEX calendar_event_uid_idx ON calendar_event (account_id, uid);

-- How a series repeats (MS-ASCAL 2.2.2.37): the type by its wire code (0 daily, 1 weekly, 2 monthly, 3 monthly on
-- the nth weekday, 5 yearly, 6 yearly on the nth weekday), ended by a count or a date or not at all; days_of_week is
-- the DayOfWeek bitmask (Sunday = 1), first_day_of_week 0 (Sunday) to 6.
CREATE TABLE event_recurrence (
    account_id          bigint   NOT NULL,
    event_id            bigint   NOT NULL,
    type                smallint NOT NULL CHECK (type IN (0, 1, 2, 3, 5, 6)),
    recurrence_interval integer  NOT NULL CHECK (recurrence_interval >= 1),
    occurrences         integer CHECK (occurrences >= 0),
    until               timestamptz CHECK (until IS NULL OR occurrences IS NULL),
    first_day_of_week   smallint CHECK (first_day_of_week BETWEEN 0 AND 6),
    days_of_week        smallint NOT NULL DEFAULT 0 CHECK (days_of_week BETWEEN 0 AND 127),
    day_of_month        smallint CHECK (day_of_month BETWEEN 1 AND 31),
    week_of_month       smallint CHECK (week_of_month BETWEEN 1 AND 5),
    month_of_year       smallint CHECK (month_of_year BETWEEN 1 AND 12),
    PRIMARY KEY (account_id, event_id),
    FOREIGN KEY (account_id, event_id) REFERENCES calendar_event (account_id, id) ON DELETE CASCADE
);

-- One occurrence of a series that differs from it (MS-ASCAL 2.2.2.20), keyed by the start the series' rule gives it:
-- deleted, or with the columns that are not null changed. attendees_changed says the occurrence has its own
-- attendee list (in event_attendee under its original_start), possibly empty.
CREATE TABLE event_exception (
    account_id          bigint      NOT NULL,
    event_id            bigint      NOT NULL,
    original_start      timestamptz NOT NULL,
    deleted             boolean     NOT NULL,
    subject             text,
    location            text,
    body                text CHECK (length(body) <= 1048576),
    start_utc           timestamptz,
    end_utc             timestamptz,
    all_day             boolean,
    busy_status         smallint CHECK (busy_status BETWEEN 0 AND 4),
    sensitivity         smallint CHECK (sensitivity BETWEEN 0 AND 3),
    reminder_minutes    integer,
    categories          text[],
    attendees_changed   boolean     NOT NULL DEFAULT false,
    meeting_status      smallint CHECK (meeting_status IN (0, 1, 3, 5, 7)),
    PRIMARY KEY (account_id, event_id, original_start),
    FOREIGN KEY (account_id, event_id) REFERENCES event_recurrence (account_id, event_id) ON DELETE CASCADE
);

-- The attendees of an event (MS-ASCAL 2.2.2.3), in their order (ordinal counts through the whole event); those of
-- an exception name its original_start, those of the series none. Type and status by their wire codes (2.2.2.5,
-- 2.2.2.4).
CREATE TABLE event_attendee (
    account_id          bigint      NOT NULL,
    event_id            bigint      NOT NULL,
    ordinal             integer     NOT NULL,
    exception_start     timestamptz,
    address             text        NOT NULL,
    name                text,
    type                smallint    NOT NULL CHECK (type BETWEEN 1 AND 3),
    status              smallint    NOT NULL CHECK (status IN (0, 2, 3, 4, 5)),
    responded_at        timestamptz,
    PRIMARY KEY (account_id, event_id, ordinal),
    FOREIGN KEY (account_id, event_id) REFERENCES calendar_event (account_id, id) ON DELETE CASCADE,
    FOREIGN KEY (account_id, event_id, exception_start)
        REFERENCES event_exception (account_id, event_id, original_start) ON DELETE CASCADE
);

-- Every existing account gets its default Calendar folder, created under the account's next modseq and journaled
-- like any folder creation, so devices learn of it on their next FolderSync. A top-level folder the user already
-- named "Calendar" keeps its name; the new folder is then "Calendar (ActiveSync)".
WITH bumped AS (
    UPDATE mailbox SET highest_modseq = highest_modseq + 1
    WHERE NOT EXISTS (SELECT 1 FROM folder f WHERE f.account_id = mailbox.account_id AND f.role = 'CALENDAR')
    RETURNING account_id, highest_modseq
), created AS (
    INSERT INTO folder (account_id, parent_id, name, type, role, modseq)
    SELECT b.account_id,
           NULL,
           CASE WHEN EXISTS (SELECT 1 FROM folder f
                             WHERE f.account_id = b.account_id AND f.parent_id IS NULL AND lower(f.name) = 'calendar')
                THEN 'Calendar (ActiveSync)' ELSE 'Calendar' END,
           8,
           'CALENDAR',
           b.highest_modseq
    FROM bumped b
    RETURNING account_id, id, modseq
)
INSERT INTO journal (account_id, modseq, ordinal, folder_id, message_id, kind)
SELECT account_id, modseq, 0, id, NULL, 4 FROM created;
