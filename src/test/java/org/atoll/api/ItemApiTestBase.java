package org.atoll.api;

import org.atoll.account.AccountView;
import org.atoll.account.Accounts;
import org.atoll.device.Devices;
import org.atoll.mailbox.Mailboxes;
import org.atoll.push.Parking;
import org.atoll.support.ApiClient;
import org.atoll.support.FolderPhone;
import org.atoll.support.TestAccounts;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What the tests of the contacts, tasks and notes resources share: before each test an account of its own, a client
 * signed in as it and the resource's path under it; and a phone that has synced one of its folders.
 */
abstract class ItemApiTestBase {

    static final String PASSWORD = AccountsApiTest.PASSWORD;

    private final String ownerName;
    private final String resource;

    @LocalServerPort
    int port;

    @Autowired
    Accounts accounts;

    @Autowired
    Mailboxes mailboxes;

    @Autowired
    Devices devices;

    @Autowired
    Parking parking;

    AccountView owner;
    ApiClient client;
    String base;

    /**
     * @param ownerName how the account of each test is named
     * @param resource the resource's path under the account: {@code contacts}, {@code tasks}, {@code notes}
     */
    ItemApiTestBase(String ownerName, String resource) {
        this.ownerName = ownerName;
        this.resource = resource;
    }

    @BeforeEach
    final void openOwner() {
        owner = TestAccounts.open(accounts, ownerName);
        client = ApiClient.basic(port, owner.address(), PASSWORD);
        base = "/api/v1/accounts/" + owner.id() + "/" + resource;
    }

    /** A phone of the owner's that has synced the folder to its end. */
    FolderPhone syncedPhone(String deviceId, long folderId) throws Exception {
        return FolderPhone.synced(port, owner, PASSWORD, deviceId, folderId);
    }

    /** A folder of the owner's that holds mail, not items of the resource's class. */
    long mailFolder() {
        return mailboxes.folders(owner.id()).getFirst().id();
    }
}
