/**
 * Tasks as data: the {@link org.atoll.tasks.Task} record and its ActiveSync form (MS-ASTASK,
 * {@link org.atoll.tasks.TaskEas}).
 *
 * <p>Public for the sync engine, the store and the REST API: {@code Task} with {@code Importance},
 * {@code Sensitivity} and {@code TaskRecurrence}; the codec {@code TaskEas}; the failure {@code MalformedTask}.
 * Nothing here knows the database or Spring.
 */
@NullMarked
package org.atoll.tasks;

import org.jspecify.annotations.NullMarked;
