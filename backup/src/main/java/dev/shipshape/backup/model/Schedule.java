package dev.shipshape.backup.model;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;

/** A Velero Schedule: a backup template run on a cron schedule. */
@Group("velero.io")
@Version("v1")
@Plural("schedules")
public class Schedule extends CustomResource<ScheduleSpec, ScheduleStatus> implements Namespaced {
  private static final long serialVersionUID = 1L;
}
