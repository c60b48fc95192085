package org.atoll.demo;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.Duration;
import java.time.Instant;
import java.time.Month;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Function;
import org.atoll.demo.DemoCast.Language;
import org.atoll.demo.DemoCast.Person;
import org.atoll.demo.DemoCast.Topic;
import org.jspecify.annotations.Nullable;

/**
 * An invented mailbox of {@value #SIZE} messages over the last 90 days, for a newcomer to see Atoll on a phone: about
 * 25 senders on example.org, example.net and example.test, plain and HTML mail, attachments (PDF, PNG, CSV, iCalendar
 * generated in code), German, French, Japanese and emoji text, six conversations with proper Message-ID, In-Reply-To
 * and References, about 60% read and a few flagged.
 *
 * <p>Deterministic: the same address, display name, seed and {@code now} give byte-identical messages.
 */
public final class DemoCorpus {

    /** The folders used, parents before children; nested folders are separated by '/'. */
    public static final List<String> FOLDERS =
            List.of("Inbox", "Sent Items", "Deleted Items", "Drafts", "Junk Email", "Projects", "Projects/Atlas");

    /** Number of messages generated. */
    public static final int SIZE = 300;

    private static final String INBOX = "Inbox";
    private static final String SENT = "Sent Items";
    private static final String DELETED = "Deleted Items";
    private static final String DRAFTS = "Drafts";
    private static final String JUNK = "Junk Email";
    private static final String PROJECTS = "Projects";
    private static final String ATLAS = "Projects/Atlas";

    private DemoCorpus() {}

    /** The corpus relative to the current time; see {@link #generate(String, String, long, Instant)}. */
    public static List<DemoMessage> generate(String address, String displayName, long seed) {
        return generate(address, displayName, seed, Instant.now());
    }

    /**
     * The corpus for the mailbox owner {@code displayName <address>}, oldest first, every message received before
     * {@code now}.
     */
    public static List<DemoMessage> generate(String address, String displayName, long seed, Instant now) {
        return new Generator(new Person(displayName, address, ZoneOffset.UTC, Language.EN), seed, now).run();
    }

    private enum Format {
        PLAIN,
        ALTERNATIVE,
        HTML_ONLY
    }

    private enum Importance {
        LOW,
        NORMAL,
        HIGH
    }

    private record Attachment(
            String fileName,
            String contentType,
            byte[] bytes,
            @Nullable String contentId) {}

    /** One message before it is written out. */
    private static final class Mail {
        String folder = INBOX;
        Person from;
        List<Person> to = new ArrayList<>();
        List<Person> cc = new ArrayList<>();
        String subject = "";
        String text = "";
        Format format = Format.PLAIN;
        List<Attachment> attachments = new ArrayList<>();
        List<Attachment> inline = new ArrayList<>();
        ZonedDateTime date;
        String messageId = "";

        @Nullable
        String inReplyTo;

        List<String> references = new ArrayList<>();
        Importance importance = Importance.NORMAL;
        Instant receivedAt;
        boolean read;
        boolean flagged;

        Mail(Person from, ZonedDateTime date) {
            this.from = from;
            this.date = date;
            this.receivedAt = date.toInstant();
        }
    }

    /** A conversation: the participants in order ({@code null} is the mailbox owner) and what each one writes. */
    private record Conversation(
            String folder, Language language, String subject, List<@Nullable Person> senders, List<String> texts) {}

    private static final class Generator {

        private final Person me;
        private final Random random;
        private final Instant now;
        private final List<Mail> mails = new ArrayList<>();
        private int counter;

        Generator(Person me, long seed, Instant now) {
            this.me = me;
            this.random = new Random(seed);
            this.now = now;
        }

        List<DemoMessage> run() {
            conversations();
            singles(INBOX, 107, this::personal);
            singles(INBOX, 10, this::newsletter);
            singles(INBOX, 8, this::build);
            singles(INBOX, 10, this::invitation);
            singles(INBOX, 8, this::helpdesk);
            singles(INBOX, 6, this::travel);
            singles(INBOX, 4, this::facilities);
            singles(INBOX, 4, this::payslip);
            singles(PROJECTS, 17, this::project);
            singles(ATLAS, 12, this::atlas);
            singles(ATLAS, 6, this::build);
            singles(DELETED, 8, this::newsletter);
            singles(DELETED, 10, this::personal);
            singles(DELETED, 3, this::facilities);
            singles(DELETED, 4, this::build);
            singles(JUNK, 12, this::junk);
            singles(SENT, 40, this::sent);
            singles(DRAFTS, 6, this::draft);
            mails.sort(Comparator.comparing((Mail mail) -> mail.receivedAt).thenComparing(mail -> mail.messageId));
            List<DemoMessage> messages = new ArrayList<>(mails.size());
            for (Mail mail : mails) {
                messages.add(new DemoMessage(mail.folder, write(mail), mail.receivedAt, mail.read, mail.flagged));
            }
            return List.copyOf(messages);
        }

        // ---- conversations

        private void conversations() {
            Person lena = person("Lena Brückner");
            Person theo = person("Théo Marchand");
            Person hanako = person("佐藤 花子");
            Person priya = person("Priya Raman");
            Person oskar = person("Oskar Lindqvist");
            Person amara = person("Amara Nwosu");
            Person mei = person("Mei Chen");
            Person jonas = person("Jonas Haberkorn");
            Person henrik = person("Henrik Dahl");
            Person elodie = person("Élodie Fontaine");
            conversation(new Conversation(
                    INBOX,
                    Language.EN,
                    "Offsite venue options",
                    list(lena, null, theo, null, lena),
                    List.of(
                            "I found three venues for the offsite: the boathouse by the lake, a farm with a big"
                                    + " barn, and the old library downtown. Any preferences?",
                            "The boathouse sounds great, as long as there is a room for the workshop part.",
                            "+1 for the boathouse. They also rent canoes, just saying. 🛶",
                            "Then let's book it. Lena, can you ask for the 12th and 13th?",
                            "Booked for the 12th and 13th! The confirmation is attached.")));
            conversation(new Conversation(
                    ATLAS,
                    Language.EN,
                    "Atlas: API freeze date",
                    list(priya, null, henrik, priya),
                    List.of(
                            "Can we agree on the API freeze for the 20th? The mobile team needs two weeks with a"
                                    + " stable API before the beta.",
                            "The 20th works for the server side, if the folder sync changes land this week.",
                            "They landed this morning. The 20th is fine for me too.",
                            "Great, the 20th it is. I'll put it in the release calendar.")));
            conversation(new Conversation(
                    INBOX,
                    Language.DE,
                    "Übergabe Kundenprojekt – offene Fragen",
                    list(jonas, null, jonas),
                    List.of(
                            "vor der Übergabe habe ich noch drei Fragen: Wer übernimmt die wöchentlichen Berichte,"
                                    + " wo liegen die Zugangsdaten, und gibt es schon einen Termin für das Abschlussgespräch?",
                            "Danke für die Liste! Die Berichte übernehme ich, die Zugangsdaten liegen im Tresor,"
                                    + " und das Abschlussgespräch ist am Donnerstag um 14 Uhr.",
                            "Perfekt, dann ist alles geklärt. Schönes Wochenende!")));
            conversation(new Conversation(
                    INBOX,
                    Language.FR,
                    "Réservation de la salle pour jeudi",
                    list(elodie, null, elodie, theo),
                    List.of(
                            "la grande salle est-elle libre jeudi après-midi ? Nous avons besoin du projecteur.",
                            "Oui, elle est libre de 14 h à 17 h. Je l'ai réservée pour toi.",
                            "Merci beaucoup ! Je préviens l'équipe.",
                            "Parfait, j'apporte les croissants. 🥐")));
            conversation(new Conversation(
                    INBOX,
                    Language.JA,
                    "新オフィスのご案内",
                    list(hanako, null, hanako),
                    List.of(
                            "来月から新しいオフィスに移転します。住所と地図は追って共有します。",
                            "ご案内ありがとうございます。引っ越しの日程が決まったら教えてください。",
                            "承知しました。日程が決まり次第ご連絡します。")));
            conversation(new Conversation(
                    PROJECTS,
                    Language.EN,
                    "Quarterly report draft 📊",
                    list(mei, null, oskar, null, mei, amara),
                    List.of(
                            "the first draft of the quarterly report is ready. Could you check the numbers in"
                                    + " section 2 before I send it to the board?",
                            "Section 2 looks right to me. Oskar, can you double-check the regional split?",
                            "The regional split is correct, but the chart labels for the north are swapped.",
                            "Good catch. Mei, could you fix the labels?",
                            "Fixed and uploaded as version 3. Thanks both!",
                            "Read it on my way home – very clear. Nice work, everyone.")));
        }

        private void conversation(Conversation conversation) {
            ZonedDateTime time = ZonedDateTime.ofInstant(
                            now.minus(Duration.ofDays(10 + random.nextInt(70))), ZoneOffset.UTC)
                    .withHour(7 + random.nextInt(4))
                    .withMinute(random.nextInt(60));
            Mail previous = null;
            List<Person> everyone = new ArrayList<>();
            for (Person sender : conversation.senders()) {
                Person actual = sender == null ? me : sender;
                if (!everyone.contains(actual)) {
                    everyone.add(actual);
                }
            }
            for (int i = 0; i < conversation.senders().size(); i++) {
                Person sender = conversation.senders().get(i) == null
                        ? me
                        : conversation.senders().get(i);
                Mail mail = new Mail(sender, time.withZoneSameInstant(sender.zone()));
                mail.subject =
                        previous == null ? conversation.subject() : replyPrefix(sender) + " " + conversation.subject();
                Person addressee = previous == null ? me : previous.from;
                mail.to.add(addressee);
                for (Person other : everyone) {
                    if (other != sender && other != addressee) {
                        mail.cc.add(other);
                    }
                }
                String text = greeting(conversation.language(), addressee)
                        + conversation.texts().get(i) + "\n\n" + sender.firstName();
                if (previous != null) {
                    mail.inReplyTo = previous.messageId;
                    mail.references.addAll(previous.references);
                    mail.references.add(previous.messageId);
                    text += "\n\n" + quote(previous);
                }
                mail.text = text;
                mail.format = sender == me || random.nextBoolean() ? Format.ALTERNATIVE : Format.PLAIN;
                if (i == conversation.senders().size() - 1
                        && conversation.subject().startsWith("Offsite")) {
                    mail.attachments.add(new Attachment(
                            "Booking confirmation.pdf",
                            "application/pdf",
                            DemoFiles.pdf(
                                    "Booking confirmation",
                                    List.of("Venue: The Boathouse", "Dates: 12th and 13th", "Guests: 14")),
                            null));
                }
                if (sender == me) {
                    mail.folder = SENT;
                    mail.read = true;
                } else {
                    mail.folder = conversation.folder();
                    mail.receivedAt = mail.receivedAt.plusSeconds(5 + random.nextInt(60));
                    mail.read = i < conversation.senders().size() - 1 || random.nextBoolean();
                }
                add(mail);
                previous = mail;
                time = time.plusMinutes(40 + random.nextInt(20 * 60));
            }
        }

        // ---- single messages, one method per kind

        private void singles(String folder, int count, Function<ZonedDateTime, Mail> kind) {
            for (int i = 0; i < count; i++) {
                long maxAge = Duration.ofDays(90).toSeconds();
                long age = 300 + (long) (maxAge * Math.pow(random.nextDouble(), 1.4));
                ZonedDateTime time = ZonedDateTime.ofInstant(now.minusSeconds(age), ZoneOffset.UTC);
                Mail mail = kind.apply(time);
                mail.folder = folder;
                boolean incoming = mail.from != me;
                if (incoming) {
                    mail.receivedAt = mail.date.toInstant().plusSeconds(3 + random.nextInt(120));
                }
                mail.read = switch (folder) {
                    case SENT, DRAFTS -> true;
                    case DELETED -> random.nextDouble() < 0.9;
                    case JUNK -> random.nextDouble() < 0.15;
                    default -> random.nextDouble() < (age < Duration.ofDays(2).toSeconds() ? 0.25 : 0.47);
                };
                mail.flagged =
                        (folder.equals(INBOX) || folder.startsWith(PROJECTS)) && incoming && random.nextDouble() < 0.04;
                add(mail);
            }
        }

        private Mail personal(ZonedDateTime time) {
            Person sender = pick(DemoCast.PEOPLE);
            List<Topic> topics = sender.language() != Language.EN && random.nextDouble() < 0.45
                    ? DemoCast.nativeTopics(sender.language())
                    : DemoCast.WORK;
            return fromPerson(sender, pick(topics), time);
        }

        private Mail project(ZonedDateTime time) {
            return fromPerson(pick(DemoCast.PEOPLE), pick(DemoCast.PROJECTS), time);
        }

        private Mail atlas(ZonedDateTime time) {
            return fromPerson(pick(DemoCast.PEOPLE), pick(DemoCast.ATLAS), time);
        }

        private Mail fromPerson(Person sender, Topic topic, ZonedDateTime time) {
            Mail mail = new Mail(sender, time.withZoneSameInstant(sender.zone()));
            mail.to.add(me);
            if (random.nextDouble() < 0.2) {
                mail.to.add(other(sender));
            }
            if (random.nextDouble() < 0.25) {
                mail.cc.add(other(sender));
            }
            mail.subject = topic.subject();
            mail.text = fill(topic.body(), sender, me);
            mail.format = random.nextBoolean() ? Format.ALTERNATIVE : Format.PLAIN;
            if (random.nextDouble() < 0.04) {
                mail.importance = Importance.HIGH;
            }
            if (random.nextDouble() < 0.18) {
                mail.attachments.add(personalAttachment(sender));
            }
            return mail;
        }

        private Attachment personalAttachment(Person sender) {
            return switch (random.nextInt(5)) {
                case 0 ->
                    new Attachment(
                            sender.language() == Language.DE ? "Übersicht_Q3.pdf" : "Overview Q3.pdf",
                            "application/pdf",
                            DemoFiles.pdf(
                                    "Overview Q3",
                                    List.of(
                                            "Orders: up 12%",
                                            "Returns: down 3%", "Prepared by " + ascii(sender.name()))),
                            null);
                case 1 ->
                    new Attachment(
                            sender.language() == Language.JA ? "スクリーンショット.png" : "whiteboard.png",
                            "image/png",
                            DemoFiles.png(64, 48, random),
                            null);
                case 2 -> new Attachment("orders_by_city.csv", "text/csv; charset=UTF-8", DemoFiles.csv(random), null);
                case 3 ->
                    new Attachment(
                            "Meeting notes.pdf",
                            "application/pdf",
                            DemoFiles.pdf(
                                    "Meeting notes",
                                    List.of("Attendees: the usual crowd", "Decision: ship on Tuesday")),
                            null);
                default -> new Attachment("photo.png", "image/png", DemoFiles.png(80, 60, random), null);
            };
        }

        private Mail newsletter(ZonedDateTime time) {
            Mail mail = new Mail(DemoCast.NEWSLETTER, time);
            mail.to.add(me);
            Topic topic = pick(DemoCast.NEWSLETTERS);
            mail.subject = topic.subject();
            mail.text = topic.body() + "\n\nYou receive the Gazette because you work here. Enjoy!";
            mail.format = Format.ALTERNATIVE;
            mail.importance = Importance.LOW;
            mail.inline.add(new Attachment(
                    "masthead.png",
                    "image/png",
                    DemoFiles.png(120, 24, random),
                    "masthead." + counter + "@example.org"));
            return mail;
        }

        private Mail build(ZonedDateTime time) {
            Mail mail = new Mail(DemoCast.CI, time);
            mail.to.add(me);
            int number = 1200 + counter;
            boolean failed = random.nextDouble() < 0.3;
            String branch = random.nextBoolean() ? "main" : "feature/ping-heartbeat";
            mail.subject = "Atlas build #" + number + (failed ? " failed" : " passed") + " on " + branch;
            mail.text = "Build #" + number + " on " + branch + (failed ? " FAILED" : " passed") + " in "
                    + (3 + random.nextInt(9)) + " min " + random.nextInt(60) + " s.\n\n"
                    + (failed
                            ? "Failing test: SyncWindowTest.moreAvailableShouldBeSetWhenWindowIsFull\n"
                                    + "expected: <true> but was: <false>\n"
                            : "All 1,482 tests passed.\n")
                    + "\nThis message was sent by Atlas CI.";
            if (failed) {
                mail.importance = Importance.HIGH;
            }
            return mail;
        }

        private Mail invitation(ZonedDateTime time) {
            Mail mail = new Mail(DemoCast.CALENDAR, time);
            mail.to.add(me);
            String[] meetings = {"Design review", "Sprint planning", "Brown bag: reading RFCs", "Team sync"};
            String summary = meetings[random.nextInt(meetings.length)];
            ZonedDateTime start = time.plusDays(1 + random.nextInt(10))
                    .withHour(9 + random.nextInt(7))
                    .withMinute(0);
            mail.subject = "Invitation: " + summary + " @ "
                    + start.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH) + " " + start.getHour()
                    + ":00";
            mail.text = "You have been invited to \"" + summary + "\" in room Lagoon (2nd floor).\n\n"
                    + "Open the attached invitation to accept or decline.";
            mail.format = Format.ALTERNATIVE;
            mail.attachments.add(new Attachment(
                    "invite.ics",
                    "text/calendar; charset=UTF-8; method=REQUEST",
                    DemoFiles.ics(
                            "demo-" + counter + "@example.test",
                            summary,
                            start,
                            30,
                            DemoCast.CALENDAR.address(),
                            me.address()),
                    null));
            return mail;
        }

        private Mail helpdesk(ZonedDateTime time) {
            Mail mail = new Mail(DemoCast.HELPDESK, time);
            mail.to.add(me);
            Topic topic = pick(DemoCast.HELPDESK_TOPICS);
            mail.subject = topic.subject();
            mail.text = fill(topic.body(), DemoCast.HELPDESK, me);
            mail.format = Format.ALTERNATIVE;
            return mail;
        }

        private Mail travel(ZonedDateTime time) {
            Mail mail = new Mail(DemoCast.TRAVEL, time);
            mail.to.add(me);
            String[] cities = {"Lyon", "München", "Göteborg", "Québec", "Osaka"};
            String city = cities[random.nextInt(cities.length)];
            mail.subject = "Your itinerary: " + city;
            mail.text = "Hello " + me.firstName() + ",\n\nyour trip to " + city
                    + " is booked. The itinerary is attached; please check the names and dates.\n\nTravel Desk";
            mail.format = Format.ALTERNATIVE;
            mail.attachments.add(new Attachment(
                    "Reiseplan " + city + ".pdf",
                    "application/pdf",
                    DemoFiles.pdf(
                            "Itinerary: " + ascii(city), List.of("Outbound: Monday 07:10", "Return: Thursday 18:45")),
                    null));
            return mail;
        }

        private Mail facilities(ZonedDateTime time) {
            Mail mail = new Mail(DemoCast.FACILITIES, time);
            mail.to.add(me);
            Topic topic = pick(DemoCast.FACILITIES_TOPICS);
            mail.subject = topic.subject();
            mail.text = topic.body();
            return mail;
        }

        private Mail payslip(ZonedDateTime time) {
            Mail mail = new Mail(DemoCast.PAYROLL, time);
            mail.to.add(me);
            String month = Month.from(time).getDisplayName(TextStyle.FULL, Locale.ENGLISH);
            mail.subject = "Your payslip for " + month;
            mail.text = "Hello " + me.firstName() + ",\n\nyour payslip for " + month
                    + " is attached.\n\nPayroll, Finance & HR";
            mail.attachments.add(new Attachment(
                    "Payslip " + month + ".pdf",
                    "application/pdf",
                    DemoFiles.pdf("Payslip " + month, List.of("This is a demo document.", "No real figures.")),
                    null));
            return mail;
        }

        private Mail junk(ZonedDateTime time) {
            Mail mail = new Mail(pick(DemoCast.JUNK_SENDERS), time);
            mail.to.add(me);
            Topic topic = pick(DemoCast.JUNK);
            mail.subject = topic.subject();
            mail.text = topic.body();
            mail.format = Format.HTML_ONLY;
            mail.importance = Importance.HIGH;
            return mail;
        }

        private Mail sent(ZonedDateTime time) {
            Person recipient = pick(DemoCast.PEOPLE);
            Mail mail = new Mail(me, time);
            mail.to.add(recipient);
            Topic topic = pick(DemoCast.SENT);
            mail.subject = topic.subject();
            mail.text = fill(topic.body(), me, recipient);
            mail.format = Format.ALTERNATIVE;
            if (random.nextDouble() < 0.1) {
                mail.attachments.add(personalAttachment(me));
            }
            return mail;
        }

        private Mail draft(ZonedDateTime time) {
            Mail mail = new Mail(me, time);
            if (random.nextBoolean()) {
                mail.to.add(pick(DemoCast.PEOPLE));
            }
            Topic topic = pick(DemoCast.DRAFTS);
            mail.subject = topic.subject();
            mail.text = topic.body();
            return mail;
        }

        // ---- writing

        private void add(Mail mail) {
            counter++;
            String domain = mail.from.address().substring(mail.from.address().indexOf('@') + 1);
            mail.messageId = Long.toString(random.nextLong() & Long.MAX_VALUE, 36) + "." + counter + "@" + domain;
            mails.add(mail);
        }

        private byte[] write(Mail mail) {
            StringBuilder out = new StringBuilder();
            out.append("Date: ").append(MimeText.date(mail.date)).append(MimeText.CRLF);
            out.append(MimeText.addresses("From", List.of(mailbox(mail.from))));
            if (!mail.to.isEmpty()) {
                out.append(MimeText.addresses(
                        "To", mail.to.stream().map(this::mailbox).toList()));
            }
            if (!mail.cc.isEmpty()) {
                out.append(MimeText.addresses(
                        "Cc", mail.cc.stream().map(this::mailbox).toList()));
            }
            out.append(MimeText.unstructured("Subject", mail.subject));
            out.append("Message-ID: <").append(mail.messageId).append('>').append(MimeText.CRLF);
            if (mail.inReplyTo != null) {
                out.append("In-Reply-To: <").append(mail.inReplyTo).append('>').append(MimeText.CRLF);
                out.append("References: ")
                        .append(String.join(
                                MimeText.CRLF + " ",
                                mail.references.stream()
                                        .map(id -> "<" + id + ">")
                                        .toList()))
                        .append(MimeText.CRLF);
            }
            switch (mail.importance) {
                case HIGH ->
                    out.append("Importance: High")
                            .append(MimeText.CRLF)
                            .append("X-Priority: 1")
                            .append(MimeText.CRLF);
                case LOW -> out.append("Importance: Low").append(MimeText.CRLF);
                case NORMAL -> {}
            }
            out.append("MIME-Version: 1.0").append(MimeText.CRLF);
            out.append(entity(mail));
            return out.toString().getBytes(StandardCharsets.UTF_8);
        }

        /** The Content-* headers, the empty line and the body of the message. */
        private String entity(Mail mail) {
            String boundary = mail.messageId.substring(0, mail.messageId.indexOf('@'));
            String body = switch (mail.format) {
                case PLAIN -> text("plain", mail.text);
                case HTML_ONLY -> text("html", html(mail));
                case ALTERNATIVE ->
                    multipart(boundary, "alternative", List.of(text("plain", mail.text), text("html", html(mail))));
            };
            if (!mail.inline.isEmpty()) {
                List<String> parts = new ArrayList<>();
                parts.add(body);
                mail.inline.forEach(image -> parts.add(attachment(image)));
                body = multipart(boundary, "related", parts);
            }
            if (!mail.attachments.isEmpty()) {
                List<String> parts = new ArrayList<>();
                parts.add(body);
                mail.attachments.forEach(file -> parts.add(attachment(file)));
                body = multipart(boundary, "mixed", parts);
            }
            return body;
        }

        private String text(String subtype, String text) {
            String normalized = text.replace("\r\n", "\n");
            StringBuilder part = new StringBuilder("Content-Type: text/")
                    .append(subtype)
                    .append("; charset=UTF-8")
                    .append(MimeText.CRLF);
            if (MimeText.isAscii(normalized.replace("\n", "")) && subtype.equals("plain")) {
                part.append("Content-Transfer-Encoding: 7bit")
                        .append(MimeText.CRLF)
                        .append(MimeText.CRLF);
                part.append(normalized.replace("\n", MimeText.CRLF));
            } else if (subtype.equals("plain") && random.nextDouble() < 0.4) {
                part.append("Content-Transfer-Encoding: 8bit")
                        .append(MimeText.CRLF)
                        .append(MimeText.CRLF);
                part.append(normalized.replace("\n", MimeText.CRLF));
            } else {
                part.append("Content-Transfer-Encoding: quoted-printable")
                        .append(MimeText.CRLF)
                        .append(MimeText.CRLF);
                part.append(MimeText.quotedPrintable(normalized));
            }
            return part.toString();
        }

        private String attachment(Attachment file) {
            String type = file.contentType();
            String bare = type.contains(";") ? type.substring(0, type.indexOf(';')) : type;
            StringBuilder part = new StringBuilder("Content-Type: ")
                    .append(type)
                    .append(";")
                    .append(MimeText.CRLF)
                    .append(" ")
                    .append(MimeText.fileNameParameter("name", file.fileName()))
                    .append(MimeText.CRLF);
            if (file.contentId() != null) {
                part.append("Content-ID: <")
                        .append(file.contentId())
                        .append('>')
                        .append(MimeText.CRLF);
                part.append("Content-Disposition: inline").append(MimeText.CRLF);
            } else {
                part.append("Content-Disposition: attachment;")
                        .append(MimeText.CRLF)
                        .append(" ")
                        .append(MimeText.fileNameParameter("filename", file.fileName()))
                        .append(MimeText.CRLF);
            }
            if (bare.equals("application/pdf") || bare.startsWith("image/") || bare.startsWith("text/")) {
                part.append("Content-Transfer-Encoding: base64")
                        .append(MimeText.CRLF)
                        .append(MimeText.CRLF);
            }
            return part.append(MimeText.base64(file.bytes())).toString();
        }

        private String multipart(String boundaryPrefix, String subtype, List<String> parts) {
            String boundary = "=_" + boundaryPrefix + "_" + subtype;
            StringBuilder out = new StringBuilder("Content-Type: multipart/")
                    .append(subtype)
                    .append("; boundary=\"")
                    .append(boundary)
                    .append('"')
                    .append(MimeText.CRLF)
                    .append(MimeText.CRLF)
                    .append("This is a multi-part message in MIME format.")
                    .append(MimeText.CRLF);
            for (String part : parts) {
                out.append("--")
                        .append(boundary)
                        .append(MimeText.CRLF)
                        .append(part)
                        .append(MimeText.CRLF);
            }
            return out.append("--")
                    .append(boundary)
                    .append("--")
                    .append(MimeText.CRLF)
                    .toString();
        }

        private String html(Mail mail) {
            StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>")
                    .append(escape(mail.subject))
                    .append("</title>\n<style>body{font-family:sans-serif;line-height:1.4}"
                            + " blockquote{color:#555;border-left:3px solid #ccc;margin:0;padding-left:8px}</style>"
                            + "</head>\n<body>\n");
            for (Attachment image : mail.inline) {
                html.append("<p><img src=\"cid:")
                        .append(image.contentId())
                        .append("\" alt=\"")
                        .append(escape(mail.from.name()))
                        .append("\"></p>\n");
            }
            boolean quoting = false;
            for (String paragraph : mail.text.split("\n\n")) {
                if (paragraph.startsWith(">") || paragraph.startsWith("On ") && paragraph.contains(" wrote:")) {
                    if (!quoting) {
                        html.append("<blockquote>\n");
                        quoting = true;
                    }
                    html.append("<p>")
                            .append(escape(paragraph.replaceAll("(?m)^> ?", "")).replace("\n", "<br>\n"))
                            .append("</p>\n");
                } else if (paragraph.lines().allMatch(line -> line.startsWith("- "))) {
                    html.append("<ul>\n");
                    paragraph
                            .lines()
                            .forEach(line -> html.append("<li>")
                                    .append(escape(line.substring(2)))
                                    .append("</li>\n"));
                    html.append("</ul>\n");
                } else {
                    html.append("<p>")
                            .append(escape(paragraph).replace("\n", "<br>\n"))
                            .append("</p>\n");
                }
            }
            if (quoting) {
                html.append("</blockquote>\n");
            }
            return html.append("</body></html>\n").toString();
        }

        // ---- small helpers

        private String mailbox(Person person) {
            return MimeText.mailbox(person.name(), person.address());
        }

        private static String greeting(Language language, Person addressee) {
            String name = addressee.firstName();
            return switch (language) {
                case DE -> "Hallo " + name + ",\n\n";
                case FR -> "Bonjour " + name + ",\n\n";
                case JA -> name + "さん\n\n";
                case SV -> "Hej " + name + ",\n\n";
                case EN -> "Hi " + name + ",\n\n";
            };
        }

        private static String replyPrefix(Person sender) {
            return switch (sender.language()) {
                case DE -> "AW:";
                case SV -> "Sv:";
                case FR -> "RE:";
                default -> "Re:";
            };
        }

        private String quote(Mail previous) {
            String header = "On " + MimeText.date(previous.date) + ", " + previous.from.name() + " wrote:";
            String body = previous.text
                    .lines()
                    .takeWhile(line -> !line.startsWith("On "))
                    .map(line -> line.isEmpty() ? ">" : "> " + line)
                    .reduce((a, b) -> a + "\n" + b)
                    .orElse(">");
            return header + "\n" + body;
        }

        private static String fill(String body, Person from, Person to) {
            return body.replace("{to}", to.firstName()).replace("{from}", from.firstName());
        }

        private Person person(String name) {
            return DemoCast.PEOPLE.stream()
                    .filter(person -> person.name().equals(name))
                    .findFirst()
                    .orElseThrow();
        }

        private Person other(Person not) {
            Person other = pick(DemoCast.PEOPLE);
            return other == not
                    ? DemoCast.PEOPLE.get((DemoCast.PEOPLE.indexOf(other) + 1) % DemoCast.PEOPLE.size())
                    : other;
        }

        private <T> T pick(List<T> items) {
            return items.get(random.nextInt(items.size()));
        }

        private static List<@Nullable Person> list(@Nullable Person... people) {
            return Arrays.asList(people);
        }

        private static String ascii(String text) {
            return Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("[^\\x20-\\x7E]", "");
        }

        private static String escape(String text) {
            return text.replace("&", "&amp;")
                    .replace("<", "&lt;")
                    .replace(">", "&gt;")
                    .replace("\"", "&quot;");
        }
    }
}
