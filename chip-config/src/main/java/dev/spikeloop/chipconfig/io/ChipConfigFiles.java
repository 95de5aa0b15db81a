package dev.spikeloop.chipconfig.io;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import dev.spikeloop.chipconfig.proto.ChipConfig;
import dev.spikeloop.chipconfig.validate.ConfigValidator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads and writes {@link ChipConfig} files: binary protobuf for {@code .pb}, protobuf JSON for
 * {@code .json}. Every read and every write validates, so an invalid configuration is never
 * produced nor accepted.
 */
public final class ChipConfigFiles {
    private ChipConfigFiles() {
    }

    /** The two encodings, chosen by file extension. */
    public enum Encoding { BINARY, JSON }

    /** The encoding for a path, or an error naming the accepted extensions. */
    public static Encoding encodingOf(Path path) {
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".pb")) {
            return Encoding.BINARY;
        }
        if (name.endsWith(".json")) {
            return Encoding.JSON;
        }
        throw new IllegalArgumentException("chip configuration file " + path
                + " must end in .pb (binary protobuf) or .json (protobuf JSON)");
    }

    /** Reads and validates a configuration. */
    public static ChipConfig read(Path path) throws IOException {
        ChipConfig config = readUnvalidated(path);
        ConfigValidator.validate(config, path.toString());
        return config;
    }

    /**
     * Reads a configuration without validating it, for a caller that validates it next anyway with
     * the path as the source (the emulator's constructor does): a full-size configuration's two
     * million weights are then checked once, not twice, in a command-line run. Everyone else
     * uses {@link #read}.
     */
    public static ChipConfig readUnvalidated(Path path) throws IOException {
        Encoding encoding = encodingOf(path);
        byte[] bytes;
        if (!Files.exists(path) && !path.toString().isEmpty()) {
            throw new NoSuchFileException(path.toString(), null, "chip configuration file not found");
        }
        bytes = TextFiles.readBytes(path, "chip configuration");
        return encoding == Encoding.BINARY ? parseBinary(bytes, path.toString()) : parseJson(bytes, path.toString());
    }

    /** Validates and atomically writes a configuration. */
    public static void write(ChipConfig config, Path path) throws IOException {
        Encoding encoding = encodingOf(path);
        ConfigValidator.validate(config, path.toString());
        if (encoding == Encoding.BINARY) {
            AtomicFiles.write(path, config.toByteArray());
        } else {
            AtomicFiles.writeString(path, toJson(config) + "\n");
        }
    }

    /** Protobuf JSON with every field printed, zeros included, so files are self-describing. */
    public static String toJson(ChipConfig config) {
        try {
            return JsonFormat.printer().alwaysPrintFieldsWithNoPresence().print(config);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("cannot print chip configuration as JSON", e);
        }
    }

    /**
     * Parses binary protobuf without validating. Unknown fields are an error, as in JSON: a field this
     * reader does not know would otherwise be dropped silently (one rule for both encodings).
     */
    public static ChipConfig parseBinary(byte[] bytes, String source) throws IOException {
        ChipConfig config;
        try {
            config = ChipConfig.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new IOException("malformed binary chip configuration " + source + ": " + e.getMessage(), e);
        }
        java.util.Set<Integer> unknown = new java.util.TreeSet<>(config.getUnknownFields().asMap().keySet());
        for (var alias : config.getAliasesList()) {
            unknown.addAll(alias.getUnknownFields().asMap().keySet());
        }
        if (!unknown.isEmpty()) {
            throw new IOException("malformed binary chip configuration " + source + ": unknown field number(s) "
                    + unknown + " (not in schema format_version " + ConfigValidator.FORMAT_VERSION + "; unknown fields are rejected "
                    + "in .pb as in .json)");
        }
        return config;
    }

    /**
     * Parses protobuf JSON bytes (UTF-8) without validating; unknown fields are an error. Plain
     * configurations (what {@link #toJson} writes) are stream-parsed ({@link ProtoJsonStreamReader},
     * about ten times faster on a full-size network); anything else goes through {@code JsonFormat},
     * which also gives every error message, so both accept and reject the same files.
     */
    public static ChipConfig parseJson(byte[] json, String source) throws IOException {
        if (startsWithBrace(json)) {
            Optional<byte[]> wire = new ProtoJsonStreamReader(Schema.SCHEMA, Schema.ROOT).toWireFormat(json);
            if (wire.isPresent()) {
                try {
                    return ChipConfig.parseFrom(wire.get());
                } catch (InvalidProtocolBufferException e) {
                    // Cannot happen for what the reader writes; JsonFormat below decides.
                }
            }
        }
        return parseJson(new String(json, StandardCharsets.UTF_8), source);
    }

    /**
     * The chip configuration's schema, read once from the descriptor set the build puts next to the
     * generated classes (no protobuf reflection needed); from the descriptor if the set is missing.
     */
    static final class Schema {
        static final String RESOURCE = "chip_config.protoset";
        static final ProtoSchema SCHEMA = load();
        static final String ROOT = rootName(SCHEMA);

        private Schema() {
        }

        private static ProtoSchema load() {
            // ChipConfig.class (a literal) does not initialise the class, so nothing builds descriptors here.
            try (java.io.InputStream in = ChipConfig.class.getResourceAsStream(RESOURCE)) {
                if (in != null) {
                    ProtoSchema s = ProtoSchema.parse(in.readAllBytes());
                    if (rootName(s) != null) {
                        return s;
                    }
                }
            } catch (IOException | RuntimeException e) {
                // fall through: the descriptor is always right, only slower to build
            }
            return ProtoSchema.of(ChipConfig.getDescriptor());
        }

        /** The full name of the message type whose simple name is the generated class's. */
        private static String rootName(ProtoSchema s) {
            String suffix = "." + ChipConfig.class.getSimpleName();
            String found = null;
            for (String name : s.messages().keySet()) {
                if (name.endsWith(suffix) || name.equals(ChipConfig.class.getSimpleName())) {
                    if (found != null) {
                        return null;
                    }
                    found = name;
                }
            }
            return found;
        }
    }

    /**
     * Whether the first non-blank byte is '{': rules out byte-order marks and UTF-16/32 text, which
     * Jackson would decode but the String path (UTF-8) would not.
     */
    private static boolean startsWithBrace(byte[] b) {
        for (byte x : b) {
            if (x == '{') {
                return true;
            }
            if (x != ' ' && x != '\t' && x != '\n' && x != '\r') {
                return false;
            }
        }
        return false;
    }

    /** Parses protobuf JSON without validating; unknown fields are an error. */
    public static ChipConfig parseJson(String json, String source) throws IOException {
        ChipConfig.Builder builder = ChipConfig.newBuilder();
        try {
            JsonFormat.parser().merge(json, builder);
        } catch (InvalidProtocolBufferException e) {
            throw new IOException("malformed JSON chip configuration " + source + ": " + e.getMessage(), e);
        }
        return builder.build();
    }
}
