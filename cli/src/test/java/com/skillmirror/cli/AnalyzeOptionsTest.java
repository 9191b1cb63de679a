package com.skillmirror.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.skillmirror.upload.AthletePoint;
import org.junit.jupiter.api.Test;

/** `analyze --athlete-at X,Y`: a point on the thumbnail, numbers between 0 and 1 only. */
class AnalyzeOptionsTest {

    @Test
    void readsThePoint() {
        AnalyzeCommand.Options options = AnalyzeCommand.Options.parse(new String[] {"--athlete-at", "0.52,0.4", "a.mp4"});
        assertThat(options.athleteAt()).isEqualTo(new AthletePoint(0.52, 0.4));
        assertThat(AnalyzeCommand.Options.parse(new String[] {"a.mp4"}).athleteAt()).isNull();
    }

    @Test
    void refusesWhatIsNotAPointOnTheThumbnail() {
        for (String bad : new String[] {"1.5,0.2", "0.5", "NaN,0.1", "1e-1,0.2", "-0.1,0.5", "0.5;0.5", "x,y"}) {
            assertThatThrownBy(() -> AnalyzeCommand.Options.parse(new String[] {"--athlete-at", bad, "a.mp4"}))
                    .as(bad).isInstanceOf(Cli.UsageException.class)
                    .hasMessageStartingWith("--athlete-at: The athlete point")
                    .hasMessageContaining("between 0 and 1");
        }
        assertThatThrownBy(() -> AnalyzeCommand.Options.parse(new String[] {"a.mp4", "--athlete-at"}))
                .isInstanceOf(Cli.UsageException.class).hasMessageContaining("needs a value");
    }
}
