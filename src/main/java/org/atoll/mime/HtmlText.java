package org.atoll.mime;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The visible text of HTML, good enough for a preview: tags dropped, script, style, head and title content dropped,
 * block elements turned into spaces and common entities decoded. One linear pass; not a layout engine.
 */
final class HtmlText {

    private static final Set<String> SKIPPED = Set.of("script", "style", "head", "title");
    private static final Set<String> BLOCKS = Set.of(
            "br",
            "p",
            "div",
            "li",
            "tr",
            "td",
            "th",
            "h1",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "table",
            "ul",
            "ol",
            "blockquote",
            "hr",
            "pre",
            "section",
            "article",
            "header",
            "footer");
    private static final Map<String, String> ENTITIES = Map.ofEntries(
            Map.entry("nbsp", " "),
            Map.entry("amp", "&"),
            Map.entry("lt", "<"),
            Map.entry("gt", ">"),
            Map.entry("quot", "\""),
            Map.entry("apos", "'"),
            Map.entry("copy", "©"),
            Map.entry("reg", "®"),
            Map.entry("hellip", "…"),
            Map.entry("mdash", "—"),
            Map.entry("ndash", "–"),
            Map.entry("lsquo", "‘"),
            Map.entry("rsquo", "’"),
            Map.entry("ldquo", "“"),
            Map.entry("rdquo", "”"),
            Map.entry("euro", "€"),
            Map.entry("auml", "ä"),
            Map.entry("ouml", "ö"),
            Map.entry("uuml", "ü"),
            Map.entry("Auml", "Ä"),
            Map.entry("Ouml", "Ö"),
            Map.entry("Uuml", "Ü"),
            Map.entry("szlig", "ß"),
            Map.entry("eacute", "é"),
            Map.entry("egrave", "è"),
            Map.entry("agrave", "à"),
            Map.entry("ccedil", "ç"));

    private HtmlText() {}

    static String toText(String html) {
        StringBuilder out = new StringBuilder(Math.min(html.length(), 1 << 16));
        int i = 0;
        int n = html.length();
        while (i < n) {
            char c = html.charAt(i);
            if (c == '<') {
                if (html.startsWith("<!--", i)) {
                    int end = html.indexOf("-->", i + 4);
                    if (end < 0) {
                        break;
                    }
                    i = end + 3;
                    continue;
                }
                int end = html.indexOf('>', i + 1);
                if (end < 0) {
                    break;
                }
                boolean opening = html.charAt(i + 1) != '/' && html.charAt(end - 1) != '/';
                String name = tagName(html, i + 1, end);
                i = end + 1;
                if (opening && SKIPPED.contains(name)) {
                    int close = indexOfIgnoreCase(html, "</" + name, i);
                    if (close < 0) {
                        break;
                    }
                    int closeEnd = html.indexOf('>', close);
                    i = closeEnd < 0 ? n : closeEnd + 1;
                } else if (BLOCKS.contains(name)) {
                    out.append(' ');
                }
            } else if (c == '&') {
                int semicolon = html.indexOf(';', i + 1);
                @Nullable
                String decoded = semicolon > i && semicolon - i <= 10 ? entity(html.substring(i + 1, semicolon)) : null;
                if (decoded != null) {
                    out.append(decoded);
                    i = semicolon + 1;
                } else {
                    out.append(c);
                    i++;
                }
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static String tagName(String html, int from, int end) {
        int i = from;
        if (i < end && html.charAt(i) == '/') {
            i++;
        }
        int start = i;
        while (i < end && Character.isLetterOrDigit(html.charAt(i))) {
            i++;
        }
        return html.substring(start, i).toLowerCase(Locale.ROOT);
    }

    private static int indexOfIgnoreCase(String text, String wanted, int from) {
        for (int i = from; i + wanted.length() <= text.length(); i++) {
            if (text.regionMatches(true, i, wanted, 0, wanted.length())) {
                return i;
            }
        }
        return -1;
    }

    private static @Nullable String entity(String name) {
        if (name.startsWith("#")) {
            try {
                int codePoint = name.length() > 1 && (name.charAt(1) == 'x' || name.charAt(1) == 'X')
                        ? Integer.parseInt(name.substring(2), 16)
                        : Integer.parseInt(name.substring(1));
                return Character.isValidCodePoint(codePoint) ? Character.toString(codePoint) : null;
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return ENTITIES.get(name);
    }
}
