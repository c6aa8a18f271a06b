package io.berth.network;

import java.io.IOException;
import java.net.InetAddress;
import java.util.List;
import java.util.Locale;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * The embedded DNS server's answers, as libnetwork's resolver gives them: A and AAAA records for the names of
 * containers on the asker's networks (TTL 600), an empty answer to one for a name known only in the other
 * family, PTR records for their addresses; anything else is the upstream servers' business, or SERVFAIL where
 * the asker may not reach them (internal networks).
 */
final class DnsAnswers {
  static final long TTL = 600;
  private static final String PTR_V4 = ".in-addr.arpa";
  private static final String PTR_V6 = ".ip6.arpa";

  /** What the resolver knows of the asker's networks. */
  interface Names {
    /**
     * The IPv4 (or IPv6) addresses {@code name} resolves to for {@code containerId}, or empty when unknown here
     * or without an address of that family.
     */
    List<String> lookup(String containerId, String name, boolean ipv6);

    /** The name of the container holding {@code ip} on one of the asker's networks, or null. */
    String reverse(String containerId, String ip);

    /** Whether the asker may reach the upstream servers (false when all its networks are internal). */
    boolean forwards(String containerId);
  }

  /** An answer from what berth knows, or null to forward the query (when allowed; else SERVFAIL). */
  static byte[] local(Names names, String containerId, byte[] query) throws IOException {
    Message q = new Message(query);
    Record question = q.getQuestion();
    if (question == null) {
      return null;
    }
    String name = question.getName().toString(true).toLowerCase(Locale.ROOT);
    Message resp = switch (question.getType()) {
      case Type.A, Type.AAAA -> address(names, containerId, q, question, name, question.getType() == Type.AAAA);
      case Type.PTR -> ptr(names, containerId, q, question, name);
      default -> null;
    };
    if (resp == null && !names.forwards(containerId)) {
      resp = reply(q);
      resp.getHeader().setRcode(Rcode.SERVFAIL);
    }
    return resp == null ? null : resp.toWire();
  }

  /** The name's addresses of the family asked; an empty answer when it has only the other family's. */
  private static Message address(Names names, String containerId, Message q, Record question, String name,
      boolean ipv6) {
    List<String> ips = names.lookup(containerId, name, ipv6);
    if (ips.isEmpty()) {
      return names.lookup(containerId, name, !ipv6).isEmpty() ? null : reply(q);
    }
    Message m = reply(q);
    for (String ip : ips) {
      m.addRecord(ipv6 ? new AAAARecord(question.getName(), question.getDClass(), TTL, Cidr6.inetAddress(ip))
          : new ARecord(question.getName(), question.getDClass(), TTL, InetAddress.ofLiteral(ip)), Section.ANSWER);
    }
    return m;
  }

  private static Message ptr(Names names, String containerId, Message q, Record question, String name)
      throws TextParseException {
    String ip = name.endsWith(PTR_V4) ? ipv4FromPtr(name) : name.endsWith(PTR_V6) ? ipv6FromPtr(name) : null;
    if (ip == null) {
      return null;
    }
    String host = names.reverse(containerId, ip);
    if (host == null) {
      return null;
    }
    Message m = reply(q);
    m.addRecord(new PTRRecord(question.getName(), question.getDClass(), TTL, Name.fromString(host + ".")),
        Section.ANSWER);
    return m;
  }

  /** {@code d.c.b.a.in-addr.arpa} as {@code a.b.c.d}, or null. */
  private static String ipv4FromPtr(String name) {
    String[] octets = name.substring(0, name.length() - PTR_V4.length()).split("\\.");
    if (octets.length != 4) {
      return null;
    }
    return octets[3] + "." + octets[2] + "." + octets[1] + "." + octets[0];
  }

  /** The 32 reversed nibbles of an {@code ip6.arpa} name as an IPv6 address in Go's form, or null. */
  private static String ipv6FromPtr(String name) {
    String[] nibbles = name.substring(0, name.length() - PTR_V6.length()).split("\\.");
    if (nibbles.length != 32) {
      return null;
    }
    StringBuilder hex = new StringBuilder();
    for (int i = nibbles.length - 1; i >= 0; i--) {
      if (!nibbles[i].matches("[0-9a-f]")) {
        return null;
      }
      hex.append(nibbles[i]);
    }
    return Cidr6.formatAddress(new java.math.BigInteger(hex.toString(), 16));
  }

  /** A reply to {@code q} with its question, recursion available (libnetwork's createRespMsg). */
  private static Message reply(Message q) {
    Message m = new Message(q.getHeader().getID());
    m.getHeader().setFlag(Flags.QR);
    m.getHeader().setOpcode(q.getHeader().getOpcode());
    if (q.getHeader().getFlag(Flags.RD)) {
      m.getHeader().setFlag(Flags.RD);
    }
    m.getHeader().setFlag(Flags.RA);
    m.addRecord(q.getQuestion(), Section.QUESTION);
    return m;
  }

  /** A SERVFAIL for an unreadable or unanswerable query, or null when not even its ID can be read. */
  static byte[] failure(byte[] query) {
    if (query.length < 12) {
      return null;
    }
    byte[] out = new byte[12];
    System.arraycopy(query, 0, out, 0, 2); // the ID
    out[2] = (byte) (0x80 | (query[2] & 0x79)); // QR, the opcode and RD as asked
    out[3] = (byte) (0x80 | Rcode.SERVFAIL); // RA
    return out;
  }
}
