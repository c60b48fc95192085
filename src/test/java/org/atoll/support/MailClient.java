package org.atoll.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.atoll.wbxml.CodePage;
import org.atoll.wbxml.WbxmlElement;

/**
 * A mail client's view of Email collections, kept the way a device keeps it: it applies each Sync response's
 * commands to its own copy and fails the test on anything a real client could not apply (an Add of an item it
 * holds, a Change or Delete of one it does not).
 */
public final class MailClient {

    public static final CodePage A = CodePage.AIRSYNC;
    public static final CodePage EMAIL = CodePage.EMAIL;

    /** One item as the client holds it. */
    public record Item(String subject, boolean read, String flagStatus, List<String> categories) {}

    private final EasDevice device;
    private final Map<Long, String> keys = new LinkedHashMap<>();
    private final Map<Long, Map<String, Item>> folders = new LinkedHashMap<>();

    public MailClient(EasDevice device) {
        this.device = device;
    }

    public EasDevice device() {
        return device;
    }

    public String key(long folderId) {
        return keys.getOrDefault(folderId, "0");
    }

    public Map<String, Item> items(long folderId) {
        return folders.computeIfAbsent(folderId, id -> new LinkedHashMap<>());
    }

    /** Key 0 then Syncs until nothing more is available; returns how many Sync requests it took after key 0. */
    public int syncFully(long folderId, int windowSize) throws Exception {
        if (!keys.containsKey(folderId)) {
            WbxmlElement first = collection(sync(folderId, "0", c -> c.add("WindowSize", "" + windowSize)));
            assertThat(first.text("Status")).hasValue("1");
            assertThat(first.child("Commands")).as("key 0 carries no items").isEmpty();
            apply(folderId, first);
        }
        int requests = 0;
        boolean more;
        do {
            WbxmlElement collection = syncOnce(folderId, c -> c.add("WindowSize", "" + windowSize));
            more = collection.child("MoreAvailable").isPresent();
            requests++;
        } while (more);
        return requests;
    }

    /** One Sync of the collection with the current key, applied to the client's copy. */
    public WbxmlElement syncOnce(long folderId, Consumer<WbxmlElement> extra) throws Exception {
        WbxmlElement collection = collection(sync(folderId, key(folderId), extra));
        assertThat(collection.text("Status")).as("collection status").hasValue("1");
        apply(folderId, collection);
        return collection;
    }

    /** Sends one Sync request for one collection and returns the whole response; the caller applies it. */
    public WbxmlElement sync(long folderId, String syncKey, Consumer<WbxmlElement> extra) throws Exception {
        WbxmlElement collection =
                WbxmlElement.of(A, "Collection").add("SyncKey", syncKey).add("CollectionId", Long.toString(folderId));
        extra.accept(collection);
        return device.send(
                "Sync",
                WbxmlElement.of(A, "Sync").add(WbxmlElement.of(A, "Collections").add(collection)));
    }

    public static WbxmlElement collection(WbxmlElement response) {
        assertThat(response.text("Status")).as("Sync status").isEmpty();
        return response.child("Collections").orElseThrow().child("Collection").orElseThrow();
    }

    /** Applies a response's collection to the client's copy, as a device would. */
    public void apply(long folderId, WbxmlElement collection) {
        collection.text("SyncKey").ifPresent(key -> keys.put(folderId, key));
        Map<String, Item> items = items(folderId);
        for (WbxmlElement command :
                collection.child("Commands").map(WbxmlElement::children).orElse(List.of())) {
            String serverId = command.text("ServerId").orElseThrow();
            switch (command.name()) {
                case "Add" -> {
                    assertThat(items).as("Add of an item already held").doesNotContainKey(serverId);
                    items.put(serverId, item(command.child("ApplicationData").orElseThrow(), null));
                }
                case "Change" -> {
                    assertThat(items).as("Change of an item not held").containsKey(serverId);
                    items.put(serverId, item(command.child("ApplicationData").orElseThrow(), items.get(serverId)));
                }
                case "Delete", "SoftDelete" -> {
                    assertThat(items).as("Delete of an item not held").containsKey(serverId);
                    items.remove(serverId);
                }
                default -> throw new AssertionError("Unknown command " + command.name());
            }
        }
    }

    /** Sends the client's own changes for items it holds, applying them to its copy as a device does. */
    public WbxmlElement change(long folderId, List<WbxmlElement> commands) throws Exception {
        WbxmlElement response = sync(folderId, key(folderId), c -> {
            WbxmlElement list = WbxmlElement.of(A, "Commands");
            commands.forEach(list::add);
            c.add(list);
        });
        for (WbxmlElement command : commands) {
            String serverId = command.text("ServerId").orElseThrow();
            if (command.name().equals("Delete")) {
                items(folderId).remove(serverId);
            } else if (command.name().equals("Change")) {
                items(folderId)
                        .put(
                                serverId,
                                item(
                                        command.child("ApplicationData").orElseThrow(),
                                        items(folderId).get(serverId)));
            }
        }
        WbxmlElement collection = collection(response);
        apply(folderId, collection);
        return collection;
    }

    public static WbxmlElement markRead(String serverId, boolean read) {
        return WbxmlElement.of(A, "Change")
                .add("ServerId", serverId)
                .add(WbxmlElement.of(A, "ApplicationData").add(EMAIL, "Read", read ? "1" : "0"));
    }

    public static WbxmlElement flag(String serverId) {
        return WbxmlElement.of(A, "Change")
                .add("ServerId", serverId)
                .add(WbxmlElement.of(A, "ApplicationData")
                        .add(WbxmlElement.of(EMAIL, "Flag").add("Status", "2").add("FlagType", "for Follow Up")));
    }

    public static WbxmlElement delete(String serverId) {
        return WbxmlElement.of(A, "Delete").add("ServerId", serverId);
    }

    /** Moves items with MoveItems and applies the answer to the client's copy; returns the new ServerIds. */
    public List<String> move(long from, long to, List<String> serverIds) throws Exception {
        WbxmlElement request = WbxmlElement.of(CodePage.MOVE, "MoveItems");
        for (String serverId : serverIds) {
            request.add(WbxmlElement.of(CodePage.MOVE, "Move")
                    .add("SrcMsgId", serverId)
                    .add("SrcFldId", Long.toString(from))
                    .add("DstFldId", Long.toString(to)));
        }
        WbxmlElement response = device.send("MoveItems", request);
        List<String> moved = new ArrayList<>();
        for (WbxmlElement answer : response.children("Response")) {
            assertThat(answer.text("Status")).as("MoveItems status").hasValue("3");
            String source = answer.text("SrcMsgId").orElseThrow();
            String target = answer.text("DstMsgId").orElseThrow();
            Item item = items(from).remove(source);
            if (keys.containsKey(to)) {
                items(to).put(target, item);
            }
            moved.add(target);
        }
        return moved;
    }

    private static Item item(WbxmlElement data, Item before) {
        String subject = data.text(EMAIL, "Subject").orElse(before == null ? "" : before.subject());
        boolean read = data.text(EMAIL, "Read").map("1"::equals).orElse(before != null && before.read());
        String flag = data.child(EMAIL, "Flag")
                .map(f -> f.text(EMAIL, "Status").orElse("0"))
                .orElse(before == null ? "0" : before.flagStatus());
        List<String> categories = data.child(EMAIL, "Categories")
                .map(c -> c.children(EMAIL, "Category").stream()
                        .map(e -> e.text().orElse(""))
                        .toList())
                .orElse(before == null ? List.of() : before.categories());
        return new Item(subject, read, flag, categories);
    }
}
