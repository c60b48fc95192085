package org.atoll.mime;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Address list fields (RFC 5322 section 3.4) as decoded display name and address pairs. */
final class Addresses {

    /** One mailbox; either part may be empty but not both. */
    record Mailbox(String name, String address) {

        /** {@code Name <addr>}, the name quoted when it holds RFC 5322 specials; just the address without a name. */
        String formatted() {
            if (name.isEmpty()) {
                return address;
            }
            String shown = needsQuotes(name) ? '"' + name.replace("\\", "\\\\").replace("\"", "\\\"") + '"' : name;
            return address.isEmpty() ? shown : shown + " <" + address + ">";
        }

        String displayName() {
            return name.isEmpty() ? address : name;
        }
    }

    private static final String SPECIALS = "()<>[]:;@\\,.\"";

    private Addresses() {}

    static List<Mailbox> parse(@Nullable String header) {
        if (header == null || header.isBlank()) {
            return List.of();
        }
        List<Mailbox> out = new ArrayList<>();
        try {
            for (InternetAddress address : InternetAddress.parseHeader(header, false)) {
                if (address.isGroup()) {
                    for (InternetAddress member : address.getGroup(false)) {
                        add(out, member);
                    }
                } else {
                    add(out, address);
                }
            }
        } catch (AddressException | RuntimeException e) {
            out.clear();
            for (String item : header.split("[,;]")) {
                tolerant(out, item);
            }
        }
        return out;
    }

    private static void add(List<Mailbox> out, InternetAddress address) {
        String name = address.getPersonal();
        String addr = address.getAddress();
        Mailbox mailbox =
                new Mailbox(name == null ? "" : clean(EncodedWords.decode(name)), addr == null ? "" : addr.strip());
        if (!mailbox.name().isEmpty() || !mailbox.address().isEmpty()) {
            out.add(mailbox);
        }
    }

    private static void tolerant(List<Mailbox> out, String item) {
        String text = item.strip();
        int open = text.lastIndexOf('<');
        int close = text.lastIndexOf('>');
        String name = "";
        String addr = text;
        if (open >= 0 && close > open) {
            addr = text.substring(open + 1, close).strip();
            name = text.substring(0, open).strip();
            if (name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"")) {
                name = name.substring(1, name.length() - 1);
            }
        }
        Mailbox mailbox = new Mailbox(clean(EncodedWords.decode(name)), addr);
        if (!mailbox.name().isEmpty() || !mailbox.address().isEmpty()) {
            out.add(mailbox);
        }
    }

    private static String clean(String text) {
        return text.replaceAll("\\p{Cntrl}", " ").strip();
    }

    private static boolean needsQuotes(String name) {
        for (int i = 0; i < name.length(); i++) {
            if (SPECIALS.indexOf(name.charAt(i)) >= 0) {
                return true;
            }
        }
        return false;
    }
}
