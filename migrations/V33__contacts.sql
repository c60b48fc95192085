-- Contacts (MS-ASCNTC), relational like notes: one row per contact, in a folder of type 9 (the account's default
-- Contacts folder, role CONTACTS) or 14 (a Contacts folder the user made). A contact takes its id from the messages'
-- sequence, so a journal entry's item id names one item of the account whatever its class. Every change of a
-- contact goes through the account's modseq counter and journal like a change of a message.
-- One column per property of the Contact record: up to three e-mail and IM addresses (MS-ASCNTC 2.2.2.27-29,
-- 2.2.2.44-46), one number per telephone kind and one address per postal kind (business, home, other), each
-- address in its five parts. body is the plain-text notes (AirSyncBase Body Type 1); picture holds the image bytes
-- a device sent (at most 48 KiB of base64, MS-ASCNTC 2.2.2.55).
CREATE TABLE contact (
    account_id           bigint      NOT NULL,
    id                   bigint      NOT NULL DEFAULT nextval('message_id_seq'),
    folder_id            bigint      NOT NULL,
    file_as              text,
    first_name           text,
    middle_name          text,
    last_name            text,
    title                text,
    suffix               text,
    nick_name            text,
    yomi_first_name      text,
    yomi_last_name       text,
    company_name         text,
    yomi_company_name    text,
    department           text,
    job_title            text,
    office_location      text,
    email1               text,
    email2               text,
    email3               text,
    phone_business       text,
    phone_business2      text,
    phone_home           text,
    phone_home2          text,
    phone_mobile         text,
    phone_car            text,
    phone_pager          text,
    phone_radio          text,
    phone_business_fax   text,
    phone_home_fax       text,
    phone_assistant      text,
    phone_company_main   text,
    phone_mms            text,
    business_street      text,
    business_city        text,
    business_state       text,
    business_postal_code text,
    business_country     text,
    home_street          text,
    home_city            text,
    home_state           text,
    home_postal_code     text,
    home_country         text,
    other_street         text,
    other_city           text,
    other_state          text,
    other_postal_code    text,
    other_country        text,
    birthday             date,
    anniversary          date,
    web_page             text,
    spouse               text,
    children             text[]      NOT NULL DEFAULT '{}',
    manager_name         text,
    assistant_name       text,
    im1                  text,
    im2                  text,
    im3                  text,
    customer_id          text,
    government_id        text,
    account_name         text,
    categories           text[]      NOT NULL DEFAULT '{}',
    body                 text CHECK (length(body) <= 1048576),
    picture              bytea CHECK (octet_length(picture) <= 49152),
    last_modified        timestamptz NOT NULL,
    modseq               bigint      NOT NULL,
    PRIMARY KEY (account_id, id),
    FOREIGN KEY (account_id, folder_id) REFERENCES folder (account_id, id) ON DELETE CASCADE,
    CHECK (email2 IS NULL OR email1 IS NOT NULL),
    CHECK (email3 IS NULL OR email2 IS NOT NULL),
    CHECK (im2 IS NULL OR im1 IS NOT NULL),
    CHECK (im3 IS NULL OR im2 IS NOT NULL)
);

CREATE INDEX contact_folder_idx ON contact (account_id, folder_id, id DESC);

-- Every existing account gets its default Contacts folder, created under the account's next modseq and journaled
-- like any folder creation, so devices learn of it on their next FolderSync. A top-level folder the user already
-- named "Contacts" keeps its name; the new folder is then "Contacts (ActiveSync)".
WITH bumped AS (
    UPDATE mailbox SET highest_modseq = highest_modseq + 1
    WHERE NOT EXISTS (SELECT 1 FROM folder f WHERE f.account_id = mailbox.account_id AND f.role = 'CONTACTS')
    RETURNING account_id, highest_modseq
), created AS (
    INSERT INTO folder (account_id, parent_id, name, type, role, modseq)
    SELECT b.account_id,
           NULL,
           CASE WHEN EXISTS (SELECT 1 FROM folder f
                             WHERE f.account_id = b.account_id AND f.parent_id IS NULL AND lower(f.name) = 'contacts')
                THEN 'Contacts (ActiveSync)' ELSE 'Contacts' END,
           9,
           'CONTACTS',
           b.highest_modseq
    FROM bumped b
    RETURNING account_id, id, modseq
)
INSERT INTO journal (account_id, modseq, ordinal, folder_id, message_id, kind)
SELECT account_id, modseq, 0, id, NULL, 4 FROM created;
