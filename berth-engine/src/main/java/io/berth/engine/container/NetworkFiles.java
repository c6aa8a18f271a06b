package io.berth.engine.container;

import io.berth.common.BerthException;
import io.berth.engine.container.config.HostConfig;
import io.berth.network.EtcHosts;
import io.berth.network.NetworkDriver;
import io.berth.network.ResolvConf;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * A container's hostname, hosts and resolv.conf, kept in its directory and bind-mounted into it, as
 * libnetwork builds them: {@code --add-host} entries (host-gateway is the bridge's address), {@code --dns},
 * {@code --dns-search} and {@code --dns-option} replacing the host's values of the same kind. Rewritten in
 * place, since the binds follow the inode.
 */
final class NetworkFiles {
  static final String HOST_GATEWAY = "host-gateway";

  private NetworkFiles() {}

  /** The checks of create time: {@code --add-host} entries in Docker's format, DNS servers as addresses. */
  static void validate(HostConfig hc) {
    for (String entry : orEmpty(hc.extraHosts())) {
      int colon = entry.indexOf(':');
      if (colon <= 0) {
        throw new BerthException.InvalidParameter("bad format for add-host: \"" + entry + "\"");
      }
      String ip = entry.substring(colon + 1);
      if (!ip.equals(HOST_GATEWAY) && !isAddress(ip)) {
        throw new BerthException.InvalidParameter("invalid IP address in add-host: \"" + ip + "\"");
      }
    }
    for (String server : orEmpty(hc.dns())) {
      if (!isAddress(server)) {
        throw new BerthException.InvalidParameter(server + " is not an ip address");
      }
    }
  }

  /**
   * What the files are made from: the network mode, the container's addresses on its first network (none
   * before it has them), whether it asks the embedded DNS server (it is on a user network), and the hosts
   * entries of its legacy links.
   */
  record Placement(String mode, List<String> addresses, boolean embeddedDns, List<EtcHosts.Entry> links) {
    static Placement of(String mode) {
      return new Placement(mode, List.of(), false, List.of());
    }
  }

  static final String EMBEDDED_DNS = "127.0.0.11";

  /** Writes the three files. */
  static void write(Container c, Path dir, Placement p, NetworkDriver network) throws IOException {
    HostConfig hc = c.hostConfig();
    String hostname = c.config().hostname();
    List<EtcHosts.Entry> extra = extraHosts(hc, network);
    String hosts;
    String resolv;
    String hostResolv = read(Path.of("/etc/resolv.conf"));
    if (p.mode().equals("host")) {
      hosts = read(Path.of("/etc/hosts")) + EtcHosts.entries(extra); // the host's file, then --add-host
      resolv = resolvConf(hc, hostResolv, hostResolv);
    } else {
      extra.addAll(p.links());
      hosts = EtcHosts.build(hostname, c.config().domainname(), p.addresses(), extra);
      String filtered = network != null ? network.resolvConf() : ResolvConf.filter(hostResolv, false);
      resolv = resolvConf(hc, hostResolv, filtered);
      if (p.embeddedDns()) {
        resolv = embedded(resolv);
      }
    }
    writeInPlace(dir.resolve("hostname"), hostname + "\n");
    writeInPlace(dir.resolve("hosts"), hosts);
    writeInPlace(dir.resolve("resolv.conf"), resolv);
  }

  /**
   * libnetwork's rebuildDNS for a container on a user network: the embedded server as the only (IPv4)
   * nameserver, the search domains kept, {@code ndots:0} after the options.
   */
  static String embedded(String resolv) {
    List<String> search = lastValues(resolv, "search");
    List<String> options = new ArrayList<>(lastValues(resolv, "options"));
    options.add("ndots:0");
    List<String> servers = new ArrayList<>(List.of(EMBEDDED_DNS));
    ResolvConf.nameservers(resolv).stream().filter(s -> s.contains(":")).forEach(servers::add);
    return build(servers, search, options);
  }

  /**
   * libnetwork's setupDNS: without DNS options the filtered host file; with any of them, a file built from
   * the given servers, search domains and options, each kind not given taken from the host's file.
   */
  static String resolvConf(HostConfig hc, String hostFile, String filtered) {
    List<String> dns = orEmpty(hc.dns());
    List<String> search = orEmpty(hc.dnsSearch());
    List<String> options = orEmpty(hc.dnsOptions());
    if (dns.isEmpty() && search.isEmpty() && options.isEmpty()) {
      return filtered;
    }
    if (dns.isEmpty()) {
      dns = ResolvConf.nameservers(hostFile);
    }
    if (search.isEmpty()) {
      search = lastValues(hostFile, "search");
    }
    if (options.isEmpty()) {
      options = lastValues(hostFile, "options");
    }
    return build(dns, search, options);
  }

  private static String build(List<String> dns, List<String> search, List<String> options) {
    StringBuilder out = new StringBuilder();
    String searchText = String.join(" ", search);
    if (!search.isEmpty() && !searchText.strip().equals(".")) {
      out.append("search ").append(searchText).append('\n');
    }
    dns.forEach(server -> out.append("nameserver ").append(server).append('\n'));
    String optionsText = String.join(" ", options);
    if (!optionsText.isBlank()) {
      out.append("options ").append(optionsText).append('\n');
    }
    return out.toString();
  }

  /** The values of the last line starting with {@code keyword} (resolv.conf: the last search line wins). */
  private static List<String> lastValues(String file, String keyword) {
    List<String> values = List.of();
    for (String line : file.split("\n")) {
      String[] fields = line.strip().split("\\s+");
      if (fields.length > 1 && fields[0].equals(keyword)) {
        values = List.of(fields).subList(1, fields.length);
      }
    }
    return values;
  }

  private static List<EtcHosts.Entry> extraHosts(HostConfig hc, NetworkDriver network) {
    List<EtcHosts.Entry> out = new ArrayList<>();
    for (String entry : orEmpty(hc.extraHosts())) {
      int colon = entry.indexOf(':');
      String ip = entry.substring(colon + 1);
      if (ip.equals(HOST_GATEWAY)) {
        ip = (network == null ? java.util.Optional.<String>empty() : network.defaultGateway()).orElseThrow(
            () -> new BerthException.InvalidParameter("unable to derive the IP value for host-gateway"));
      }
      out.add(new EtcHosts.Entry(ip, entry.substring(0, colon)));
    }
    return out;
  }

  private static boolean isAddress(String text) {
    if (!text.matches("[0-9.]+|[0-9a-fA-F:.]*:[0-9a-fA-F:.%]*")) {
      return false;
    }
    try {
      InetAddress.ofLiteral(text.startsWith("[") ? text.substring(1, text.length() - 1) : text);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static void writeInPlace(Path file, String content) throws IOException {
    Files.writeString(file, content, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING);
  }

  private static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (IOException e) {
      return "";
    }
  }

  private static <T> List<T> orEmpty(List<T> l) {
    return l == null ? List.of() : l;
  }
}
