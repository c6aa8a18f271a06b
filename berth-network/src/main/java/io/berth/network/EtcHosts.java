package io.berth.network;

import java.util.List;

/**
 * The /etc/hosts a container gets (Docker 20.10's libnetwork/etchosts): the fixed localhost and
 * IPv6 names, then the extra host entries ({@code --add-host}), then the container's own
 * addresses (IPv4, then IPv6) with its FQDN and short name. Fields are tab-separated, one record a line.
 */
public final class EtcHosts {
  /** One line: an address and the names that resolve to it ({@code --add-host name:ip}). */
  public record Entry(String ip, String names) {}

  private static final List<Entry> DEFAULT_CONTENT = List.of(
      new Entry("127.0.0.1", "localhost"),
      new Entry("::1", "localhost ip6-localhost ip6-loopback"),
      new Entry("fe00::0", "ip6-localnet"),
      new Entry("ff00::0", "ip6-mcastprefix"),
      new Entry("ff02::1", "ip6-allnodes"),
      new Entry("ff02::2", "ip6-allrouters"));

  private EtcHosts() {}

  /**
   * Builds the file. {@code addresses} are the container's addresses, none for {@code --network none}
   * (no own record, as in Docker); {@code domainname} may be null or empty.
   */
  public static String build(String hostname, String domainname, List<String> addresses, List<Entry> extra) {
    StringBuilder out = new StringBuilder();
    for (Entry e : DEFAULT_CONTENT) {
      append(out, e);
    }
    for (Entry e : extra) {
      append(out, e);
    }
    // The user may give an FQDN as hostname or split it over hostname and domainname:
    // list the FQDN and the bare name.
    String fqdn = domainname == null || domainname.isEmpty() ? hostname : hostname + "." + domainname;
    int dot = fqdn.indexOf('.');
    String names = dot < 0 ? fqdn : fqdn + " " + fqdn.substring(0, dot);
    for (String ip : addresses) {
      append(out, new Entry(ip, names));
    }
    return out.toString();
  }

  /** Just the given entries, one a line (what {@code --add-host} appends to a copy of the host's file). */
  public static String entries(List<Entry> entries) {
    StringBuilder out = new StringBuilder();
    entries.forEach(e -> append(out, e));
    return out.toString();
  }

  private static void append(StringBuilder out, Entry e) {
    out.append(e.ip()).append('\t').append(e.names()).append('\n');
  }
}
