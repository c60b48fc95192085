package org.atoll.eas.request;

import java.util.Collections;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The string-valued command parameters (MS-ASHTTP 2.2.1.1.1.2.5), with the tag a base64 query gives them
 * (MS-ASHTTP 2.2.1.1.1.1.3). {@code User} and {@code Options} are not listed: the first is {@link EasRequest#user()},
 * the second becomes {@link EasRequest#options()}.
 */
public enum EasParameter {
    ATTACHMENT_NAME(0, "AttachmentName"),
    COLLECTION_ID(1, "CollectionId"),
    ITEM_ID(3, "ItemId"),
    LONG_ID(4, "LongId"),
    OCCURRENCE(6, "Occurrence");

    private static final Map<Integer, EasParameter> BY_TAG;
    private static final Map<String, EasParameter> BY_NAME;

    static {
        Map<Integer, EasParameter> byTag = new HashMap<>();
        Map<String, EasParameter> byName = new HashMap<>();
        for (EasParameter parameter : values()) {
            if (byTag.put(parameter.tag, parameter) != null) {
                throw new ExceptionInInitializerError("parameter tag " + parameter.tag + " listed twice");
            }
            if (byName.put(parameter.parameterName.toLowerCase(Locale.ROOT), parameter) != null) {
                throw new ExceptionInInitializerError("parameter " + parameter.parameterName + " listed twice");
            }
        }
        BY_TAG = Collections.unmodifiableMap(byTag);
        BY_NAME = Collections.unmodifiableMap(byName);
    }

    private final int tag;
    private final String parameterName;

    EasParameter(int tag, String parameterName) {
        this.tag = tag;
        this.parameterName = parameterName;
    }

    /** The base64 tag (MS-ASHTTP 2.2.1.1.1.1.3). */
    public int tag() {
        return tag;
    }

    /** The plain query name, e.g. {@code CollectionId}. */
    public String parameterName() {
        return parameterName;
    }

    public static Optional<EasParameter> forTag(int tag) {
        return Optional.ofNullable(BY_TAG.get(tag));
    }

    /** The parameter with this plain query name, ignoring ASCII case as ABNF does (RFC 5234 section 2.3). */
    public static Optional<EasParameter> forName(String name) {
        return Optional.ofNullable(BY_NAME.get(name.toLowerCase(Locale.ROOT)));
    }
}
