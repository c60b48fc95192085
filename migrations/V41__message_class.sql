-- What kind of message this is for a device (MS-ASEMAIL 2.2.2.49 MessageClass): an ordinary message, or a meeting
-- message whose iMIP part (RFC 6047) invites, cancels or answers. Set at delivery from the calendar part; messages
-- stored before keep the class they were shown with.
ALTER TABLE message ADD COLUMN message_class text NOT NULL DEFAULT 'IPM.Note';
