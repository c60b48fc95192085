package org.atoll.account;

import java.time.Duration;

/**
 * Published when failed sign-ins for a login from one source start or extend a back-off; carries no password.
 *
 * @param login the account address the login names, which need not exist
 */
public record SignInBackedOff(String login, String source, Duration delay) {}
