package org.atoll.bootstrap;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.atoll.account.AccountView;
import org.atoll.account.Accounts;
import org.atoll.account.DirectoryDetails;
import org.atoll.account.NewAccount;
import org.atoll.account.Role;
import org.atoll.calendar.CalendarEvent;
import org.atoll.demo.DemoCalendar;
import org.atoll.demo.DemoContacts;
import org.atoll.demo.DemoCorpus;
import org.atoll.demo.DemoDirectoryDetails;
import org.atoll.demo.DemoInvitations;
import org.atoll.demo.DemoMessage;
import org.atoll.demo.DemoNotes;
import org.atoll.demo.DemoTasks;
import org.atoll.mailbox.Calendars;
import org.atoll.mailbox.ContactContent;
import org.atoll.mailbox.Contacts;
import org.atoll.mailbox.EventContent;
import org.atoll.mailbox.Flag;
import org.atoll.mailbox.FolderType;
import org.atoll.mailbox.FolderView;
import org.atoll.mailbox.Invitations;
import org.atoll.mailbox.Mailboxes;
import org.atoll.mailbox.MessageView;
import org.atoll.mailbox.NoteContent;
import org.atoll.mailbox.Notes;
import org.atoll.mailbox.SystemFolder;
import org.atoll.mailbox.TaskContent;
import org.atoll.mailbox.Tasks;
import org.atoll.shared.Actor;
import org.atoll.tasks.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Creates the administrator on the first start, and the demo user when asked. Both are created only when their
 * address is free, so restarts and several nodes starting together leave one of each.
 */
@Component
class FirstStart implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(FirstStart.class);
    private static final long DEMO_SEED = 20261128L;

    private final BootstrapProperties properties;
    private final Accounts accounts;
    private final Mailboxes mailboxes;
    private final Notes notes;
    private final Contacts contacts;
    private final Tasks tasks;
    private final Calendars calendars;
    private final Invitations invitations;
    private final TransactionTemplate transaction;
    private final Clock clock;

    FirstStart(
            BootstrapProperties properties,
            Accounts accounts,
            Mailboxes mailboxes,
            Notes notes,
            Contacts contacts,
            Tasks tasks,
            Calendars calendars,
            Invitations invitations,
            TransactionTemplate transaction,
            Clock clock) {
        this.notes = notes;
        this.contacts = contacts;
        this.tasks = tasks;
        this.calendars = calendars;
        this.invitations = invitations;
        this.properties = properties;
        this.accounts = accounts;
        this.mailboxes = mailboxes;
        this.transaction = transaction;
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments args) {
        createAdmin();
        if (properties.demo().enabled()) {
            createDemo();
        }
    }

    private void createAdmin() {
        String email = properties.admin().email();
        if (accounts.findByAddress(email).isPresent()) {
            return;
        }
        String password = properties.admin().password();
        boolean generated = password == null || password.isBlank();
        if (generated) {
            password = generatedPassword();
        }
        accounts.create(new NewAccount(email, "Administrator", password, Role.ADMIN, null));
        if (generated) {
            log.warn(
                    "Created the administrator {} with the generated password {} ; it is shown only this once",
                    email,
                    password);
        } else {
            log.info("Created the administrator {}", email);
        }
    }

    private void createDemo() {
        String address = "demo@" + properties.domain();
        if (accounts.findByAddress(address).isPresent()) {
            return;
        }
        transaction.executeWithoutResult(status -> {
            AccountView demo = accounts.create(
                    new NewAccount(address, "Demo User", properties.demo().password(), Role.USER, null));
            DemoDirectoryDetails details = DemoDirectoryDetails.DEMO_USER;
            accounts.setDirectoryDetails(
                    demo.id(),
                    DirectoryDetails.of(
                            details.firstName(),
                            details.lastName(),
                            details.company(),
                            details.title(),
                            details.office(),
                            details.phone(),
                            details.mobilePhone()),
                    Actor.SYSTEM);
            Map<String, Long> folderIds = new HashMap<>();
            for (SystemFolder role : SystemFolder.values()) {
                folderIds.put(
                        role.displayName(),
                        mailboxes.systemFolder(demo.id(), role).id());
            }
            for (String path : DemoCorpus.FOLDERS) {
                folderIds.computeIfAbsent(path, p -> createPath(demo.id(), p, folderIds));
            }
            for (DemoMessage message : DemoCorpus.generate(address, "Demo User", DEMO_SEED, clock.instant())) {
                long folderId = folderIds.get(message.folder());
                MessageView stored = mailboxes.deliver(demo.id(), folderId, message.mime(), message.receivedAt());
                if (message.read()) {
                    mailboxes.setRead(demo.id(), List.of(stored.id()), true);
                }
                if (message.flagged()) {
                    mailboxes.setFlag(
                            demo.id(),
                            List.of(stored.id()),
                            Flag.active(null, message.receivedAt().plusSeconds(7 * 86_400)));
                }
            }
            long notesFolder = notes.defaultFolder(demo.id()).id();
            for (DemoNotes.DemoNote note : DemoNotes.notes()) {
                notes.create(demo.id(), notesFolder, NoteContent.of(note.subject(), note.body(), note.categories()));
            }
            contacts.createAll(
                    demo.id(),
                    contacts.defaultFolder(demo.id()).id(),
                    DemoContacts.generate(DEMO_SEED, DemoContacts.SIZE).stream()
                            .map(ContactContent::new)
                            .toList());
            long tasksFolder = tasks.defaultFolder(demo.id()).id();
            for (Task task : DemoTasks.tasks(clock.instant())) {
                tasks.create(demo.id(), tasksFolder, new TaskContent(task));
            }
            long calendar = calendars.defaultFolder(demo.id()).id();
            List<CalendarEvent> events = DemoCalendar.events(address, clock.instant());
            for (CalendarEvent event : events) {
                calendars.create(demo.id(), calendar, EventContent.of(event));
            }
            for (byte[] invitation : DemoInvitations.messages(address, clock.instant())) {
                invitations.deliver(demo.id(), address, invitation, null);
            }
            log.info(
                    "Created the demo user {} with {} messages, {} notes, {} contacts, {} tasks, {} calendar events"
                            + " and {} invitations",
                    address,
                    DemoCorpus.SIZE,
                    DemoNotes.notes().size(),
                    DemoContacts.SIZE,
                    DemoTasks.SIZE,
                    events.size(),
                    DemoInvitations.SIZE);
        });
    }

    private long createPath(long accountId, String path, Map<String, Long> folderIds) {
        int slash = path.lastIndexOf('/');
        Long parent = null;
        String name = path;
        if (slash > 0) {
            String parentPath = path.substring(0, slash);
            parent = folderIds.computeIfAbsent(parentPath, p -> createPath(accountId, p, folderIds));
            name = path.substring(slash + 1);
        }
        FolderView folder = mailboxes.createFolder(accountId, parent, name, FolderType.USER_MAIL);
        return folder.id();
    }

    private static String generatedPassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
