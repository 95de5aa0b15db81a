package dev.spikeloop.driver.virtual;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A pseudo-terminal pair made by {@code socat pty,raw,echo=0 pty,raw,echo=0}: two serial devices
 * wired back to back, so the host's jssc serial path can talk to a {@link VirtualBoard} exactly
 * as to a USB board. The devices are reached through symbolic links {@link #hostDevice()} and
 * {@link #boardDevice()}.
 */
public final class SocatPty implements AutoCloseable {
    private static final long START_TIMEOUT_MS = 5_000;

    private final Process process;
    private final Path hostDevice;
    private final Path boardDevice;

    private SocatPty(Process process, Path hostDevice, Path boardDevice) {
        this.process = process;
        this.hostDevice = hostDevice;
        this.boardDevice = boardDevice;
    }

    /** Whether a working {@code socat} is on the PATH. */
    public static boolean available() {
        try {
            Process p = new ProcessBuilder("socat", "-V").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Starts socat with its two devices linked at {@code hostLink} and {@code boardLink} (existing
     * files there are replaced) and waits until both exist.
     *
     * @throws IOException if socat is missing or does not create the devices within 5 s
     */
    public static SocatPty start(Path hostLink, Path boardLink) throws IOException {
        reapOrphans(hostLink.toAbsolutePath(), boardLink.toAbsolutePath());
        Files.deleteIfExists(hostLink);
        Files.deleteIfExists(boardLink);
        List<String> cmd = List.of("socat", "pty,raw,echo=0,link=" + hostLink.toAbsolutePath(),
                "pty,raw,echo=0,link=" + boardLink.toAbsolutePath());
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            throw new IOException("cannot start socat (install it, e.g. 'apt-get install socat'): " + e.getMessage(), e);
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(START_TIMEOUT_MS);
        while (!(Files.exists(hostLink) && Files.exists(boardLink))) {
            if (!p.isAlive()) {
                throw new IOException("socat exited with status " + p.exitValue() + " before creating " + hostLink
                        + " and " + boardLink);
            }
            if (System.nanoTime() > deadline) {
                p.destroyForcibly();
                throw new IOException("socat did not create " + hostLink + " and " + boardLink + " within "
                        + START_TIMEOUT_MS + " ms");
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while starting socat", e);
            }
        }
        return new SocatPty(p, hostLink, boardLink);
    }

    /**
     * Ends a socat left behind on the same links by a board that was killed (SIGKILL runs no cleanup,
     * and socat, a child, outlives its parent): found through the JDK's {@link ProcessHandle} by its
     * command line, so only the pair for these two links is touched. Returns how many were ended.
     */
    static int reapOrphans(Path hostLink, Path boardLink) {
        String host = "link=" + hostLink;
        String board = "link=" + boardLink;
        List<ProcessHandle> orphans = ProcessHandle.allProcesses().filter(p -> {
            ProcessHandle.Info info = p.info();
            boolean socat = info.command().map(c -> c.endsWith("/socat") || c.equals("socat")).orElse(false);
            String[] args = info.arguments().orElse(new String[0]);
            boolean hostArg = false;
            boolean boardArg = false;
            for (String a : args) {
                hostArg |= a.endsWith(host);
                boardArg |= a.endsWith(board);
            }
            return socat && hostArg && boardArg && p.pid() != ProcessHandle.current().pid();
        }).toList();
        for (ProcessHandle p : orphans) {
            p.destroy();
            try {
                p.onExit().get(2, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
                p.destroyForcibly();
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        return orphans.size();
    }

    /** The device the host opens. */
    public String hostDevice() {
        return hostDevice.toString();
    }

    /** The device the virtual board opens. */
    public String boardDevice() {
        return boardDevice.toString();
    }

    /** Whether socat still runs (it ends when either side hangs up). */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** Stops socat; both devices go away. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(2, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
