package org.atoll.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.atoll.wbxml.WbxmlDecoder;
import org.atoll.wbxml.WbxmlElement;
import org.atoll.wbxml.WbxmlException;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assumptions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One attack on a running Atoll: what it tries (its name), the front end it goes through, the request, and the
 * safe outcome. Whatever the outcome, the state of the parties it names as untouched (mailbox, flags, devices,
 * sync and policy keys, tokens, audit rows) must be the same afterwards, no answer may be a 500, and no answer may
 * carry the victim's secrets. A row of {@link Attacks} is a few lines:
 *
 * <pre>{@code
 * Attack.on(Target.REST, "reading another account's device by its id in the URL",
 *         a -> a.rest("GET", "/api/v1/devices/" + a.victim.devicePk).send(),
 *         Safe.problem(404))
 * }</pre>
 *
 * @param mayChange tables of a party's the attack changes by design, as {@code PARTY table}; the rest of that
 *     party's state must still be as before
 * @param disabled why the attack does not hold today; the test is then skipped with that reason
 */
record Attack(
        Target target,
        String name,
        Request request,
        Expect safe,
        Set<Arena.Party> untouched,
        Set<String> mayChange,
        @Nullable String disabled) {

    /** The front end an attack goes through. */
    enum Target {
        EAS,
        AUTODISCOVER,
        REST,
        ACTUATOR,
        LMTP
    }

    /** Sends the attack. */
    @FunctionalInterface
    interface Request {
        Outcome send(Arena arena) throws Exception;
    }

    /** Checks the outcome is the safe one. */
    @FunctionalInterface
    interface Expect {
        void verify(Outcome outcome, Arena arena) throws Exception;

        default Expect and(Expect next) {
            return (outcome, arena) -> {
                verify(outcome, arena);
                next.verify(outcome, arena);
            };
        }

        default Expect or(Expect other) {
            return (outcome, arena) -> {
                try {
                    verify(outcome, arena);
                } catch (AssertionError first) {
                    try {
                        other.verify(outcome, arena);
                    } catch (AssertionError second) {
                        first.addSuppressed(second);
                        throw first;
                    }
                }
            };
        }
    }

    /**
     * What came back: an HTTP status, headers and body, or for LMTP the code of the last reply and every reply in
     * {@code replies}.
     */
    record Outcome(int status, List<String> headers, byte[] body, List<String> replies) {

        static Outcome http(RawHttp.Response response) {
            return new Outcome(response.status(), response.headers(), response.body(), List.of());
        }

        static Outcome lmtp(List<String> replies) {
            String last = replies.isEmpty() ? "" : replies.getLast();
            int code = last.length() >= 3 && last.substring(0, 3).chars().allMatch(Character::isDigit)
                    ? Integer.parseInt(last.substring(0, 3))
                    : 0;
            return new Outcome(code, List.of(), String.join("\n", replies).getBytes(StandardCharsets.UTF_8), replies);
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        JsonNode json() {
            return JsonMapper.builder().build().readTree(body);
        }

        String header(String name) {
            return new RawHttp.Response(status, headers, body).header(name).orElse("");
        }

        WbxmlElement wbxml() {
            assertThat(header("Content-Type"))
                    .as("a WBXML answer, got HTTP %s %s", status, text())
                    .startsWith("application/vnd.ms-sync.wbxml");
            try {
                return new WbxmlDecoder().decode(body);
            } catch (WbxmlException e) {
                throw new AssertionError("Undecodable WBXML answer", e);
            }
        }

        @Override
        public String toString() {
            String text = text();
            return status + " " + (text.length() > 300 ? text.substring(0, 300) + "…" : text);
        }
    }

    static Attack on(Target target, String name, Request request, Expect safe) {
        return new Attack(target, name, request, safe, EnumSet.allOf(Arena.Party.class), Set.of(), null);
    }

    /** The attack may change the attacker's own state (a stored folder name, a device's User-Agent); never the victim's. */
    Attack attackerMayChange() {
        return new Attack(target, name, request, safe, EnumSet.of(Arena.Party.VICTIM), mayChange, disabled);
    }

    /**
     * The attack delivers a message to the victim by design (mail from the attacker is still mail): the victim's
     * mailbox tables may gain it, while their devices, keys, tokens, account and audit rows must stay as they were.
     * What arrived is judged by the row's {@link Expect}, which reads the delivered message.
     */
    Attack victimReceivesMail() {
        Set<String> mailbox = new java.util.HashSet<>(mayChange);
        for (String table :
                List.of("mailbox", "folder", "message", "message_attachment", "message_search", "blob", "journal")) {
            mailbox.add(Arena.Party.VICTIM + " " + table);
        }
        return new Attack(target, name, request, safe, untouched, Set.copyOf(mailbox), disabled);
    }

    /** The attack does not hold today: keeps it in the table, skipped with the reason. */
    Attack disabled(String reason) {
        return new Attack(target, name, request, safe, untouched, mayChange, reason);
    }

    String displayName() {
        return "[" + target + "] " + name;
    }

    /** Runs the attack: snapshot, request, the safe outcome and the checks every attack gets, snapshot again. */
    void run(Arena arena) throws Exception {
        try {
            attack(arena);
        } catch (AssertionError e) {
            throw new AssertionError(displayName() + ": " + e.getMessage(), e);
        }
    }

    private void attack(Arena arena) throws Exception {
        if (disabled != null) {
            Assumptions.abort("Does not hold yet: " + disabled);
        }
        Map<Arena.Party, Map<String, String>> before = snapshots(arena);
        Outcome outcome = request.send(arena);
        System.out.println("attack " + displayName() + " -> "
                + outcome.toString().replace('\r', ' ').replace('\n', ' '));
        if (target != Target.LMTP) {
            assertThat(outcome.status())
                    .as("an answer, never a server error: %s", outcome)
                    .isBetween(200, 499);
        }
        for (String secret : arena.victimSecrets()) {
            assertThat(outcome.text())
                    .as("the answer reveals the victim's %s", secret)
                    .doesNotContain(secret);
        }
        safe.verify(outcome, arena);
        Map<Arena.Party, Map<String, String>> after = snapshots(arena);
        List<String> changed = new ArrayList<>();
        before.forEach((party, tables) -> tables.forEach((table, digest) -> {
            if (!mayChange.contains(party + " " + table)
                    && !digest.equals(after.get(party).get(table))) {
                changed.add(party + " " + table + ": " + digest + " -> "
                        + after.get(party).get(table));
            }
        }));
        assertThat(changed).as("state the attack changed").isEmpty();
    }

    private Map<Arena.Party, Map<String, String>> snapshots(Arena arena) {
        Map<Arena.Party, Map<String, String>> snapshots = new LinkedHashMap<>();
        for (Arena.Party party : untouched) {
            snapshots.put(party, arena.snapshot(party));
        }
        return snapshots;
    }
}
