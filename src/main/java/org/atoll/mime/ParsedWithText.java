package org.atoll.mime;

/**
 * A message's envelope and the text it is found by, read in one pass over its MIME structure
 * ({@link MimeParser#parseWithText}).
 *
 * @param envelope what {@link MimeParser#parse} reads
 * @param bodyText the body as {@link Bodies#text()} gives it for {@link MimeBodies#extract(byte[], MimeLimits)}: the
 *     first plain body, or else the first HTML body without its markup, or else nothing
 */
public record ParsedWithText(ParsedMessage envelope, String bodyText) {}
