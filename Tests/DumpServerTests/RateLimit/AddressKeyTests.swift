@testable import DumpServer
import Testing

@Suite("Per-address limits count IPv6 networks")
struct AddressKeyTests {
    @Test func oneSlash64CountsAsOneAddress() {
        let a = AddressKey.of("2001:db8:1:2:3:4:5:6"), b = AddressKey.of("2001:db8:1:2:ffff::1")
        #expect(a == b)
        #expect(a == "2001:db8:1:2:0:0:0:0/64")
        #expect(AddressKey.of("2001:db8:1:3::1") != a)
        #expect(AddressKey.of("[2001:db8:1:2::9]") == a)
        #expect(AddressKey.of("2001:db8:1:2::9%eth0") == a)
    }

    @Test func ipv4StaysWholeAndMappedIPv6IsIPv4() {
        #expect(AddressKey.of("203.0.113.7") == "203.0.113.7")
        #expect(AddressKey.of("::ffff:203.0.113.7") == "203.0.113.7")
        #expect(AddressKey.of("unknown") == "unknown")
    }

    @Test func thePrefixIsConfigurable() {
        #expect(AddressKey.of("2001:db8:1:2:3:4:5:6", ipv6Prefix: 48) == AddressKey.of("2001:db8:1:ffff::", ipv6Prefix: 48))
        #expect(AddressKey.of("2001:db8:1:2:3:4:5:6", ipv6Prefix: 128) != AddressKey.of("2001:db8:1:2:3:4:5:7", ipv6Prefix: 128))
        #expect(AddressKey.of("2001:db8:1:2:3:4:5:6", ipv6Prefix: 56) == "2001:db8:1:0:0:0:0:0/56")
    }
}
