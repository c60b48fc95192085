/**
 * Contacts as data: the {@link org.atoll.contacts.Contact} record and its two wire forms, ActiveSync (MS-ASCNTC,
 * {@link org.atoll.contacts.ContactEas}) and vCard 4.0/3.0 ({@link org.atoll.contacts.ContactCards}).
 *
 * <p>Public for the sync engine, the store and the REST API: {@code Contact} with its {@code PhoneKind},
 * {@code AddressKind}, {@code PostalAddress} and {@code ContactPicture}; the codecs {@code ContactEas} and
 * {@code ContactCards} with {@code CardImport}; the failure {@code MalformedContact}. Nothing here knows the database
 * or Spring.
 */
@NullMarked
package org.atoll.contacts;

import org.jspecify.annotations.NullMarked;
