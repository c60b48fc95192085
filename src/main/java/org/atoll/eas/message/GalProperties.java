package org.atoll.eas.message;

import org.atoll.account.DirectoryDetails;
import org.atoll.account.DirectoryEntry;
import org.atoll.wbxml.CodePage;
import org.atoll.wbxml.WbxmlElement;
import org.jspecify.annotations.Nullable;

/**
 * The GAL properties of one directory entry (code page 16), as Search (MS-ASCMD 2.2.3.139.3) and Find (2.2.3.139.1)
 * write them inside their Properties element, in the order 2.2.3.139.3 lists them. Only the properties the entry has
 * are written, as 2.2.3.139.3 says: a detail the administrator did not set is left out rather than written empty,
 * and HomePhone never, as the directory keeps no home phones.
 */
final class GalProperties {

    private static final CodePage GAL = CodePage.GAL;

    private GalProperties() {}

    /** Adds the entry's properties to {@code properties} and returns it. */
    static WbxmlElement addTo(WbxmlElement properties, DirectoryEntry entry) {
        DirectoryDetails details = entry.details();
        properties.add(GAL, "DisplayName", entry.displayName());
        optional(properties, "Phone", details.phone());
        optional(properties, "Office", details.office());
        optional(properties, "Title", details.title());
        optional(properties, "Company", details.company());
        properties.add(GAL, "Alias", entry.alias());
        optional(properties, "FirstName", details.firstName());
        optional(properties, "LastName", details.lastName());
        optional(properties, "MobilePhone", details.mobilePhone());
        return properties.add(GAL, "EmailAddress", entry.address());
    }

    private static void optional(WbxmlElement properties, String name, @Nullable String value) {
        if (value != null) {
            properties.add(GAL, name, value);
        }
    }
}
