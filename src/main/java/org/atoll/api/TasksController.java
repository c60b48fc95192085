package org.atoll.api;

import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import org.atoll.account.AccountView;
import org.atoll.account.Accounts;
import org.atoll.api.TaskDtos.TaskDto;
import org.atoll.api.TaskDtos.WriteTask;
import org.atoll.mailbox.TaskContent;
import org.atoll.mailbox.TaskView;
import org.atoll.mailbox.Tasks;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * An account's tasks: the caller's own, or for an administrator any account's. Every change goes through
 * {@link Tasks}, so it is journaled and reaches every device of the account like a change made on a device.
 */
@RestController
@RequestMapping("/api/v1/accounts/{accountId}/tasks")
class TasksController {

    private final Tasks tasks;
    private final Accounts accounts;

    TasksController(Tasks tasks, Accounts accounts) {
        this.tasks = tasks;
        this.accounts = accounts;
    }

    @GetMapping
    Pages<TaskDto> list(
            @AuthenticationPrincipal AccountView caller,
            @PathVariable long accountId,
            @RequestParam(required = false) @Nullable Long folderId,
            @RequestParam(required = false) @Nullable String q,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        Caller.requireAccount(caller, accountId, accounts);
        Pages.checkSearch(page, size, q, "tasks");
        return Pages.of(tasks.page(accountId, folderId, q, page, size), TaskDto::of);
    }

    @PostMapping
    ResponseEntity<TaskDto> create(
            @AuthenticationPrincipal AccountView caller,
            @PathVariable long accountId,
            @Valid @RequestBody WriteTask body) {
        Caller.requireAccount(caller, accountId, accounts);
        TaskContent content = body.content();
        long folderId = body.folderId() == null ? tasks.defaultFolder(accountId).id() : body.folderId();
        TaskView task = tasks.create(accountId, folderId, content);
        return ResponseEntity.created(URI.create("/api/v1/accounts/" + accountId + "/tasks/" + task.id()))
                .body(TaskDto.of(task));
    }

    @GetMapping("/{taskId}")
    TaskDto get(@AuthenticationPrincipal AccountView caller, @PathVariable long accountId, @PathVariable long taskId) {
        Caller.requireAccount(caller, accountId, accounts);
        return TaskDto.of(tasks.task(accountId, taskId));
    }

    /** Replaces the whole task; it stays in its folder. */
    @PutMapping("/{taskId}")
    TaskDto update(
            @AuthenticationPrincipal AccountView caller,
            @PathVariable long accountId,
            @PathVariable long taskId,
            @Valid @RequestBody WriteTask body) {
        Caller.requireAccount(caller, accountId, accounts);
        return TaskDto.of(tasks.update(accountId, taskId, body.content()));
    }

    @DeleteMapping("/{taskId}")
    ResponseEntity<Void> delete(
            @AuthenticationPrincipal AccountView caller, @PathVariable long accountId, @PathVariable long taskId) {
        Caller.requireAccount(caller, accountId, accounts);
        tasks.task(accountId, taskId);
        tasks.delete(accountId, List.of(taskId));
        return ResponseEntity.status(HttpStatus.NO_CONTENT).build();
    }
}
