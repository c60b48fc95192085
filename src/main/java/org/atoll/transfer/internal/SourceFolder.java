package org.atoll.transfer.internal;

import java.util.List;
import org.atoll.mailbox.SystemFolder;
import org.jspecify.annotations.Nullable;

/**
 * A folder of an import source.
 *
 * @param path its name, one element per level
 * @param role the system folder it is, when the source says so (SPECIAL-USE, RFC 6154) or its name is a common one
 * @param messages how many messages it holds, -1 when unknown before reading
 * @param handle what the source needs to read it again
 */
public record SourceFolder(List<String> path, @Nullable SystemFolder role, long messages, Object handle) {

    public String name() {
        return String.join("/", path);
    }
}
