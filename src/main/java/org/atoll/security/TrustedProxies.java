package org.atoll.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The client's address behind a trusted proxy: when the peer is one of {@code atoll.security.trusted-proxies}, the
 * request's remote address becomes the right-most {@code X-Forwarded-For} entry that is not itself a trusted proxy
 * (each proxy appends the address it received the request from, so entries further left are the client's to
 * choose). From any other peer the header is ignored. Runs before every security chain, so sign-in back-off, the
 * audit trail and logs all see the same address.
 */
final class TrustedProxies extends OncePerRequestFilter {

    static final String HEADER = "X-Forwarded-For";

    /** An address or CIDR block; a bare address is a block of one. */
    record Block(byte[] prefix, int bits) {

        static Block parse(String text) {
            String trimmed = text.strip();
            int slash = trimmed.indexOf('/');
            InetAddress address = literal(slash < 0 ? trimmed : trimmed.substring(0, slash))
                    .orElseThrow(() -> new IllegalArgumentException(
                            "atoll.security.trusted-proxies: not an address or CIDR block: " + trimmed));
            int max = address.getAddress().length * 8;
            int bits;
            try {
                bits = slash < 0 ? max : Integer.parseInt(trimmed.substring(slash + 1));
            } catch (NumberFormatException e) {
                bits = -1;
            }
            if (bits < 0 || bits > max) {
                throw new IllegalArgumentException(
                        "atoll.security.trusted-proxies: the prefix length of " + trimmed + " is not 0 to " + max);
            }
            return new Block(address.getAddress(), bits);
        }

        boolean contains(InetAddress address) {
            byte[] bytes = address.getAddress();
            if (bytes.length != prefix.length) {
                return false;
            }
            for (int bit = 0; bit < bits; bit++) {
                int mask = 0x80 >>> (bit % 8);
                if ((bytes[bit / 8] & mask) != (prefix[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }

    private final List<Block> proxies;

    TrustedProxies(List<String> proxies) {
        this.proxies = proxies.stream().map(Block::parse).toList();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String peer = request.getRemoteAddr();
        String client = client(peer, Collections.list(request.getHeaders(HEADER)));
        if (client.equals(peer)) {
            chain.doFilter(request, response);
            return;
        }
        chain.doFilter(
                new HttpServletRequestWrapper(request) {
                    @Override
                    public String getRemoteAddr() {
                        return client;
                    }

                    @Override
                    public String getRemoteHost() {
                        return client;
                    }
                },
                response);
    }

    /** The client's address: the peer's, unless a trusted peer forwarded the request. */
    String client(String peer, List<String> forwardedFor) {
        Optional<InetAddress> hop = literal(peer);
        if (hop.isEmpty() || !trusted(hop.get())) {
            return peer;
        }
        List<String> hops = new ArrayList<>();
        for (String header : forwardedFor) {
            for (String entry : header.split(",", -1)) {
                hops.add(entry.strip());
            }
        }
        String client = peer;
        for (int i = hops.size() - 1; i >= 0; i--) {
            hop = literal(hops.get(i));
            if (hop.isEmpty()) {
                break;
            }
            client = hop.get().getHostAddress();
            if (!trusted(hop.get())) {
                break;
            }
        }
        return client;
    }

    private boolean trusted(InetAddress address) {
        return proxies.stream().anyMatch(block -> block.contains(address));
    }

    /** An IP address literal; never a name, so no lookup. */
    private static Optional<InetAddress> literal(String text) {
        if (text.isEmpty() || text.length() > 45) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.ofLiteral(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
