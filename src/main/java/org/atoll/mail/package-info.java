/**
 * Mail in and out of the store: SendMail, SmartReply and SmartForward submissions, local delivery, the outbound
 * queue to an SMTP smarthost with non-delivery reports, and the LMTP listener an MTA delivers through.
 */
@NullMarked
package org.atoll.mail;

import org.jspecify.annotations.NullMarked;
