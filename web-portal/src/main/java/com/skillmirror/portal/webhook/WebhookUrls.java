package com.skillmirror.portal.webhook;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Where a webhook may point (server-side request forgery): http or https, a host, no user info, no more than 2000
 * characters; unless private targets are allowed, no address of the portal's own networks: loopback, unspecified,
 * link-local (cloud metadata at 169.254.169.254), private (10/8, 172.16/12, 192.168/16, fc00::/7), carrier-grade NAT
 * (100.64/10), multicast, 0/8 and broadcast. The host is resolved when the webhook is registered and again before each
 * send, so a name that later points inside is refused then, and the connection checks the addresses it connects to
 * ({@link PublicAddressDns}); redirects are never followed.
 */
final class WebhookUrls {

    static final int MAX_LENGTH = 2000;

    private WebhookUrls() {
    }

    /** Thrown for a URL that is malformed or points where webhooks may not go. */
    static final class RefusedUrl extends IllegalArgumentException {
        RefusedUrl(String message) {
            super(message);
        }
    }

    /** The URL as it will be called, checked for its shape (not its addresses). */
    static URI parse(String url) {
        if (url == null || url.isBlank() || url.length() > MAX_LENGTH) {
            throw new RefusedUrl("Give the webhook's URL (http or https, at most " + MAX_LENGTH + " characters).");
        }
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw new RefusedUrl("The webhook's URL is not a valid URL.");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new RefusedUrl("A webhook's URL must start with http:// or https://.");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new RefusedUrl("The webhook's URL has no host name.");
        }
        if (uri.getRawUserInfo() != null) {
            throw new RefusedUrl("A webhook's URL may not carry a user name or password; the signature authenticates"
                    + " the sender.");
        }
        if (uri.getRawFragment() != null) {
            throw new RefusedUrl("A webhook's URL may not have a fragment (#...).");
        }
        if (uri.getPort() != -1 && (uri.getPort() < 1 || uri.getPort() > 65535)) {
            throw new RefusedUrl("The webhook's URL has no valid port (1 to 65535).");
        }
        // the sender's HTTP client must be able to call it (it reads some URLs java.net.URI takes, e.g. a scoped
        // IPv6 host, as no URL at all)
        if (okhttp3.HttpUrl.get(uri) == null) {
            throw new RefusedUrl("The webhook's URL is not a valid URL.");
        }
        return uri;
    }

    /** Resolves the host and refuses it when any of its addresses is internal (unless allowed). */
    static void requirePublic(URI uri, boolean allowPrivate) {
        if (allowPrivate) {
            return;
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(uri.getHost());
        } catch (UnknownHostException e) {
            throw new RefusedUrl("The webhook's host name does not resolve.");
        }
        for (InetAddress address : addresses) {
            if (internal(address)) {
                throw new RefusedUrl("The webhook's host " + cut(uri.getHost())
                        + " resolves to an internal address; webhooks go to public addresses only.");
            }
        }
    }

    static String cut(String host) {
        return host.length() > 100 ? host.substring(0, 100) + "..." : host;
    }

    static boolean internal(InetAddress a) {
        if (a.isLoopbackAddress() || a.isAnyLocalAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress()
                || a.isMulticastAddress()) {
            return true;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first == 0 || first == 127 || (first == 100 && second >= 64 && second < 128)
                    || (first == 192 && second == 0 && (b[2] & 0xff) == 0) || (first == 198 && (second == 18 || second == 19))
                    || first >= 240;
        }
        if (a instanceof Inet6Address) {
            int first = b[0] & 0xff;
            // unique local fc00::/7; IPv4-compatible/mapped forms of internal IPv4 addresses
            if ((first & 0xfe) == 0xfc) {
                return true;
            }
            boolean zeros = true;
            for (int i = 0; i < 10; i++) {
                zeros &= b[i] == 0;
            }
            if (zeros && ((b[10] == 0 && b[11] == 0) || (b[10] == (byte) 0xff && b[11] == (byte) 0xff))) {
                try {
                    return internal(InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}));
                } catch (UnknownHostException e) {
                    return true;
                }
            }
        }
        return false;
    }
}
