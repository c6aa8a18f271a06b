package io.berth.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The bytes of a request, as iproute2 lays them out (checked against `strace ip link add`). */
class NetlinkMessageTest {
  private static String hex(NetlinkMessage m, int seq) {
    return HexFormat.of().formatHex(m.bytes(seq));
  }

  @Test
  void headerLengthSequenceAndFlags() {
    NetlinkMessage m = new NetlinkMessage(16, NetlinkMessage.NLM_F_CREATE | NetlinkMessage.NLM_F_EXCL);
    m.u8(0).u8(0).u16(0).u32(0).u32(0).u32(0);
    // len 32, RTM_NEWLINK, REQUEST|ACK|EXCL|CREATE = 0x605, seq 7, pid 0; then the 16-byte ifinfomsg
    assertEquals("20000000" + "1000" + "0506" + "07000000" + "00000000" + "00".repeat(16), hex(m, 7));
  }

  @Test
  void attributesArePaddedAndNestsCarryTheirLength() {
    NetlinkMessage m = new NetlinkMessage(16, 0);
    m.attrString(3, "vtest0").begin(18).attrString(1, "veth").end().attrU32(4, 1500);
    String body = hex(m, 1).substring(32);
    assertEquals("0b000300" + "767465737430" + "00" + "00" // IFNAME, 11 bytes, padded to 12
        + "10001200" + "09000100" + "7665746800" + "000000" // LINKINFO 16: 4 + KIND 9 padded to 12
        + "08000400" + "dc050000", body); // MTU 1500
  }

  @Test
  void anOpenNestIsAMistake() {
    NetlinkMessage m = new NetlinkMessage(16, 0).begin(18);
    assertThrows(IllegalStateException.class, () -> m.bytes(1));
  }
}
