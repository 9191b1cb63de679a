package com.skillmirror.portal.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.skillmirror.kinematics.Angle;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Which exception texts reach a client: sentences our code wrote do, a library's internals never do. */
class ClientMessagesTest {

    @Test
    void aLibrarysTextIsReplacedByThePlainRequestToCheckTheInput() {
        IllegalArgumentException uuid = catchThrowableOfType(IllegalArgumentException.class,
                () -> UUID.fromString("<script>alert(1)</script>"));
        // a NumberFormatException is an IllegalArgumentException too, thrown from inside java.lang
        IllegalArgumentException number = catchThrowableOfType(IllegalArgumentException.class,
                () -> Integer.parseInt("12; DROP TABLE video"));

        assertThat(ClientMessages.of(uuid)).isEqualTo(ClientMessages.GENERIC).doesNotContain("script");
        assertThat(ClientMessages.of(number)).isEqualTo(ClientMessages.GENERIC).doesNotContain("DROP");
    }

    @Test
    void aSentenceOurCodeWroteReachesTheClientAsWritten() {
        IllegalArgumentException ours = catchThrowableOfType(IllegalArgumentException.class,
                () -> Angle.byKey("elbow_wobble"));

        assertThat(ClientMessages.of(ours)).isEqualTo("No angle named elbow_wobble");
    }

    @Test
    void ourExceptionWithoutATextGetsThePlainRequestToo() {
        assertThat(ClientMessages.of(new IllegalArgumentException())).isEqualTo(ClientMessages.GENERIC);
    }
}
