/**
 * The ActiveSync messages, one class per command: its request and response records, its Status enum, and their
 * WBXML mapping (a reader from the request document, a writer of the response document). A request that is not
 * the command's document is a {@link org.atoll.eas.message.MalformedRequest} carrying the Status the command
 * answers it with. No Spring and no store: handlers in {@code eas.command} turn requests into responses.
 */
@NullMarked
package org.atoll.eas.message;

import org.jspecify.annotations.NullMarked;
