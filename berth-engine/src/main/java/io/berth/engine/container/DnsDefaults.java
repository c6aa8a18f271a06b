package io.berth.engine.container;

import io.berth.engine.container.config.HostConfig;
import java.util.List;

/**
 * The daemon's {@code dns}, {@code dns-opts} and {@code dns-search}: what a container gets for each of them that
 * it does not set itself (dockerd's sandbox options take the container's, else the daemon's).
 */
public record DnsDefaults(List<String> dns, List<String> options, List<String> search) {
  public static final DnsDefaults NONE = new DnsDefaults(List.of(), List.of(), List.of());

  public DnsDefaults {
    dns = dns == null ? List.of() : List.copyOf(dns);
    options = options == null ? List.of() : List.copyOf(options);
    search = search == null ? List.of() : List.copyOf(search);
  }

  /** The container as its network files and DNS server see it: its own values, else the daemon's. */
  Container applyTo(Container c) {
    HostConfig hc = c.hostConfig();
    boolean noDns = hc.dns() == null || hc.dns().isEmpty();
    boolean noOptions = hc.dnsOptions() == null || hc.dnsOptions().isEmpty();
    boolean noSearch = hc.dnsSearch() == null || hc.dnsSearch().isEmpty();
    if (!(noDns && !dns.isEmpty()) && !(noOptions && !options.isEmpty()) && !(noSearch && !search.isEmpty())) {
      return c;
    }
    HostConfig.Builder b = hc.toBuilder();
    b.dns = noDns ? dns : hc.dns();
    b.dnsOptions = noOptions ? options : hc.dnsOptions();
    b.dnsSearch = noSearch ? search : hc.dnsSearch();
    return c.withHostConfig(b.build());
  }
}
