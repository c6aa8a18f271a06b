package io.berth.daemon.api;

import io.berth.engine.mount.MountPoint;
import io.berth.engine.volume.Volume;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Volumes and mount points in the Engine API's JSON shapes (volume.Volume, container.MountPoint). */
final class VolumeJson {
  private VolumeJson() {}

  /** A volume as inspect and ls show it; {@code usage} adds UsageData (system df). */
  static Map<String, Object> volume(Volume v, Long size, Integer refCount) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("CreatedAt", OffsetDateTime.ofInstant(v.createdAt().truncatedTo(ChronoUnit.SECONDS), ZoneId.systemDefault())
        .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)); // Go's time.RFC3339, local time
    m.put("Driver", v.driver());
    m.put("Labels", v.labels());
    m.put("Mountpoint", v.mountpoint().toString());
    m.put("Name", v.name());
    m.put("Options", v.options());
    m.put("Scope", "local");
    if (size != null) {
      m.put("UsageData", io.berth.common.Json.map("Size", size, "RefCount", refCount));
    }
    return m;
  }

  static Map<String, Object> volume(Volume v) {
    return volume(v, null, null);
  }

  /** A container's Mounts (inspect and ps), by destination. */
  static List<Map<String, Object>> mounts(List<MountPoint> mountPoints) {
    return mountPoints.stream().sorted(Comparator.comparing(MountPoint::destination)).map(VolumeJson::mount)
        .toList();
  }

  private static Map<String, Object> mount(MountPoint mp) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("Type", mp.type());
    if (!mp.name().isEmpty()) {
      m.put("Name", mp.name());
    }
    m.put("Source", mp.source());
    m.put("Destination", mp.destination());
    if (!mp.driver().isEmpty()) {
      m.put("Driver", mp.driver());
    }
    m.put("Mode", mp.mode());
    m.put("RW", mp.rw());
    m.put("Propagation", mp.propagation());
    return m;
  }
}
