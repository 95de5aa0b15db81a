package dev.spikeloop.cli.commands;

import dev.spikeloop.driver.link.SerialPorts;
import picocli.CommandLine.Command;

import java.util.List;
import java.util.concurrent.Callable;

/** {@code spikeloop ports}: the serial ports a board may be on, with USB ids and names from sysfs. */
@Command(name = "ports", mixinStandardHelpOptions = true,
        description = {"List serial ports, USB ones first, with USB vendor:product id and product name "
                + "(read from Linux sysfs where available).",
                "A board over a serial-to-TCP server or a virtual board is reached as tcp://host:port instead."})
public final class PortsCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        List<SerialPorts.PortInfo> ports = SerialPorts.list();
        if (ports.isEmpty()) {
            System.out.println("no serial ports found (is the board plugged in? a virtual board: 'spikeloop board')");
            return 0;
        }
        System.out.printf("%-22s %-10s %s%n", "PORT", "USB ID", "PRODUCT");
        for (SerialPorts.PortInfo p : ports) {
            String id = p.isUsb() ? p.vendorId() + ":" + p.productId() : "-";
            String name = String.join(" ", List.of(p.manufacturer(), p.product()).stream().filter(s -> !s.isEmpty())
                    .toList());
            if (!p.serial().isEmpty()) {
                name += " (serial " + p.serial() + ")";
            }
            System.out.printf("%-22s %-10s %s%n", p.device(), id, name.isEmpty() ? "-" : name);
        }
        return 0;
    }
}
