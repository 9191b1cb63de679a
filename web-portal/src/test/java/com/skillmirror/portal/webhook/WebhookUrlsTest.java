package com.skillmirror.portal.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Where a webhook may point by default: public http(s) addresses only. */
class WebhookUrlsTest {

    @Test
    void internalAddressesAreRefusedUnlessAllowed() {
        for (String url : List.of("http://127.0.0.1:8080/hook", "http://169.254.169.254/latest/meta-data/",
                "http://localhost/x", "http://[::1]/x", "http://10.0.0.7/x", "http://172.16.5.4/x", "http://192.168.1.1/x",
                "http://100.64.0.1/x", "http://0.0.0.0/x", "http://[::ffff:127.0.0.1]/x", "http://[fd00::1]/x",
                "http://[fe80::1]/x", "http://224.0.0.1/x", "http://2130706433/x")) {
            URI uri = WebhookUrls.parse(url);
            assertThatThrownBy(() -> WebhookUrls.requirePublic(uri, false)).as(url)
                    .isInstanceOf(WebhookUrls.RefusedUrl.class);
            assertThatCode(() -> WebhookUrls.requirePublic(uri, true)).as(url).doesNotThrowAnyException();
        }
        assertThatCode(() -> WebhookUrls.requirePublic(WebhookUrls.parse("https://93.184.216.34/hook"), false))
                .doesNotThrowAnyException();
    }

    @Test
    void onlyHttpUrlsWithAHostAndNoUserInfo() {
        for (String url : List.of("ftp://example.com/x", "file:///etc/passwd", "gopher://example.com/", "javascript:alert(1)",
                "http:///nohost", "https://user:secret@example.com/", "https://example.com/#frag", "", " ", "not a url",
                "https://example.com/" + "a".repeat(2000), "http://example.com:99999/", "http://example.com:0/",
                "http://example.com:65536/", "http://[fe80::1%25eth0]/hook")) {
            assertThatThrownBy(() -> WebhookUrls.parse(url)).as(url).isInstanceOf(WebhookUrls.RefusedUrl.class);
        }
        assertThat(WebhookUrls.parse("HTTPS://Example.com:8443/a?b=c").getPort()).isEqualTo(8443);
    }

    @Test
    void theDefaultSettingsRefusePrivateTargets() {
        assertThat(new org.springframework.boot.context.properties.bind.Binder(
                new org.springframework.boot.context.properties.source.MapConfigurationPropertySource())
                .bindOrCreate("skillmirror.webhooks", WebhookSettings.class).allowPrivateTargets()).isFalse();
    }
}
