package com.skillmirror.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** `serve` listens on loopback unless told otherwise (audit item 11: it listened on every interface). */
class ServeOptionsTest {

    @Test
    void theDefaultIsLoopbackOnPort8080() {
        assertThat(Cli.serveProperties(new String[0]))
                .containsEntry("server.address", "127.0.0.1").containsEntry("server.port", "8080");
    }

    @Test
    void hostOpensItToTheNetworkOnlyWhenAskedFor() {
        assertThat(Cli.serveProperties(new String[] {"--host", "0.0.0.0", "--port", "9090"}))
                .containsEntry("server.address", "0.0.0.0").containsEntry("server.port", "9090");
    }

    @Test
    void hostileOrMalformedValuesAreRefused() {
        assertThatThrownBy(() -> Cli.serveProperties(new String[] {"--host", "evil host; rm -rf"}))
                .hasMessageContaining("--host needs an address");
        assertThatThrownBy(() -> Cli.serveProperties(new String[] {"--port", "80x"})).hasMessageContaining("--port needs a number");
        assertThatThrownBy(() -> Cli.serveProperties(new String[] {"--listen", "x"})).hasMessageContaining("unknown option");
    }
}
