package io.berth.engine.container;

import io.berth.common.BerthException;
import io.berth.network.EtcHosts;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code --link NAME:ALIAS} on the default bridge, as dockerd's legacy links: recorded at create as
 * {@code /child:/parent/alias} (what inspect shows), and at start the linked container's address in
 * {@code /etc/hosts} under the alias, its hostname and its name, and the {@code ALIAS_PORT_...},
 * {@code ALIAS_NAME} and {@code ALIAS_ENV_...} variables of moby's daemon/links.
 */
final class LegacyLinks {
  /** One link: the linked (child) container's name and the alias the parent knows it by. */
  record Link(String child, String alias) {}

  private LegacyLinks() {}

  /** {@code name:alias}, {@code name}, or the recorded {@code /name:/parent/alias}. */
  static Link parse(String link) {
    int colon = link.indexOf(':');
    String child = colon < 0 ? link : link.substring(0, colon);
    String alias = colon < 0 ? child : link.substring(colon + 1);
    child = child.startsWith("/") ? child.substring(1) : child;
    int slash = alias.lastIndexOf('/');
    alias = slash < 0 ? alias : alias.substring(slash + 1);
    if (child.isEmpty() || alias.isEmpty()) {
      throw new BerthException.InvalidParameter("invalid link: " + link);
    }
    return new Link(child, alias);
  }

  /** The links as recorded at create; each linked container must exist (dockerd's registerLinks). */
  static List<String> record(List<String> links, String parentName, ContainerStore store) {
    List<String> out = new ArrayList<>();
    for (String l : links) {
      Link link = parse(l);
      Container child;
      try {
        child = store.find(link.child());
      } catch (BerthException.NotFound e) {
        throw new BerthException.NotFound("could not get container for " + link.child());
      }
      if (child.hostConfig().networkMode() instanceof io.berth.engine.container.config.NetworkMode.Host) {
        throw new BerthException.InvalidParameter("conflicting options: host type networking can't be used with "
            + "links. This would result in undefined behavior");
      }
      out.add("/" + child.name() + ":/" + parentName + "/" + link.alias());
    }
    return out;
  }

  /** The linked containers, running and on the default bridge, as the parent starts. */
  static List<Linked> resolve(Container parent, ContainerStore store) {
    List<Linked> out = new ArrayList<>();
    for (String l : parent.hostConfig().links() == null ? List.<String>of() : parent.hostConfig().links()) {
      Link link = parse(l);
      Container child = store.find(link.child());
      if (!child.state().running()) {
        throw new BerthException.InvalidParameter("Cannot link to a non running container: /" + child.name()
            + " AS /" + parent.name() + "/" + link.alias());
      }
      String ip = child.network().ipAddress("bridge");
      if (ip.isEmpty()) {
        throw new BerthException.InvalidParameter("Cannot link to /" + child.name()
            + ", as it does not belong to the default network");
      }
      out.add(new Linked(link, child, ip));
    }
    return out;
  }

  /** A link whose child runs at {@code ip}. */
  record Linked(Link link, Container child, String ip) {
    /** alias, the child's hostname, and its name unless that is the alias. */
    EtcHosts.Entry hostsEntry() {
      String names = link.alias() + " " + child.config().hostname();
      if (!link.alias().equals(child.name())) {
        names += " " + child.name();
      }
      return new EtcHosts.Entry(ip, names);
    }

    /** moby's Link.ToEnv. */
    List<String> env(String parentName) {
      String alias = link.alias().toUpperCase(Locale.ROOT).replace('-', '_');
      List<String> ports = PublishedPorts.exposed(child.config(), child.hostConfig());
      List<String> env = new ArrayList<>();
      if (!ports.isEmpty()) {
        env.add(alias + "_PORT=" + proto(ports.getFirst()) + "://" + ip + ":" + number(ports.getFirst()));
      }
      for (int i = 0; i < ports.size(); ) {
        int j = nextContiguous(ports, i);
        if (j > i + 1) {
          String p = ports.get(i);
          String q = ports.get(j);
          String prefix = alias + "_PORT_" + number(p) + "_" + proto(p).toUpperCase(Locale.ROOT);
          env.add(prefix + "_START=" + proto(p) + "://" + ip + ":" + number(p));
          env.add(prefix + "_ADDR=" + ip);
          env.add(prefix + "_PROTO=" + proto(p));
          env.add(prefix + "_PORT_START=" + number(p));
          String endPrefix = alias + "_PORT_" + number(p) + "_" + proto(q).toUpperCase(Locale.ROOT);
          env.add(endPrefix + "_END=" + proto(q) + "://" + ip + ":" + number(q));
          env.add(endPrefix + "_PORT_END=" + number(q));
          i = j + 1;
        } else {
          i++;
        }
      }
      for (String p : ports) {
        String prefix = alias + "_PORT_" + number(p) + "_" + proto(p).toUpperCase(Locale.ROOT);
        env.add(prefix + "=" + proto(p) + "://" + ip + ":" + number(p));
        env.add(prefix + "_ADDR=" + ip);
        env.add(prefix + "_PORT=" + number(p));
        env.add(prefix + "_PROTO=" + proto(p));
      }
      env.add(alias + "_NAME=/" + parentName + "/" + link.alias());
      for (String v : child.config().envList()) {
        int eq = v.indexOf('=');
        if (eq < 0 || v.startsWith("HOME=") || v.startsWith("PATH=")) {
          continue;
        }
        env.add(alias + "_ENV_" + v.substring(0, eq) + "=" + v.substring(eq + 1));
      }
      return env;
    }

    private static int nextContiguous(List<String> ports, int index) {
      if (index + 1 == ports.size()) {
        return index;
      }
      int value = number(ports.get(index));
      for (int i = index + 1; i < ports.size(); i++) {
        if (number(ports.get(i)) > value + 1) {
          return i - 1;
        }
        value++;
      }
      return ports.size() - 1;
    }

    private static String proto(String key) {
      return key.substring(key.indexOf('/') + 1);
    }

    private static int number(String key) {
      return Integer.parseInt(key.substring(0, key.indexOf('/')));
    }
  }
}
