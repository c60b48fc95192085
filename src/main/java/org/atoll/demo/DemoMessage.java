package org.atoll.demo;

import java.time.Instant;

/**
 * One message of the demo corpus.
 *
 * @param folder one of {@link DemoCorpus#FOLDERS}; a nested folder is written with '/' ("Projects/Atlas")
 * @param mime the raw RFC 5322 message with CRLF line ends
 * @param receivedAt when the message arrived (for sent items and drafts: when it was written)
 * @param read whether the message has been read
 * @param flagged whether the message is flagged for follow-up
 */
public record DemoMessage(String folder, byte[] mime, Instant receivedAt, boolean read, boolean flagged) {}
