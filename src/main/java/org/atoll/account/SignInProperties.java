package org.atoll.account;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How sign-in treats repeated requests and failures ({@code atoll.sign-in.*}).
 *
 * @param cacheFor how long a verified password is remembered, so clients that send credentials with every request
 *     do not pay for a password hash each time; a changed password or a disabled account fails at once regardless
 * @param freeFailures failures from one source for one login before back-off starts
 * @param freeFailuresPerSource failures from one source, whatever the logins, before that source backs off; while
 *     it does, only credentials verified recently (remembered, so no password hash is computed) get in
 * @param firstDelay the back-off after the first failure beyond the free ones; it doubles with each further failure
 * @param maxDelay the longest back-off; it expires by itself, so no one is locked out for good
 */
@ConfigurationProperties("atoll.sign-in")
record SignInProperties(
        @DefaultValue("5m") Duration cacheFor,
        @DefaultValue("5") int freeFailures,
        @DefaultValue("20") int freeFailuresPerSource,
        @DefaultValue("2s") Duration firstDelay,
        @DefaultValue("15m") Duration maxDelay) {}
