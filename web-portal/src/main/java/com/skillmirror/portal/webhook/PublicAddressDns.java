package com.skillmirror.portal.webhook;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import okhttp3.Dns;

/**
 * The name look-up a webhook delivery connects with: every address of the receiver's host is checked right there
 * ({@link WebhookUrls#internal}), so the connection goes only to addresses that were checked. A name that answers
 * with a public address when the URL is checked and with an internal one a moment later (DNS rebinding) is refused
 * at the connection, not only at the check. Host names that are IP literals do not come here (the client connects
 * to them directly); {@link WebhookUrls#requirePublic} refuses those before each send.
 */
final class PublicAddressDns implements Dns {

    /** The host resolved to an internal address at the moment of connecting. */
    static final class InternalAddressException extends UnknownHostException {
        InternalAddressException(String message) {
            super(message);
        }
    }

    private final Dns resolver;
    private final boolean allowPrivate;

    PublicAddressDns(Dns resolver, boolean allowPrivate) {
        this.resolver = resolver;
        this.allowPrivate = allowPrivate;
    }

    @Override
    public List<InetAddress> lookup(String host) throws UnknownHostException {
        List<InetAddress> addresses = resolver.lookup(host);
        if (!allowPrivate) {
            for (InetAddress address : addresses) {
                if (WebhookUrls.internal(address)) {
                    throw new InternalAddressException("The webhook's host " + WebhookUrls.cut(host)
                            + " resolved to an internal address when connecting; webhooks go to public addresses only.");
                }
            }
        }
        return addresses;
    }
}
