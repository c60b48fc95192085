-- FilterType 8, the incomplete tasks of a Tasks collection (MS-ASCMD 2.2.3.69.2), joins 0 to 7 as a value a
-- collection's sync state may hold.
ALTER TABLE collection_sync_state DROP CONSTRAINT collection_sync_state_filter_type_check;
ALTER TABLE collection_sync_state ADD CONSTRAINT collection_sync_state_filter_type_check
    CHECK (filter_type BETWEEN 0 AND 8);
