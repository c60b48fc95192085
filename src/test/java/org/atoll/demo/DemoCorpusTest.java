package org.atoll.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.atoll.mime.AttachmentInfo;
import org.atoll.mime.MimeBodies;
import org.atoll.mime.MimeParser;
import org.atoll.mime.ParsedMessage;
import org.junit.jupiter.api.Test;

class DemoCorpusTest {

    private static final Instant NOW = Instant.parse("2026-06-15T10:00:00Z");
    private static final List<DemoMessage> CORPUS = DemoCorpus.generate("alex@example.org", "Alex Morgan", 42, NOW);
    private static final MimeParser PARSER = new MimeParser();
    private static final List<ParsedMessage> PARSED =
            CORPUS.stream().map(message -> PARSER.parse(message.mime())).toList();

    @Test
    void sameSeedShouldGiveTheSameBytes() {
        List<DemoMessage> again = DemoCorpus.generate("alex@example.org", "Alex Morgan", 42, NOW);

        assertThat(again).hasSize(DemoCorpus.SIZE).hasSize(300);
        for (int i = 0; i < CORPUS.size(); i++) {
            DemoMessage first = CORPUS.get(i);
            DemoMessage second = again.get(i);
            assertThat(second.mime()).isEqualTo(first.mime());
            assertThat(second.folder()).isEqualTo(first.folder());
            assertThat(second.receivedAt()).isEqualTo(first.receivedAt());
            assertThat(second.read()).isEqualTo(first.read());
            assertThat(second.flagged()).isEqualTo(first.flagged());
        }
    }

    @Test
    void otherSeedShouldGiveOtherMessages() {
        List<DemoMessage> other = DemoCorpus.generate("alex@example.org", "Alex Morgan", 43, NOW);

        assertThat(other).hasSize(300);
        assertThat(other.getFirst().mime()).isNotEqualTo(CORPUS.getFirst().mime());
    }

    @Test
    void everyMessageShouldParseWithoutBeingMalformed() {
        for (int i = 0; i < CORPUS.size(); i++) {
            String raw = new String(CORPUS.get(i).mime(), StandardCharsets.UTF_8);
            assertThat(PARSED.get(i).malformed()).as(raw).isFalse();
        }
        assertThat(PARSED).allSatisfy(message -> {
            assertThat(message.subject()).isNotBlank();
            assertThat(message.messageId()).isNotBlank();
            assertThat(message.date()).isNotNull();
        });
    }

    @Test
    void everyMessageShouldUseCrlfAndShortLines() {
        for (DemoMessage message : CORPUS) {
            String text = new String(message.mime(), StandardCharsets.UTF_8);
            assertThat(text.replace("\r\n", "")).doesNotContain("\n").doesNotContain("\r");
            assertThat(text.split("\r\n"))
                    .allSatisfy(line -> assertThat(line.getBytes(StandardCharsets.UTF_8).length)
                            .isLessThanOrEqualTo(998));
        }
    }

    @Test
    void everyFolderShouldHoldMessages() {
        Map<String, Long> perFolder =
                CORPUS.stream().collect(Collectors.groupingBy(DemoMessage::folder, Collectors.counting()));

        assertThat(perFolder.keySet()).containsExactlyInAnyOrderElementsOf(DemoCorpus.FOLDERS);
        assertThat(perFolder.get("Inbox")).isGreaterThan(150);
    }

    @Test
    void messagesShouldSpanTheLastNinetyDays() {
        assertThat(CORPUS)
                .allSatisfy(message ->
                        assertThat(message.receivedAt()).isBefore(NOW).isAfter(NOW.minus(Duration.ofDays(91))));
        assertThat(CORPUS.getFirst().receivedAt()).isBefore(NOW.minus(Duration.ofDays(60)));
        assertThat(CORPUS).isSortedAccordingTo(java.util.Comparator.comparing(DemoMessage::receivedAt));
    }

    @Test
    void readAndFlaggedShouldLookLikeARealMailbox() {
        double read = CORPUS.stream().filter(DemoMessage::read).count() / (double) CORPUS.size();

        assertThat(read).isBetween(0.5, 0.7);
        assertThat(CORPUS.stream().filter(DemoMessage::flagged).count()).isBetween(2L, 20L);
    }

    @Test
    void sendersShouldBeInventedOnExampleDomains() {
        Set<String> senders = PARSED.stream().map(ParsedMessage::fromAddress).collect(Collectors.toSet());

        assertThat(senders).hasSizeBetween(20, 30);
        assertThat(senders).allSatisfy(address -> assertThat(address).matches(".+@example\\.(org|net|test)"));
    }

    @Test
    void contentShouldMixHtmlAttachmentsAndInlineImages() {
        List<AttachmentInfo> attachments = PARSED.stream()
                .flatMap(message -> message.attachments().stream())
                .toList();

        assertThat(PARSED).anyMatch(ParsedMessage::hasHtml).anyMatch(message -> !message.hasHtml());
        assertThat(attachments)
                .extracting(AttachmentInfo::contentType)
                .contains("application/pdf", "image/png", "text/csv", "text/calendar");
        assertThat(attachments).anyMatch(AttachmentInfo::inline);
        assertThat(attachments)
                .allSatisfy(attachment -> assertThat(attachment.size()).isBetween(100L, 16_384L));
        assertThat(PARSED).allSatisfy(message -> assertThat(message.preview()).isNotBlank());
    }

    @Test
    void attachmentBytesShouldBeRealFiles() {
        for (int i = 0; i < CORPUS.size(); i++) {
            for (AttachmentInfo attachment : PARSED.get(i).attachments()) {
                byte[] bytes = MimeBodies.part(CORPUS.get(i).mime(), attachment.partPath())
                        .orElseThrow();
                assertThat((long) bytes.length).isEqualTo(attachment.size());
                switch (attachment.contentType()) {
                    case "application/pdf" ->
                        assertThat(new String(bytes, StandardCharsets.ISO_8859_1))
                                .startsWith("%PDF-1.4")
                                .endsWith("%%EOF\n");
                    case "image/png" -> assertThat(bytes).startsWith(0x89, 'P', 'N', 'G');
                    case "text/calendar" ->
                        assertThat(new String(bytes, StandardCharsets.UTF_8)).startsWith("BEGIN:VCALENDAR");
                    default -> assertThat(bytes).isNotEmpty();
                }
            }
        }
    }

    @Test
    void nonAsciiTextShouldRoundTripThroughTheParser() {
        Set<String> subjects = PARSED.stream().map(ParsedMessage::subject).collect(Collectors.toSet());
        Set<String> names = PARSED.stream().map(ParsedMessage::from).collect(Collectors.toSet());
        Set<String> files = PARSED.stream()
                .flatMap(message -> message.attachments().stream())
                .map(AttachmentInfo::fileName)
                .collect(Collectors.toSet());

        assertThat(subjects)
                .contains(
                        "Übergabe Kundenprojekt – offene Fragen",
                        "新オフィスのご案内",
                        "Quarterly report draft 📊",
                        "AW: Übergabe Kundenprojekt – offene Fragen");
        assertThat(names).contains("Lena Brückner <lena.brueckner@example.org>", "佐藤 花子 <hanako.sato@example.test>");
        assertThat(files).anyMatch(name -> name.startsWith("Reiseplan ") && !name.matches("\\p{ASCII}+"));
        assertThat(PARSED)
                .filteredOn(message -> "新オフィスのご案内".equals(message.subject()))
                .singleElement()
                .satisfies(message -> assertThat(message.preview()).startsWith("Alexさん 来月から新しいオフィスに移転します。"));
        String raw = new String(
                CORPUS.get(PARSED.indexOf(PARSED.stream()
                                .filter(message -> "新オフィスのご案内".equals(message.subject()))
                                .findFirst()
                                .orElseThrow()))
                        .mime(),
                StandardCharsets.UTF_8);
        assertThat(raw).contains("Subject: =?UTF-8?B?");
    }

    @Test
    void repliesShouldPointAtMessagesOfTheCorpus() {
        Map<String, ParsedMessage> byId = new HashMap<>();
        PARSED.forEach(message -> byId.put(message.messageId(), message));
        List<ParsedMessage> replies =
                PARSED.stream().filter(message -> message.inReplyTo() != null).toList();

        assertThat(byId).hasSize(300);
        assertThat(replies).allSatisfy(reply -> {
            ParsedMessage parent = byId.get(reply.inReplyTo());
            assertThat(parent).isNotNull();
            assertThat(reply.references()).endsWith(reply.inReplyTo());
            assertThat(reply.threadTopic()).isEqualTo(parent.threadTopic());
            assertThat(reply.subject()).matches("(Re|RE|AW|Sv): .+");
        });
        Map<String, Long> conversations = replies.stream()
                .collect(Collectors.groupingBy(reply -> reply.references().getFirst(), Collectors.counting()));
        assertThat(conversations).hasSizeBetween(5, 8);
        assertThat(conversations.values())
                .allSatisfy(count -> assertThat(count + 1).isBetween(3L, 6L));
        Set<String> roots = new HashSet<>(conversations.keySet());
        assertThat(roots)
                .allSatisfy(root -> assertThat(byId.get(root).inReplyTo()).isNull());
    }
}
