package org.atoll.tasks;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.atoll.wbxml.EasValues;

/** The local start and due times of a task, which ActiveSync writes as dateTime values. */
final class TaskTimes {

    private TaskTimes() {}

    /** A local time written as ActiveSync writes it, with the Z that MS-ASTASK 2.2.2.26 says to ignore. */
    static String localDateTime(LocalDateTime local) {
        return EasValues.dateTime(local.toInstant(ZoneOffset.UTC));
    }

    static LocalDateTime parseLocalDateTime(String text) {
        return LocalDateTime.ofInstant(EasValues.parseDateTime(text), ZoneOffset.UTC);
    }
}
