package dev.spikeloop.driver.link;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SerialPortsTest {
    @TempDir
    Path sys;

    @Test
    void readsUsbIdentityFromSysfsLayout() throws Exception {
        // /sys/class/tty/ttyACM0/device -> .../usb1/1-1/1-1:1.0 ; idVendor lives in 1-1
        Path usbDev = Files.createDirectories(sys.resolve("devices/usb1/1-1"));
        Path iface = Files.createDirectories(usbDev.resolve("1-1:1.0"));
        Files.writeString(usbDev.resolve("idVendor"), "2e8a\n");
        Files.writeString(usbDev.resolve("idProduct"), "000a\n");
        Files.writeString(usbDev.resolve("product"), "Xylo bridge\n");
        Path tty = Files.createDirectories(sys.resolve("class/tty/ttyACM0"));
        Files.createSymbolicLink(tty.resolve("device"), iface);
        Files.createDirectories(sys.resolve("class/tty/ttyS0"));
        List<SerialPorts.PortInfo> ports = SerialPorts.list(new String[]{"/dev/ttyS0", "/dev/ttyACM0"},
                sys.resolve("class/tty"));
        assertEquals(new SerialPorts.PortInfo("/dev/ttyACM0", "2e8a", "000a", "", "Xylo bridge", ""), ports.get(0));
        assertEquals(new SerialPorts.PortInfo("/dev/ttyS0", "", "", "", "", ""), ports.get(1));
    }

    @Test
    void portAddressParsing() {
        assertEquals(new PortAddress.Tcp("127.0.0.1", 5000), PortAddress.parse("tcp://127.0.0.1:5000"));
        assertEquals(new PortAddress.Serial("/dev/ttyACM0"), PortAddress.parse("/dev/ttyACM0"));
        assertThrows(IllegalArgumentException.class, () -> PortAddress.parse("tcp://host"));
        assertThrows(IllegalArgumentException.class, () -> PortAddress.parse("udp://host:1"));
        assertThrows(IllegalArgumentException.class, () -> PortAddress.parse(" "));
    }
}
