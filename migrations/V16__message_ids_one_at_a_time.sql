-- New messages are inserted in SQL that takes their id from the sequence in the same statement, one per message,
-- rather than by Hibernate in blocks of 50. Skip past any block Hibernate may have handed out (ids up to 49 above
-- the sequence's value), then count one by one.
SELECT setval('message_id_seq', (SELECT last_value FROM message_id_seq) + 50);
ALTER SEQUENCE message_id_seq INCREMENT BY 1;
