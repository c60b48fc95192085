/** Turns raw RFC 5322 / MIME bytes into a best-effort envelope, bodies and attachment bytes, never rejecting input. */
@org.jspecify.annotations.NullMarked
package org.atoll.mime;
