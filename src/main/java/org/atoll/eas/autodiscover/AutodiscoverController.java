package org.atoll.eas.autodiscover;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.atoll.account.AccountView;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Autodiscover for mobile devices (MS-ASCMD 2.2.1.1), plain old XML over HTTP: a signed-in device asks for its own
 * address and learns the URL of this server's ActiveSync endpoint.
 */
@RestController
class AutodiscoverController {

    static final String RESPONSE_NAMESPACE = "http://schemas.microsoft.com/exchange/autodiscover/responseschema/2006";
    static final String MOBILESYNC_NAMESPACE =
            "http://schemas.microsoft.com/exchange/autodiscover/mobilesync/responseschema/2006";
    private static final String INVALID_REQUEST = "Invalid Request";

    private final ActiveSyncUrl url;

    AutodiscoverController(ActiveSyncUrl url) {
        this.url = url;
    }

    /** A GET, or a POST without a body, is answered as Exchange answers it: error 600, Invalid Request. */
    @GetMapping(path = {"/autodiscover/autodiscover.xml", "/Autodiscover/Autodiscover.xml"})
    ResponseEntity<String> withoutRequest(@AuthenticationPrincipal AccountView account) {
        if (!account.enabled()) {
            return ResponseEntity.status(HttpStatus.FORBIDDEN).build();
        }
        return xml(HttpStatus.OK, error(600, INVALID_REQUEST));
    }

    @PostMapping(path = {"/autodiscover/autodiscover.xml", "/Autodiscover/Autodiscover.xml"})
    ResponseEntity<String> autodiscover(@AuthenticationPrincipal AccountView account, HttpServletRequest request)
            throws IOException {
        if (!account.enabled()) {
            return ResponseEntity.status(HttpStatus.FORBIDDEN).build();
        }
        AutodiscoverRequest parsed;
        try {
            byte[] body = readBounded(request.getInputStream());
            if (body.length == 0) {
                return xml(HttpStatus.OK, error(600, INVALID_REQUEST));
            }
            parsed = AutodiscoverRequest.parse(body);
        } catch (AutodiscoverRequest.Malformed e) {
            return ResponseEntity.badRequest().contentType(MediaType.TEXT_PLAIN).body(e.getMessage());
        }
        if (!MOBILESYNC_NAMESPACE.equals(parsed.acceptableResponseSchema())) {
            return xml(HttpStatus.OK, error(600, INVALID_REQUEST));
        }
        if (!account.address().equals(parsed.emailAddress().toLowerCase(Locale.ROOT))) {
            return ResponseEntity.status(HttpStatus.FORBIDDEN).build();
        }
        return xml(HttpStatus.OK, settings(account, url.of(request)));
    }

    private static byte[] readBounded(InputStream in) throws IOException, AutodiscoverRequest.Malformed {
        byte[] body = in.readNBytes(AutodiscoverRequest.MAX_BYTES + 1);
        if (body.length > AutodiscoverRequest.MAX_BYTES) {
            throw new AutodiscoverRequest.Malformed(
                    "An Autodiscover request has at most " + AutodiscoverRequest.MAX_BYTES + " bytes");
        }
        return body;
    }

    private static ResponseEntity<String> xml(HttpStatus status, String body) {
        return ResponseEntity.status(status)
                .contentType(new MediaType("text", "xml", StandardCharsets.UTF_8))
                .body(body);
    }

    private static String settings(AccountView account, String url) {
        return """
                <?xml version="1.0" encoding="utf-8"?>
                <Autodiscover xmlns="%s">
                  <Response xmlns="%s">
                    <Culture>en:us</Culture>
                    <User>
                      <DisplayName>%s</DisplayName>
                      <EMailAddress>%s</EMailAddress>
                    </User>
                    <Action>
                      <Settings>
                        <Server>
                          <Type>MobileSync</Type>
                          <Url>%s</Url>
                          <Name>%s</Name>
                        </Server>
                      </Settings>
                    </Action>
                  </Response>
                </Autodiscover>
                """.formatted(
                        RESPONSE_NAMESPACE,
                        MOBILESYNC_NAMESPACE,
                        escape(account.displayName()),
                        escape(account.address()),
                        escape(url),
                        escape(url));
    }

    private static String error(int code, String message) {
        return """
                <?xml version="1.0" encoding="utf-8"?>
                <Autodiscover xmlns="%s">
                  <Response>
                    <Error>
                      <ErrorCode>%d</ErrorCode>
                      <Message>%s</Message>
                      <DebugData/>
                    </Error>
                  </Response>
                </Autodiscover>
                """.formatted(RESPONSE_NAMESPACE, code, escape(message));
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;")
                .replace("'", "&apos;");
    }
}
