package dev.spikeloop.driver.link;

import jssc.SerialPortList;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Lists serial ports (through jssc) with their USB identity read from Linux sysfs where there is one. */
public final class SerialPorts {
    private SerialPorts() {
    }

    /**
     * One serial port.
     *
     * @param device       device path, e.g. {@code /dev/ttyACM0}
     * @param vendorId     USB vendor id (4 hex digits), or empty when the port is not USB or sysfs is unavailable
     * @param productId    USB product id, or empty
     * @param manufacturer USB manufacturer string, or empty
     * @param product      USB product string, or empty
     * @param serial       USB serial number, or empty
     */
    public record PortInfo(String device, String vendorId, String productId, String manufacturer, String product,
                           String serial) {
        /** Whether the port sits on USB (as every Xylo board bridge does). */
        public boolean isUsb() {
            return !vendorId.isEmpty();
        }
    }

    /** Every serial port jssc can see, USB ports first, each in device-name order. */
    public static List<PortInfo> list() {
        return list(SerialPortList.getPortNames(), Path.of("/sys/class/tty"));
    }

    /** The ports among {@code devices}, described from the sysfs tty directory {@code sysTty}. */
    static List<PortInfo> list(String[] devices, Path sysTty) {
        List<PortInfo> ports = new ArrayList<>();
        for (String device : devices) {
            ports.add(describe(device, sysTty));
        }
        ports.sort((a, b) -> a.isUsb() != b.isUsb() ? (a.isUsb() ? -1 : 1) : a.device().compareTo(b.device()));
        return List.copyOf(ports);
    }

    static PortInfo describe(String device, Path sysTty) {
        String name = Path.of(device).getFileName().toString();
        Optional<Path> usb = usbDevice(sysTty.resolve(name).resolve("device"));
        if (usb.isEmpty()) {
            return new PortInfo(device, "", "", "", "", "");
        }
        Path d = usb.get();
        return new PortInfo(device, read(d, "idVendor"), read(d, "idProduct"), read(d, "manufacturer"),
                read(d, "product"), read(d, "serial"));
    }

    /** Walks up from the tty's device directory to the USB device (the directory holding idVendor). */
    private static Optional<Path> usbDevice(Path ttyDevice) {
        try {
            if (!Files.exists(ttyDevice)) {
                return Optional.empty();
            }
            Path p = ttyDevice.toRealPath();
            for (int up = 0; up < 6 && p != null; up++, p = p.getParent()) {
                if (Files.isRegularFile(p.resolve("idVendor"))) {
                    return Optional.of(p);
                }
            }
        } catch (IOException | SecurityException e) {
            // No sysfs (not Linux) or no access: the port is listed without USB details.
        }
        return Optional.empty();
    }

    private static String read(Path dir, String file) {
        try {
            return Files.readString(dir.resolve(file), StandardCharsets.UTF_8).trim();
        } catch (IOException | SecurityException e) {
            return "";
        }
    }
}
