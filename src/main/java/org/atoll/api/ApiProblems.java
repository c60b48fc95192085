package org.atoll.api;

import org.atoll.account.AccountException;
import org.atoll.account.AccountNotFound;
import org.atoll.account.AddressTaken;
import org.atoll.account.LastAdministrator;
import org.atoll.account.TooManyTokens;
import org.atoll.audit.InvalidAuditQuery;
import org.atoll.device.AccessRuleNotFound;
import org.atoll.device.AccessRuleTaken;
import org.atoll.device.AccountOnlyWipeUnsupported;
import org.atoll.device.DecidedByAdministrator;
import org.atoll.device.DefaultPolicyProtected;
import org.atoll.device.DeviceException;
import org.atoll.device.DeviceNotFound;
import org.atoll.device.DeviceNotQuarantined;
import org.atoll.device.PolicyNameTaken;
import org.atoll.device.PolicyNotFound;
import org.atoll.device.WipeAlreadyDone;
import org.atoll.mail.InvalidOofSettings;
import org.atoll.mailbox.ContactNotFound;
import org.atoll.mailbox.EventNotFound;
import org.atoll.mailbox.FolderNameTaken;
import org.atoll.mailbox.FolderNotFound;
import org.atoll.mailbox.InvitationLimitReached;
import org.atoll.mailbox.MailboxException;
import org.atoll.mailbox.MailboxNotFound;
import org.atoll.mailbox.MessageNotFound;
import org.atoll.mailbox.NoteNotFound;
import org.atoll.mailbox.QuotaExceeded;
import org.atoll.mailbox.SystemFolderProtected;
import org.atoll.mailbox.TaskNotFound;
import org.atoll.transfer.ImportAlreadyRunning;
import org.atoll.transfer.ImportNotFound;
import org.atoll.transfer.InvalidImport;
import org.atoll.transfer.TransferException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.TransactionException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * The one place where refusals of the modules become HTTP answers: each fact its status, as an RFC 9457 problem.
 * Spring MVC's own failures (bad JSON, unknown properties, a wrong parameter type, an invalid body) become 400
 * problems through the base class.
 */
@RestControllerAdvice(basePackageClasses = ApiProblems.class)
class ApiProblems extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiProblems.class);

    @ExceptionHandler
    ProblemDetail account(AccountException e) {
        HttpStatus status = switch (e) {
            case AccountNotFound ignored -> HttpStatus.NOT_FOUND;
            case AddressTaken ignored -> HttpStatus.CONFLICT;
            case LastAdministrator ignored -> HttpStatus.CONFLICT;
            case TooManyTokens ignored -> HttpStatus.CONFLICT;
            default -> HttpStatus.BAD_REQUEST;
        };
        return ProblemDetail.forStatusAndDetail(status, e.getMessage());
    }

    @ExceptionHandler
    ProblemDetail device(DeviceException e) {
        HttpStatus status = switch (e) {
            case DeviceNotFound ignored -> HttpStatus.NOT_FOUND;
            case PolicyNotFound ignored -> HttpStatus.NOT_FOUND;
            case AccessRuleNotFound ignored -> HttpStatus.NOT_FOUND;
            case AccountOnlyWipeUnsupported ignored -> HttpStatus.CONFLICT;
            case WipeAlreadyDone ignored -> HttpStatus.CONFLICT;
            case DeviceNotQuarantined ignored -> HttpStatus.CONFLICT;
            case DefaultPolicyProtected ignored -> HttpStatus.CONFLICT;
            case PolicyNameTaken ignored -> HttpStatus.CONFLICT;
            case AccessRuleTaken ignored -> HttpStatus.CONFLICT;
            case DecidedByAdministrator ignored -> HttpStatus.FORBIDDEN;
            default -> HttpStatus.BAD_REQUEST;
        };
        return ProblemDetail.forStatusAndDetail(status, e.getMessage());
    }

    @ExceptionHandler
    ProblemDetail mailbox(MailboxException e) {
        HttpStatus status = switch (e) {
            case MailboxNotFound ignored -> HttpStatus.NOT_FOUND;
            case FolderNotFound ignored -> HttpStatus.NOT_FOUND;
            case MessageNotFound ignored -> HttpStatus.NOT_FOUND;
            case NoteNotFound ignored -> HttpStatus.NOT_FOUND;
            case ContactNotFound ignored -> HttpStatus.NOT_FOUND;
            case TaskNotFound ignored -> HttpStatus.NOT_FOUND;
            case EventNotFound ignored -> HttpStatus.NOT_FOUND;
            case FolderNameTaken ignored -> HttpStatus.CONFLICT;
            case SystemFolderProtected ignored -> HttpStatus.CONFLICT;
            case QuotaExceeded ignored -> HttpStatus.CONFLICT;
            case InvitationLimitReached ignored -> HttpStatus.CONFLICT;
            default -> HttpStatus.BAD_REQUEST;
        };
        return ProblemDetail.forStatusAndDetail(status, e.getMessage());
    }

    @ExceptionHandler
    ProblemDetail outOfOffice(InvalidOofSettings e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    @ExceptionHandler
    ProblemDetail transfer(TransferException e) {
        HttpStatus status = switch (e) {
            case ImportNotFound ignored -> HttpStatus.NOT_FOUND;
            case ImportAlreadyRunning ignored -> HttpStatus.CONFLICT;
            case InvalidImport ignored -> HttpStatus.BAD_REQUEST;
        };
        return ProblemDetail.forStatusAndDetail(status, e.getMessage());
    }

    @ExceptionHandler
    ProblemDetail administratorsOnly(AdministratorsOnly e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, e.getMessage());
    }

    @ExceptionHandler
    ProblemDetail audit(InvalidAuditQuery e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    @ExceptionHandler
    ProblemDetail request(InvalidApiRequest e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    @ExceptionHandler
    ProblemDetail hidden(NotVisible e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
    }

    /**
     * The database could not be reached, timed out or refused the write (restarting, read-only): the transaction
     * rolled back, so nothing was changed, and the same request may be sent again.
     */
    @ExceptionHandler({DataAccessException.class, TransactionException.class})
    ResponseEntity<ProblemDetail> databaseUnavailable(RuntimeException e) {
        log.warn("An API request met an unavailable database: {}", e.toString());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, "5")
                .body(ProblemDetail.forStatusAndDetail(
                        HttpStatus.SERVICE_UNAVAILABLE, "The database is unavailable; nothing was changed, try again"));
    }

    /** A failure no rule above names is a bug: logged, and answered without its details. */
    @ExceptionHandler
    ProblemDetail unexpected(RuntimeException e) {
        log.error("Unexpected failure of an API request", e);
        return ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR, "The server failed unexpectedly");
    }
}
