package io.berth.dockerfile.instructions;

import io.berth.dockerfile.DockerfileException;
import io.berth.dockerfile.text.GoText;
import io.berth.dockerfile.text.Suggest;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** RUN and its flags: {@code --mount}, {@code --network}, {@code --security}, {@code --device}. */
final class RunParser {
  static final Set<String> NETWORKS = Set.of("default", "none", "host");
  static final Set<String> SECURITY = Set.of("insecure", "sandbox");

  private RunParser() {}

  static Run parse(InstructionParser.Request req) {
    BFlags.Flag mounts = req.flags.addStrings("mount");
    BFlags.Flag network = req.flags.addString("network", "default");
    BFlags.Flag security = req.flags.addString("security", "sandbox");
    BFlags.Flag devices = req.flags.addStrings("device");
    req.parseFlags();
    CommandLine command = InstructionParser.shellDependent(req, false);
    // at parse time BuildKit reads only each mount's from= (and refuses variables in it)
    for (String spec : mounts.values) {
      MountParser.fromOf(spec);
    }
    if (!NETWORKS.contains(network.value)) {
      throw new DockerfileException("invalid network mode " + GoText.quote(network.value));
    }
    if (!SECURITY.contains(security.value)) {
      throw new DockerfileException("security " + GoText.quote(security.value) + " is not valid");
    }
    List<Device> parsedDevices = new ArrayList<>();
    for (String spec : devices.values) {
      parsedDevices.add(parseDevice(spec));
    }
    return new Run(req.source(), command, mounts.values, List.of(), network.value, security.value, parsedDevices,
        req.flags.used());
  }

  /** BuildKit's ParseDevice: {@code name[,required[=bool]]} or {@code name=...}. */
  static Device parseDevice(String spec) {
    String name = "";
    boolean required = false;
    for (CsvValue.Field f : CsvValue.keyValues(spec, "failed to parse csv devices")) {
      String field = f.text();
      String key = f.key();
      String value = f.value();
      if (!f.hasValue()) {
        if (key.equals("required")) {
          required = true;
        } else if (name.isEmpty()) {
          name = field;
        } else {
          throw new DockerfileException("invalid field '" + field + "' must be a key=value pair");
        }
        continue;
      }
      switch (key) {
        case "name" -> {
          if (!name.isEmpty()) {
            throw new DockerfileException("device name already set to " + name);
          }
          name = value;
        }
        case "required" -> required = MountParser.parseBool(key, value);
        default -> {
          if (!name.isEmpty()) {
            throw new DockerfileException(Suggest.wrap("unexpected key '" + key + "' in '" + field + "'", key,
                List.of("name", "required"), true));
          }
          name = field;
        }
      }
    }
    return new Device(name, required);
  }
}
