package com.skillmirror.pose.step;

import com.skillmirror.pose.PoseModels;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.stereotype.Component;

/**
 * The pose models this app analyses with, in {@code /actuator/info}: the package and version they come from, the
 * configured landmark model and the files (a skill may ask for another model; its file is from the same package).
 */
@Component
class PoseModelsInfo implements InfoContributor {

    private final PoseSettings settings;

    PoseModelsInfo(PoseSettings settings) {
        this.settings = settings;
    }

    @Override
    public void contribute(Info.Builder builder) {
        Map<String, Object> pose = new LinkedHashMap<>();
        pose.put("package", PoseModels.NPM_PACKAGE);
        pose.put("version", PoseModels.NPM_VERSION);
        pose.put("model", settings.model().name());
        pose.put("detector", PoseModels.DETECTOR_FILE);
        pose.put("landmarkModel", settings.model().fileName());
        builder.withDetail("pose", pose);
    }
}
