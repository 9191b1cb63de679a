package com.skillmirror.job;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.config.MeterFilter;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Keeps Spring Batch's step meters bounded: a partition's step execution is named {@code workerStep:partition}, and
 * our partitions are named by video (and segment), so the step-name tags of {@code spring.batch.step} and of the item
 * and chunk observations would get a value per video. They are cut to the worker step's name ({@code poseWorker});
 * the execution ids stay out of meters anyway (high-cardinality key values).
 */
@Component
class PartitionStepNames implements MeterFilter {

    @Override
    public Meter.Id map(Meter.Id id) {
        if (!id.getName().startsWith("spring.batch.")) {
            return id;
        }
        List<Tag> tags = new ArrayList<>();
        boolean changed = false;
        for (Tag tag : id.getTagsAsIterable()) {
            int partition = tag.getValue().indexOf(':');
            if (tag.getKey().endsWith("step.name") && partition > 0) {
                tags.add(Tag.of(tag.getKey(), tag.getValue().substring(0, partition)));
                changed = true;
            } else {
                tags.add(tag);
            }
        }
        return changed ? id.replaceTags(tags) : id;
    }
}
