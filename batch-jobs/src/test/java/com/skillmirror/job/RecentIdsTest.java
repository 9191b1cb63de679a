package com.skillmirror.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RecentIdsTest {

    @Test
    void keepsOnlyTheMostRecentIds() {
        RecentIds ids = new RecentIds(3);
        for (long id = 1; id <= 5; id++) {
            ids.add(id);
        }
        assertThat(ids.size()).isEqualTo(3);
        assertThat(ids.contains(1)).isFalse();
        assertThat(ids.contains(2)).isFalse();
        assertThat(ids.contains(3)).isTrue();
        assertThat(ids.contains(5)).isTrue();
    }

    @Test
    void addingAnIdAgainDoesNotGrowIt() {
        RecentIds ids = new RecentIds(2);
        ids.add(7);
        ids.add(7);
        ids.add(8);
        assertThat(ids.size()).isEqualTo(2);
        assertThat(ids.contains(7)).isTrue();
    }

    @Test
    void refusesANonPositiveCapacity() {
        assertThatThrownBy(() -> new RecentIds(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
