package com.skillmirror.portal.live;

import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * skillmirror.live.*
 *
 * @param accessRecheck how often an open live-progress socket checks that its account may still see the upload: a
 *                      deleted account, a changed role or a removal from the team ends the stream within this time
 */
@ConfigurationProperties("skillmirror.live")
@Validated
record LiveSettings(@DefaultValue("60s") @DurationMin(seconds = 1) Duration accessRecheck) {
}
