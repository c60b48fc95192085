package org.atoll.mailbox;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** New values for what can change on a delivered message; null leaves a value as it is. */
public record MessageUpdate(
        @Nullable Boolean read,
        @Nullable Flag flag,
        @Nullable List<String> categories) {}
