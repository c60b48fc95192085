/**
 * One class per ActiveSync command, holding only the command's logic: from the request record that
 * {@code eas.message} reads to the response record it writes ({@link org.atoll.eas.command.EasCommandHandler} lists the
 * kinds of handler). Items of classes
 * other than Email are read and written by an {@code ItemCodec} per class ({@code NoteItems} for MS-ASNOTE,
 * {@code ContactItems} for MS-ASCNTC, {@code TaskItems} for MS-ASTASK, {@code CalendarItems} for MS-ASCAL), which
 * {@code SyncCommand} picks by the type of the collection's folder; see the item-class seam in
 * {@link org.atoll.sync}.
 */
@NullMarked
package org.atoll.eas.command;

import org.jspecify.annotations.NullMarked;
