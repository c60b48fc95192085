-- Raw MIME is stored out of line without pglz compression: compressing ~20 KB on every delivery cost the database
-- more CPU than the rest of the delivery's statements, for mail that is often base64 (which compresses little).
-- Existing rows keep their compressed values; only new values are stored uncompressed.
ALTER TABLE blob ALTER COLUMN content SET STORAGE EXTERNAL;
