package org.atoll.mime;

import org.jspecify.annotations.Nullable;

/**
 * The displayable bodies of a message, decoded from their declared (or detected) charset, with
 * U+0000 replaced ({@link NoNul}).
 *
 * @param plain the first text/plain part that is not an attachment
 * @param html the first text/html part that is not an attachment
 */
public record Bodies(@Nullable String plain, @Nullable String html) {

    public Bodies {
        plain = NoNul.ofNullable(plain);
        html = NoNul.ofNullable(html);
    }

    /** The body as text: the plain body, or else the HTML body without its markup, or else nothing. */
    public String text() {
        if (plain != null) {
            return plain;
        }
        return html == null ? "" : HtmlText.toText(html);
    }
}
