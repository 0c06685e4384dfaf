package dev.shipshape.backup.internal;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Time zone names as Go's {@code time.LoadLocation} reads them, which robfig/cron calls for a {@code CRON_TZ=} or
 * {@code TZ=} prefix: {@code ""} and {@code "UTC"} are UTC, {@code "Local"} is the zone of the Velero server's
 * process, anything else must name a file of the tz database, case and all. Offsets ({@code +02:00}, {@code Z},
 * {@code UTC+2}, {@code GMT+2}), which {@link ZoneId#of} takes, are no such names.
 */
final class GoLocations {
  /** Go's name for the process's own zone. */
  static final String LOCAL = "Local";
  /** Names of the tz database that Java's region ids lack, with the zone they stand for. */
  private static final Map<String, ZoneId> GO_ONLY = Map.of("EST", ZoneOffset.ofHours(-5),
      "MST", ZoneOffset.ofHours(-7), "HST", ZoneOffset.ofHours(-10), "GMT+0", ZoneOffset.UTC,
      "GMT-0", ZoneOffset.UTC);
  private static final Set<String> REGIONS = ZoneId.getAvailableZoneIds();

  private GoLocations() {}

  /**
   * The zone Velero computes {@code name}'s runs in; empty when Go refuses the name. {@code Local} is UTC, the zone
   * of Velero's container image unless its pod sets {@code TZ}.
   */
  static Optional<ZoneId> load(String name) {
    if (name.isEmpty() || name.equals("UTC") || name.equals(LOCAL)) return Optional.of(ZoneOffset.UTC);
    if (GO_ONLY.containsKey(name)) return Optional.of(GO_ONLY.get(name));
    // Java still knows the SystemV zones, which the tz database dropped.
    if (!REGIONS.contains(name) || name.startsWith("SystemV/")) return Optional.empty();
    return Optional.of(ZoneId.of(name));
  }

  /** Why Velero refuses {@code name}, in words that complete "the schedule …". */
  static String unknown(String name) {
    String message = "names an unknown time zone '" + name + "' (use an IANA name such as 'Europe/Berlin')";
    if (name.matches("(?i)(utc|gmt|ut)?[+-].*|z")) {
      message += ": Go's time.LoadLocation, which Velero's cron library calls, takes tz database names, not UTC"
          + " offsets, and Velero marks the schedule FailedValidation; for a fixed offset such as +02:00 write"
          + " 'Etc/GMT-2' (the sign of the Etc/GMT names is inverted)";
    }
    return message;
  }

  /** The warning for {@code CRON_TZ=Local}. */
  static CronSchedule.Note localNote() {
    return new CronSchedule.Note("runs in the zone 'Local', which Go reads as the zone of the Velero server's"
        + " process: UTC in Velero's image unless its pod sets TZ, so the times change with the Velero deployment"
        + " (they are checked here as UTC)", "name the zone, such as 'CRON_TZ=UTC ' or 'CRON_TZ=Europe/Berlin '");
  }
}
