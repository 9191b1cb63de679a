package com.skillmirror.portal.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.Dns;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

/**
 * DNS rebinding against webhooks: a receiver's name that answers with a public address when the URL is checked and
 * with one of the portal's own a moment later. The delivery's connection resolves the name through
 * {@link PublicAddressDns}, so what it connects to is what was checked: the inside address is refused at the
 * connection and nothing reaches it. A real HTTP server on loopback stands for the inside.
 */
class PublicAddressDnsTest {

    @Test
    void aNameThatTurnsInternalBetweenTheCheckAndTheConnectionIsRefusedAtTheConnection() throws Exception {
        try (Receiver inside = new Receiver()) {
            int port = URI.create(inside.url("/")).getPort();
            AtomicInteger lookups = new AtomicInteger();
            Dns rebinding = host -> lookups.incrementAndGet() == 1
                    ? List.of(InetAddress.getByName("93.184.216.34")) : List.of(InetAddress.getLoopbackAddress());
            // the check before the send sees the public answer...
            assertThat(new PublicAddressDns(rebinding, false).lookup("rebind.example"))
                    .containsExactly(InetAddress.getByName("93.184.216.34"));
            // ...and the connection, resolving again, the inside one: refused there
            OkHttpClient client = WebhookSender.client(settings(false), rebinding);
            assertThatThrownBy(() -> client.newCall(post("http://rebind.example:" + port + "/ok")).execute().close())
                    .isInstanceOf(PublicAddressDns.InternalAddressException.class)
                    .hasMessageContaining("rebind.example resolved to an internal address when connecting");
            assertThat(lookups).hasValue(2);
            assertThat(inside.next(1)).as("a request that reached the inside").isNull();

            // with private targets allowed (an on-premises receiver) the same look-up connects, so the refusal above
            // came from the check, not from a name that cannot be reached
            OkHttpClient allowed = WebhookSender.client(settings(true), host -> List.of(InetAddress.getLoopbackAddress()));
            try (Response response = allowed.newCall(post("http://rebind.example:" + port + "/ok")).execute()) {
                assertThat(response.code()).isEqualTo(200);
            }
            assertThat(inside.next(10).path()).isEqualTo("/ok");
        }
    }

    @Test
    void everyAddressOfAnAnswerIsChecked() throws Exception {
        InetAddress open = InetAddress.getByName("93.184.216.34");
        for (String inside : List.of("169.254.169.254", "10.1.2.3", "127.0.0.1", "100.64.0.1", "::1", "fd00::1",
                "::ffff:192.168.1.1")) {
            Dns mixed = host -> List.of(open, InetAddress.getByName(inside));
            assertThatThrownBy(() -> new PublicAddressDns(mixed, false).lookup("mixed.example")).as(inside)
                    .isInstanceOf(PublicAddressDns.InternalAddressException.class);
            assertThat(new PublicAddressDns(mixed, true).lookup("mixed.example")).hasSize(2);
        }
        assertThat(new PublicAddressDns(host -> List.of(open), false).lookup("open.example")).containsExactly(open);
    }

    private static Request post(String url) {
        return new Request.Builder().url(url).post(RequestBody.create("{}", MediaType.get("application/json"))).build();
    }

    private static WebhookSettings settings(boolean allowPrivateTargets) {
        return new WebhookSettings(true, Duration.ofSeconds(2), Duration.ofSeconds(30), 6, 4, Duration.ofSeconds(5),
                Duration.ofSeconds(10), allowPrivateTargets, 10, Duration.ofDays(1), Duration.ofDays(30));
    }
}
