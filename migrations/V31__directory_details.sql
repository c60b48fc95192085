-- What the directory shows of a person besides name and address (GAL Search and Find, MS-ASCMD 2.2.3.139.3 and
-- 2.2.3.139.1, and GET /api/v1/directory): each optional, null when unset (never empty), bounded, without control
-- characters.
ALTER TABLE account
    ADD COLUMN first_name   text CHECK (length(first_name) BETWEEN 1 AND 64 AND first_name !~ '[[:cntrl:]]'),
    ADD COLUMN last_name    text CHECK (length(last_name) BETWEEN 1 AND 64 AND last_name !~ '[[:cntrl:]]'),
    ADD COLUMN company      text CHECK (length(company) BETWEEN 1 AND 128 AND company !~ '[[:cntrl:]]'),
    ADD COLUMN job_title    text CHECK (length(job_title) BETWEEN 1 AND 128 AND job_title !~ '[[:cntrl:]]'),
    ADD COLUMN office       text CHECK (length(office) BETWEEN 1 AND 128 AND office !~ '[[:cntrl:]]'),
    ADD COLUMN office_phone text CHECK (length(office_phone) BETWEEN 1 AND 32 AND office_phone !~ '[[:cntrl:]]'),
    ADD COLUMN mobile_phone text CHECK (length(mobile_phone) BETWEEN 1 AND 32 AND mobile_phone !~ '[[:cntrl:]]');
