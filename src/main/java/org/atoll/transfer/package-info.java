/**
 * Moving mail in and out: imports from an IMAP server, mbox files, Maildir trees and ZIP archives through the
 * mailbox store's delivery path, and exports of a mailbox or folder as mbox or as a ZIP of {@code .eml} files.
 */
@NullMarked
package org.atoll.transfer;

import org.jspecify.annotations.NullMarked;
