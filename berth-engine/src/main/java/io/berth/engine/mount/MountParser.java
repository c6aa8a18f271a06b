package io.berth.engine.mount;

import io.berth.common.BerthException;
import io.berth.common.GoPath;
import io.berth.engine.container.config.MountSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * dockerd's Linux mount parser (daemon/volume/mounts/linux_parser.go): {@code -v} specs, {@code --mount} specs
 * and {@code --volumes-from} values become mount points, with dockerd's checks and words.
 */
public final class MountParser {
  static final Set<String> PROPAGATIONS = Set.of("private", "rprivate", "slave", "rslave", "shared", "rshared");
  private static final Set<String> RW_MODES = Set.of("rw", "ro");
  private static final Set<String> LABEL_MODES = Set.of("z", "Z");
  private static final Set<String> CONSISTENCY_MODES = Set.of("consistent", "cached", "delegated");
  private static final String DEFAULT_PROPAGATION = "rprivate";

  private MountParser() {}

  /** A {@code -v} / Binds entry: {@code [source:]target[:mode]}. A bind's source need not exist (it is made). */
  public static MountPoint parseRaw(String raw, String volumeDriver) {
    String[] arr = raw.split(":", 4);
    if (arr[0].isEmpty()) {
      throw invalidSpec(raw);
    }
    String source = "";
    String target;
    String mode = "";
    switch (arr.length) {
      case 1 -> target = arr[0];
      case 2 -> {
        if (validMode(arr[1])) {
          throw invalidSpec(raw); // a destination and a mode is not a volume: "/foo:rw"
        }
        source = arr[0];
        target = arr[1];
      }
      case 3 -> {
        source = arr[0];
        target = arr[1];
        mode = arr[2];
      }
      default -> throw invalidSpec(raw);
    }
    if (!validMode(mode)) {
      throw new BerthException.InvalidParameter("invalid mode: " + mode);
    }
    String type = source.startsWith("/") ? MountPoint.BIND : MountPoint.VOLUME;
    MountSpec.VolumeOptions volumeOptions = null;
    if (!volumeDriver.isEmpty() && type.equals(MountPoint.VOLUME)) {
      volumeOptions = new MountSpec.VolumeOptions(false, null, new MountSpec.Driver(volumeDriver, null), "");
    }
    if (hasOption(mode, "nocopy")) {
      volumeOptions = new MountSpec.VolumeOptions(true, null, volumeOptions == null ? null
          : volumeOptions.driverConfig(), "");
    }
    MountSpec.BindOptions bindOptions = null;
    String propagation = propagation(mode);
    if (propagation != null) {
      bindOptions = new MountSpec.BindOptions(propagation, false, false, false, false);
    }
    MountSpec spec = new MountSpec(type, source, target, !readWrite(mode), "", bindOptions, volumeOptions, null, null);
    try {
      MountPoint mp = parse(spec, false);
      return new MountPoint(mp.type(), mp.name(), mp.source(), mp.destination(), mp.driver(), mode, mp.rw(),
          mp.propagation(), mp.spec(), mp.copyData(), mp.skipMountpointCreation());
    } catch (BerthException e) {
      throw new BerthException.InvalidParameter(invalidSpec(raw).getMessage() + ": " + e.getMessage(), e);
    }
  }

  /** A {@code --mount} / Mounts entry; a bind's source must exist unless CreateMountpoint. */
  public static MountPoint parseSpec(MountSpec spec) {
    return parse(spec, true);
  }

  /** dockerd's ValidateMountConfig, for the create-time check of HostConfig.Mounts. */
  public static void validate(MountSpec spec) {
    validate(spec, true);
  }

  private static MountPoint parse(MountSpec cfg, boolean bindSourceMustExist) {
    validate(cfg, bindSourceMustExist);
    String destination = GoPath.clean(cfg.target());
    return switch (cfg.type()) {
      case MountPoint.VOLUME -> {
        MountSpec.VolumeOptions vo = cfg.volumeOptions();
        String driver = vo != null && vo.driverConfig() != null ? orEmpty(vo.driverConfig().name()) : "";
        boolean copy = vo == null || !vo.noCopy();
        yield new MountPoint(cfg.type(), cfg.source(), "", destination, driver, "", !cfg.readOnly(), "", cfg,
            copy, false);
      }
      case MountPoint.BIND -> {
        MountSpec.BindOptions bo = cfg.bindOptions();
        String propagation = bo != null && !orEmpty(bo.propagation()).isEmpty() ? bo.propagation()
            : DEFAULT_PROPAGATION;
        yield new MountPoint(cfg.type(), "", GoPath.clean(cfg.source()), destination, "", "", !cfg.readOnly(),
            propagation, cfg, false, false);
      }
      default -> new MountPoint(cfg.type(), "", "", destination, "", "", !cfg.readOnly(), "", cfg, false, false);
    };
  }

  private static void validate(MountSpec m, boolean bindSourceMustExist) {
    try {
      exclusiveOptions(m);
      if (m.target().isEmpty()) {
        throw new IllegalArgumentException("field Target must not be empty");
      }
      notRoot(m.target());
      absolute(m.target());
      switch (m.type()) {
        case MountPoint.BIND -> {
          if (m.source().isEmpty()) {
            throw new IllegalArgumentException("field Source must not be empty");
          }
          MountSpec.BindOptions bo = m.bindOptions();
          if (bo != null && !orEmpty(bo.propagation()).isEmpty() && !PROPAGATIONS.contains(bo.propagation())) {
            throw new IllegalArgumentException("invalid propagation mode: " + bo.propagation());
          }
          absolute(m.source());
          boolean create = bo != null && bo.createMountpoint();
          if (bindSourceMustExist && !create && !Files.exists(Path.of(m.source()))) {
            throw new IllegalArgumentException("bind source path does not exist: " + m.source());
          }
        }
        case MountPoint.VOLUME -> {
          MountSpec.VolumeOptions vo = m.volumeOptions();
          if (vo != null && !orEmpty(vo.subpath()).isEmpty()) {
            if (m.source().isEmpty()) {
              throw new IllegalArgumentException("must not set Subpath when using anonymous volumes");
            }
            if (!isLocal(vo.subpath())) {
              throw new IllegalArgumentException("subpath must be a relative path within the volume");
            }
          }
        }
        case MountPoint.TMPFS -> {
          if (!m.source().isEmpty()) {
            throw new IllegalArgumentException("field Source must not be specified");
          }
          tmpfsOptions(m.tmpfsOptions(), m.readOnly());
        }
        case "image" -> throw new BerthException.InvalidParameter(
            "berth does not support --mount type=image yet (field Mounts)");
        default -> throw new IllegalArgumentException("mount type unknown");
      }
    } catch (IllegalArgumentException e) {
      throw new BerthException.InvalidParameter("invalid mount config for type \"" + m.type() + "\": "
          + e.getMessage(), e);
    }
  }

  private static void exclusiveOptions(MountSpec m) {
    if (!m.type().equals(MountPoint.BIND) && m.bindOptions() != null) {
      throw new IllegalArgumentException("field BindOptions must not be specified");
    }
    if (!m.type().equals(MountPoint.VOLUME) && m.volumeOptions() != null) {
      throw new IllegalArgumentException("field VolumeOptions must not be specified");
    }
    if (!m.type().equals("image") && m.imageOptions() != null) {
      throw new IllegalArgumentException("field ImageOptions must not be specified");
    }
    if (!m.type().equals(MountPoint.TMPFS) && m.tmpfsOptions() != null) {
      throw new IllegalArgumentException("field TmpfsOptions must not be specified");
    }
  }

  /** A tmpfs destination (HostConfig.Tmpfs and --mount type=tmpfs): absolute and not "/". */
  public static void validateTmpfsDestination(String dest) {
    try {
      notRoot(dest);
      absolute(dest);
    } catch (IllegalArgumentException e) {
      throw new BerthException.InvalidParameter(e.getMessage(), e);
    }
  }

  private static void notRoot(String p) {
    if (GoPath.clean(p.replace('\\', '/')).equals("/")) {
      throw new IllegalArgumentException("invalid specification: destination can't be '/'");
    }
  }

  private static void absolute(String p) {
    String s = p.replace('\\', '/');
    if (!s.startsWith("/")) {
      throw new IllegalArgumentException("invalid mount path: '" + s + "' mount path must be absolute");
    }
  }

  /** Go's filepath.IsLocal: relative, not empty, and not leaving its directory. */
  private static boolean isLocal(String p) {
    if (p.isEmpty() || p.startsWith("/")) {
      return false;
    }
    String clean = GoPath.clean(p);
    return !clean.equals("..") && !clean.startsWith("../");
  }

  /** The tmpfs mount data of a {@code --mount type=tmpfs} (size with dockerd's suffix, mode in octal). */
  public static String tmpfsOptions(MountSpec.TmpfsOptions opt, boolean readOnly) {
    List<String> raw = new ArrayList<>();
    if (readOnly) {
      raw.add("ro");
    }
    if (opt != null && opt.mode() != 0) {
      raw.add("mode=" + Integer.toOctalString(opt.mode()));
    }
    if (opt != null && opt.sizeBytes() != 0) {
      raw.add("size=" + sizeWithSuffix(opt.sizeBytes()));
    }
    if (opt != null && opt.options() != null) {
      for (List<String> o : opt.options()) {
        if (o == null || o.isEmpty() || o.size() > 2) {
          throw new IllegalArgumentException("invalid option array length");
        }
        if (!o.getFirst().equals("exec") && !o.getFirst().equals("noexec")) {
          throw new IllegalArgumentException("invalid option: " + o.getFirst());
        }
        raw.add(o.size() == 1 ? o.getFirst() : o.get(0) + "=" + o.get(1));
      }
    }
    return String.join(",", raw);
  }

  /** The largest of g, m, k that divides the size, as dockerd writes a tmpfs size; bytes otherwise. */
  private static String sizeWithSuffix(long size) {
    String[] suffixes = {"g", "m", "k"};
    int[] shifts = {30, 20, 10};
    for (int i = 0; i < suffixes.length; i++) {
      if (size % (1L << shifts[i]) == 0) {
        return (size >> shifts[i]) + suffixes[i];
      }
    }
    return Long.toString(size);
  }

  /** {@code --volumes-from CONTAINER[:ro|rw]}: the container and whether its mounts stay writable. */
  public record VolumesFrom(String container, boolean writable) {}

  public static VolumesFrom parseVolumesFrom(String spec) {
    if (spec.isEmpty()) {
      throw new BerthException.InvalidParameter("volumes-from specification cannot be an empty string");
    }
    int colon = spec.indexOf(':');
    String id = colon < 0 ? spec : spec.substring(0, colon);
    String mode = colon < 0 ? "" : spec.substring(colon + 1);
    if (mode.isEmpty()) {
      return new VolumesFrom(id, true);
    }
    if (!validMode(mode) || propagation(mode) != null || hasOption(mode, "nocopy")) {
      throw new BerthException.InvalidParameter("invalid mode: " + mode);
    }
    return new VolumesFrom(id, readWrite(mode));
  }

  /** At most one of each kind: rw/ro, z/Z, a propagation, nocopy, a consistency. */
  static boolean validMode(String mode) {
    if (mode.isEmpty()) {
      return true;
    }
    int rw = 0;
    int label = 0;
    int propagation = 0;
    int copy = 0;
    int consistency = 0;
    for (String o : mode.split(",", -1)) {
      if (RW_MODES.contains(o)) {
        rw++;
      } else if (LABEL_MODES.contains(o)) {
        label++;
      } else if (PROPAGATIONS.contains(o)) {
        propagation++;
      } else if (o.equals("nocopy")) {
        copy++;
      } else if (CONSISTENCY_MODES.contains(o)) {
        consistency++;
      } else {
        return false;
      }
    }
    return rw <= 1 && label <= 1 && propagation <= 1 && copy <= 1 && consistency <= 1;
  }

  static boolean readWrite(String mode) {
    return validMode(mode) && !hasOption(mode, "ro");
  }

  private static String propagation(String mode) {
    for (String o : mode.split(",")) {
      if (PROPAGATIONS.contains(o)) {
        return o;
      }
    }
    return null;
  }

  private static boolean hasOption(String mode, String option) {
    for (String o : mode.split(",")) {
      if (o.equals(option)) {
        return true;
      }
    }
    return false;
  }

  private static BerthException invalidSpec(String raw) {
    return new BerthException.InvalidParameter("invalid volume specification: '" + raw + "'");
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }
}
