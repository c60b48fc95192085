package org.atoll.eas.command;

import java.util.List;
import org.atoll.account.Accounts;
import org.atoll.account.Directory;
import org.atoll.account.InvalidAccountData;
import org.atoll.calendar.FreeBusy;
import org.atoll.device.DeviceView;
import org.atoll.eas.message.ResolveRecipientsMessage;
import org.atoll.eas.message.ResolveRecipientsMessage.Answer;
import org.atoll.eas.message.ResolveRecipientsMessage.Availability;
import org.atoll.eas.message.ResolveRecipientsMessage.Recipient;
import org.atoll.eas.message.ResolveRecipientsMessage.Request;
import org.atoll.eas.message.ResolveRecipientsMessage.Resolved;
import org.atoll.eas.message.ResolveRecipientsMessage.Response;
import org.atoll.eas.request.EasCommand;
import org.atoll.mailbox.Calendars;
import org.atoll.mailbox.EventView;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * ResolveRecipients (MS-ASCMD 2.2.1.15): each {@code To} as the user typed it, resolved against the directory to the
 * account whose address it is, or to the accounts it may mean. Availability is each account's MergedFreeBusy over
 * the span asked, from its calendars (recurrences and exceptions expanded, MS-ASCMD 2.2.3.16). This server keeps no
 * S/MIME certificates: a request for them is answered with the Status that says the recipient has none.
 */
@Component
class ResolveRecipientsCommand implements MessageCommand<Request, Response> {

    private static final ResolveRecipientsMessage MESSAGE = new ResolveRecipientsMessage(Directory.MAX_RESULTS);

    private final Directory directory;
    private final Accounts accounts;
    private final Calendars calendars;

    ResolveRecipientsCommand(Directory directory, Accounts accounts, Calendars calendars) {
        this.directory = directory;
        this.accounts = accounts;
        this.calendars = calendars;
    }

    @Override
    public EasCommand command() {
        return EasCommand.RESOLVE_RECIPIENTS;
    }

    @Override
    public ResolveRecipientsMessage message() {
        return MESSAGE;
    }

    @Override
    public Response serve(long accountId, DeviceView device, Request request) {
        List<Answer> answers = request.to().stream()
                .map(written -> answer(written, request.suggestions(), request.availability()))
                .toList();
        return new Response(answers, request.certificates(), request.availability() != null, request.pictures());
    }

    private Answer answer(String written, int suggestions, @Nullable Availability availability) {
        Directory.Resolution resolution;
        try {
            resolution = directory.resolve(written, suggestions);
        } catch (InvalidAccountData e) {
            resolution = new Directory.Resolution(List.of(), 0);
        }
        return new Answer(
                written,
                resolved(resolution),
                resolution.entries().stream()
                        .map(entry -> new Recipient(
                                entry.displayName(), entry.address(), freeBusy(entry.address(), availability)))
                        .toList());
    }

    /** The account's MergedFreeBusy over the span, or null when none was asked or the address has no account. */
    private @Nullable String freeBusy(String address, @Nullable Availability availability) {
        if (availability == null) {
            return null;
        }
        return accounts.idOf(address)
                .map(id -> FreeBusy.merged(
                        calendars.between(id, null, availability.start(), availability.end()).stream()
                                .map(EventView::event)
                                .toList(),
                        availability.start(),
                        availability.end()))
                .orElse(null);
    }

    private static Resolved resolved(Directory.Resolution resolution) {
        int listed = resolution.entries().size();
        if (listed == 0) {
            return Resolved.NOT_RESOLVED;
        }
        if (resolution.total() == 1) {
            return Resolved.UNIQUELY;
        }
        return listed < resolution.total() ? Resolved.AMBIGUOUS_PARTLY_LISTED : Resolved.AMBIGUOUS;
    }
}
