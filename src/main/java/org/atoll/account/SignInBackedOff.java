package org.atoll.account;

import java.time.Duration;

/**
 * Published when failed sign-ins for an existing account from one source start or extend a back-off; carries no
 * password. Logins that name no account are never published, so nobody chooses what the audit trail records.
 *
 * @param login the account's address
 */
public record SignInBackedOff(String login, String source, Duration delay) {}
