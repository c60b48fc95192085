package org.atoll.mailbox;

/**
 * What a device or a REST client writes of an item of a class other than Email (a note, a contact, a task, an event), as the class's codec read it. Each class's store knows its own content type.
 */
public interface ItemContent {}
