/**
 * The mailbox store's API: folders, messages, notes ({@link org.atoll.mailbox.Notes}) and contacts
 * ({@link org.atoll.mailbox.Contacts}, holding the {@link org.atoll.contacts.Contact} record) and tasks
 * ({@link org.atoll.mailbox.Tasks}, holding the {@link org.atoll.tasks.Task} record) and calendars
 * ({@link org.atoll.mailbox.Calendars}, holding the {@link org.atoll.calendar.CalendarEvent} record), their flags, and the
 * change journal every device syncs from. Knows no protocol.
 */
@NullMarked
package org.atoll.mailbox;

import org.jspecify.annotations.NullMarked;
