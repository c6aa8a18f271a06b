package io.berth.network;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The resolv.conf a bridged container gets: the host's file with Docker's filtering
 * (libnetwork/resolvconf of Docker 20.10). Localhost nameservers cannot be reached from a
 * container's namespace, so they go; so do IPv6 nameservers while the network has no IPv6;
 * when no nameserver is left Google's public resolvers stand in. Everything else (search,
 * options, comments) is kept as the host wrote it.
 */
public final class ResolvConf {
  static final Path DEFAULT_PATH = Path.of("/etc/resolv.conf");
  /** systemd-resolved's list of upstream servers, used when /etc/resolv.conf only names its stub. */
  static final Path SYSTEMD_RESOLVED_PATH = Path.of("/run/systemd/resolve/resolv.conf");
  private static final String SYSTEMD_STUB = "127.0.0.53";

  private static final String IPV4_BLOCK = "(25[0-5]|2[0-4][0-9]|[01]?[0-9][0-9]?)";
  private static final String IPV4 = "(" + IPV4_BLOCK + "\\.){3}" + IPV4_BLOCK;
  private static final String IPV6 = "([0-9A-Fa-f]{0,4}:){2,7}([0-9A-Fa-f]{0,4})(%\\w+)?";
  private static final String LOCALHOST = "((127\\.([0-9]{1,3}\\.){2}[0-9]{1,3})|(::1)$)";

  private static final Pattern LOCALHOST_NAMESERVER =
      Pattern.compile("^nameserver\\s+" + LOCALHOST + "\\s*\\n*", Pattern.MULTILINE | Pattern.UNIX_LINES);
  private static final Pattern IPV6_NAMESERVER =
      Pattern.compile("^nameserver\\s+" + IPV6 + "\\s*\\n*", Pattern.MULTILINE | Pattern.UNIX_LINES);
  private static final Pattern NAMESERVER =
      Pattern.compile("^\\s*nameserver\\s*((" + IPV4 + ")|(" + IPV6 + "))\\s*$");

  static final List<String> DEFAULT_IPV4_DNS = List.of("nameserver 8.8.8.8", "nameserver 8.8.4.4");
  static final List<String> DEFAULT_IPV6_DNS =
      List.of("nameserver 2001:4860:4860::8888", "nameserver 2001:4860:4860::8844");

  private ResolvConf() {}

  /** The container's resolv.conf for the current host file (IPv6 off, as on the default bridge). */
  public static String forContainer() {
    return filter(hostText(), false);
  }

  /** The host file containers start from (see {@link #hostPath}). */
  static String hostText() {
    return read(hostPath());
  }

  /**
   * Docker's FilterResolvDNS: drops localhost nameservers (and IPv6 ones unless
   * {@code ipv6Enabled}); appends the default servers when none is left.
   */
  public static String filter(String hostContent, boolean ipv6Enabled) {
    String cleaned = LOCALHOST_NAMESERVER.matcher(hostContent).replaceAll("");
    if (!ipv6Enabled) {
      cleaned = IPV6_NAMESERVER.matcher(cleaned).replaceAll("");
    }
    if (nameservers(cleaned).isEmpty()) {
      List<String> dns = new ArrayList<>(DEFAULT_IPV4_DNS);
      if (ipv6Enabled) {
        dns.addAll(DEFAULT_IPV6_DNS);
      }
      cleaned = cleaned + "\n" + String.join("\n", dns);
    }
    return cleaned;
  }

  /** The nameserver addresses in {@code content}, comments ignored. */
  public static List<String> nameservers(String content) {
    List<String> found = new ArrayList<>();
    for (String line : content.split("\n", -1)) {
      int hash = line.indexOf('#');
      Matcher m = NAMESERVER.matcher(hash < 0 ? line : line.substring(0, hash));
      if (m.find()) {
        found.add(m.group(1));
      }
    }
    return found;
  }

  /**
   * The file to start from: /etc/resolv.conf, unless it only names systemd-resolved's stub
   * (127.0.0.53, unreachable from a container), in which case resolved's upstream list.
   */
  static Path hostPath() {
    List<String> servers = nameservers(read(DEFAULT_PATH));
    if (servers.size() == 1 && servers.getFirst().equals(SYSTEMD_STUB) && Files.isReadable(SYSTEMD_RESOLVED_PATH)) {
      return SYSTEMD_RESOLVED_PATH;
    }
    return DEFAULT_PATH;
  }

  private static String read(Path path) {
    try {
      return Files.readString(path, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
