package org.atoll.eas.message;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.atoll.device.DeviceInformation;
import org.atoll.mail.OofReply;
import org.atoll.mail.OofState;
import org.atoll.wbxml.CodePage;
import org.atoll.wbxml.WbxmlElement;
import org.jspecify.annotations.Nullable;

/**
 * Settings (MS-ASCMD 2.2.1.18): the request holds parts (DeviceInformation Set, UserInformation Get, Oof Get or Set),
 * the response one answer per part, in the same order, each with its own Status.
 */
public final class SettingsMessage implements EasMessage<SettingsMessage.Request, SettingsMessage.Response> {

    public static final SettingsMessage INSTANCE = new SettingsMessage();

    /** Settings Status values, MS-ASCMD 2.2.3.177.17. */
    public enum Status implements WireStatus {
        SUCCESS(1),
        PROTOCOL_ERROR(2),
        ACCESS_DENIED(3);

        private final int code;

        Status(int code) {
            this.code = code;
        }

        @Override
        public int code() {
            return code;
        }
    }

    public record Request(List<Part> parts) {}

    /** One part of a request. */
    public sealed interface Part {}

    /** DeviceInformation; {@code set} is null when it holds no Set. */
    public record DeviceInformationPart(@Nullable DeviceInformation set) implements Part {}

    /** UserInformation; {@code get} is false when it holds no Get. */
    public record UserInformationPart(boolean get) implements Part {}

    /** Oof Get, with the BodyType asked for. */
    public record OofGet(boolean html) implements Part {}

    /**
     * Oof Set; each audience left out is null and keeps what it has.
     *
     * @param start the StartTime, null when none
     */
    public record OofSet(
            OofState state,
            @Nullable Instant start,
            @Nullable Instant end,
            @Nullable OofReply internal,
            @Nullable OofReply externalKnown,
            @Nullable OofReply externalUnknown)
            implements Part {}

    /**
     * A part this server does not serve, an Oof without Get or Set, or an Oof Set that breaks a rule (an unknown state
     * or BodyType, a time that is no MS-ASDTYPE dateTime, a message without an audience): Status 2.
     */
    public record Invalid(String name) implements Part {}

    public record Response(List<Answer> answers) {}

    /** The answer to one part. */
    public sealed interface Answer {}

    /** The part's element with only its Status. */
    public record PartStatus(String name, Status status) implements Answer {}

    /**
     * UserInformation Get: the user's name and address, as protocol 14.1 and later lists them ({@code accounts}) or as
     * earlier versions do.
     */
    public record UserInformation(String displayName, String address, boolean accounts) implements Answer {}

    /** Oof Get: the state, the schedule when there is one, and one message per audience. */
    public record OofSettingsAnswer(
            OofState state,
            @Nullable Instant start,
            @Nullable Instant end,
            List<OofMessage> messages) implements Answer {}

    /**
     * @param audience AppliesToInternal, AppliesToExternalKnown or AppliesToExternalUnknown
     * @param message the reply in the body type asked for, null for none
     */
    public record OofMessage(
            String audience, boolean enabled, @Nullable String message, boolean html) {}

    private static final CodePage S = CodePage.SETTINGS;

    /** MS-ASDTYPE 2.3 dateTime as ActiveSync writes it. */
    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private SettingsMessage() {}

    @Override
    public Request read(WbxmlElement document) throws MalformedRequest {
        if (document.page() != S || !document.name().equals("Settings")) {
            throw new MalformedRequest(Status.PROTOCOL_ERROR);
        }
        List<Part> parts = new ArrayList<>();
        for (WbxmlElement part : document.children()) {
            parts.add(
                    switch (part.name()) {
                        case "DeviceInformation" ->
                            new DeviceInformationPart(part.child(S, "Set")
                                    .map(SettingsMessage::deviceInformation)
                                    .orElse(null));
                        case "UserInformation" ->
                            new UserInformationPart(part.child(S, "Get").isPresent());
                        case "Oof" -> oof(part);
                        default -> new Invalid(part.name());
                    });
        }
        return new Request(parts);
    }

    /** A DeviceInformation/Set element, as sent in Settings and in Provision (14.1). */
    static DeviceInformation deviceInformation(WbxmlElement set) {
        return new DeviceInformation(
                set.text(S, "Model").orElse(null),
                set.text(S, "IMEI").orElse(null),
                set.text(S, "FriendlyName").orElse(null),
                set.text(S, "OS").orElse(null),
                set.text(S, "OSLanguage").orElse(null),
                set.text(S, "PhoneNumber").orElse(null),
                set.text(S, "MobileOperator").orElse(null));
    }

    /** Oof Get or Set (MS-ASCMD 2.2.3.119). */
    private static Part oof(WbxmlElement part) {
        Optional<WbxmlElement> get = part.child(S, "Get");
        if (get.isPresent()) {
            return new OofGet(
                    get.get().text(S, "BodyType").map("HTML"::equalsIgnoreCase).orElse(false));
        }
        Optional<WbxmlElement> set = part.child(S, "Set");
        if (set.isEmpty()) {
            return new Invalid("Oof");
        }
        try {
            return oofSet(set.get());
        } catch (IllegalArgumentException | DateTimeParseException e) {
            return new Invalid("Oof");
        }
    }

    private static OofSet oofSet(WbxmlElement set) {
        OofState state = set.text(S, "OofState")
                .flatMap(WireNumbers::unsigned)
                .flatMap(code -> code > 2 ? Optional.empty() : OofState.ofCode(code.intValue()))
                .orElseThrow(() -> new IllegalArgumentException("OofState"));
        Instant start = set.text(S, "StartTime").map(Instant::parse).orElse(null);
        Instant end = set.text(S, "EndTime").map(Instant::parse).orElse(null);
        OofReply internal = null;
        OofReply known = null;
        OofReply unknown = null;
        for (WbxmlElement message : set.children(S, "OofMessage")) {
            OofReply reply = reply(message);
            if (message.child(S, "AppliesToInternal").isPresent()) {
                internal = reply;
            } else if (message.child(S, "AppliesToExternalKnown").isPresent()) {
                known = reply;
            } else if (message.child(S, "AppliesToExternalUnknown").isPresent()) {
                unknown = reply;
            } else {
                throw new IllegalArgumentException("OofMessage names no audience");
            }
        }
        return new OofSet(state, start, end, internal, known, unknown);
    }

    private static OofReply reply(WbxmlElement message) {
        boolean enabled = message.text(S, "Enabled")
                .map(text -> switch (text) {
                    case "1" -> true;
                    case "0" -> false;
                    default -> throw new IllegalArgumentException("Enabled " + text);
                })
                .orElse(false);
        String type = message.text(S, "BodyType").orElse("TEXT");
        if (!type.equalsIgnoreCase("TEXT") && !type.equalsIgnoreCase("HTML")) {
            throw new IllegalArgumentException("BodyType " + type);
        }
        return new OofReply(enabled, message.text(S, "ReplyMessage").orElse(""), type.equalsIgnoreCase("HTML"));
    }

    @Override
    public WbxmlElement write(Response response) {
        WbxmlElement document = refused(Status.SUCCESS.code());
        for (Answer answer : response.answers()) {
            document.add(
                    switch (answer) {
                        case PartStatus(String name, Status status) -> status(WbxmlElement.of(S, name), status);
                        case UserInformation information -> userInformation(information);
                        case OofSettingsAnswer settings -> oof(settings);
                    });
        }
        return document;
    }

    private static WbxmlElement userInformation(UserInformation information) {
        WbxmlElement get = WbxmlElement.of(S, "Get");
        if (information.accounts()) {
            get.add(WbxmlElement.of(S, "Accounts")
                    .add(WbxmlElement.of(S, "Account")
                            .add("UserDisplayName", information.displayName())
                            .add(WbxmlElement.of(S, "EmailAddresses")
                                    .add("SMTPAddress", information.address())
                                    .add("PrimarySmtpAddress", information.address()))));
        } else {
            get.add(WbxmlElement.of(S, "EmailAddresses").add("SMTPAddress", information.address()));
        }
        return status(WbxmlElement.of(S, "UserInformation"), Status.SUCCESS).add(get);
    }

    private static WbxmlElement oof(OofSettingsAnswer settings) {
        WbxmlElement get = WbxmlElement.of(S, "Get")
                .add("OofState", Integer.toString(settings.state().code()));
        if (settings.start() != null && settings.end() != null) {
            get.add("StartTime", DATE.format(settings.start())).add("EndTime", DATE.format(settings.end()));
        }
        for (OofMessage message : settings.messages()) {
            WbxmlElement element = WbxmlElement.of(S, "OofMessage")
                    .addEmpty(message.audience())
                    .add("Enabled", message.enabled() ? "1" : "0");
            if (message.message() != null) {
                element.add("ReplyMessage", message.message());
            }
            get.add(element.add("BodyType", message.html() ? "HTML" : "TEXT"));
        }
        return status(WbxmlElement.of(S, "Oof"), Status.SUCCESS).add(get);
    }

    private static WbxmlElement status(WbxmlElement element, Status status) {
        return element.add("Status", Integer.toString(status.code()));
    }

    @Override
    public WbxmlElement refused(int status) {
        return WbxmlElement.of(S, "Settings").add("Status", Integer.toString(status));
    }
}
