-- Which properties of a message a change touched, as a bit set of MessageProperty codes (1 Read, 2 Flag,
-- 4 Categories, 8 LastVerbExecuted); NULL for a change of the whole item or of its place (an add, a removal, a
-- rewrite), which conflicts with a device's change of any property (MS-ASCMD 2.2.3.34).
ALTER TABLE journal ADD COLUMN properties smallint;
