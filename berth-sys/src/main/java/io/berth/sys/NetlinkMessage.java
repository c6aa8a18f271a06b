package io.berth.sys;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;

/**
 * One netlink request as bytes: the {@code nlmsghdr}, the family's fixed header written field by field, then
 * attributes (type-length-value, 4-byte aligned, nestable). The sequence number is filled in when it is sent.
 */
public final class NetlinkMessage {
  static final int HEADER = 16;
  static final int NLM_F_REQUEST = 0x1;
  static final int NLM_F_ACK = 0x4;
  public static final int NLM_F_EXCL = 0x200;
  public static final int NLM_F_CREATE = 0x400;

  private ByteBuffer buf = ByteBuffer.allocate(512).order(ByteOrder.nativeOrder());
  private final Deque<Integer> nests = new ArrayDeque<>();

  /** A request of {@code type} (RTM_NEWLINK...) with {@code flags} beyond REQUEST and ACK (CREATE, EXCL). */
  public NetlinkMessage(int type, int flags) {
    buf.putInt(0).putShort((short) type).putShort((short) (flags | NLM_F_REQUEST | NLM_F_ACK)).putInt(0).putInt(0);
  }

  public NetlinkMessage u8(int v) {
    room(1).put((byte) v);
    return this;
  }

  public NetlinkMessage u16(int v) {
    room(2).putShort((short) v);
    return this;
  }

  public NetlinkMessage u32(int v) {
    room(4).putInt(v);
    return this;
  }

  /** An attribute holding {@code value} as is. */
  public NetlinkMessage attr(int type, byte[] value) {
    room(4 + value.length + 3).putShort((short) (4 + value.length)).putShort((short) type).put(value);
    align();
    return this;
  }

  public NetlinkMessage attrU32(int type, int value) {
    return attr(type, ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(value).array());
  }

  /** A NUL-terminated string attribute (interface names, kinds). */
  public NetlinkMessage attrString(int type, String value) {
    byte[] s = value.getBytes(StandardCharsets.UTF_8);
    return attr(type, Arrays.copyOf(s, s.length + 1));
  }

  /** Opens a nested attribute; what follows until {@link #end} is inside it. */
  public NetlinkMessage begin(int type) {
    nests.push(buf.position());
    room(4).putShort((short) 0).putShort((short) type); // without NLA_F_NESTED, as iproute2 sends them
    return this;
  }

  public NetlinkMessage end() {
    int start = nests.pop();
    buf.putShort(start, (short) (buf.position() - start));
    return this;
  }

  /** The message with its length and {@code seq} filled in. */
  byte[] bytes(int seq) {
    if (!nests.isEmpty()) {
      throw new IllegalStateException("an attribute is still open");
    }
    buf.putInt(0, buf.position());
    buf.putInt(8, seq);
    return Arrays.copyOf(buf.array(), buf.position());
  }

  int type() {
    return buf.getShort(4);
  }

  private void align() {
    while (buf.position() % 4 != 0) {
      buf.put((byte) 0);
    }
  }

  private ByteBuffer room(int n) {
    if (buf.remaining() < n) {
      ByteBuffer bigger = ByteBuffer.allocate(Math.max(buf.capacity() * 2, buf.position() + n))
          .order(ByteOrder.nativeOrder());
      bigger.put(buf.array(), 0, buf.position());
      buf = bigger;
    }
    return buf;
  }
}
