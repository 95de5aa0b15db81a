package dev.spikeloop.chipconfig.io;

import com.google.protobuf.DescriptorProtos;
import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import dev.spikeloop.chipconfig.Configs;
import dev.spikeloop.chipconfig.proto.Alias;
import dev.spikeloop.chipconfig.proto.ChipConfig;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fast JSON reader against protobuf's {@code JsonFormat}: the same message for everything it
 * reads, and for everything else the fallback, so {@link ChipConfigFiles#parseJson(byte[], String)}
 * accepts and rejects exactly as {@code JsonFormat} does, with the same messages.
 */
class ProtoJsonStreamReaderTest {
    private static final ProtoJsonStreamReader READER = new ProtoJsonStreamReader(ChipConfig.getDescriptor());

    private static ChipConfig sample() {
        return Configs.valid(3, 5, 2, 2).toBuilder().setDtSeconds(3.2269e-4).setWeightShiftRec(7)
                .addAliases(Alias.newBuilder().setSource(1).setTarget(4))
                .addAliases(Alias.newBuilder().setSource(0).setTarget(0))
                .setWeightsIn(0, -128).setWeightsIn(1, 127).build();
    }

    private static Optional<ChipConfig> fast(String json) throws IOException {
        Optional<byte[]> wire = READER.toWireFormat(json.getBytes(StandardCharsets.UTF_8));
        return wire.isPresent() ? Optional.of(ChipConfig.parseFrom(wire.get())) : Optional.empty();
    }

    /** JsonFormat's verdict: the message, or the error message. */
    private static Object jsonFormat(String json) {
        try {
            return ChipConfigFiles.parseJson(json, "x.json");
        } catch (IOException e) {
            return e.getMessage();
        }
    }

    private static Object loader(String json) {
        try {
            return ChipConfigFiles.parseJson(json.getBytes(StandardCharsets.UTF_8), "x.json");
        } catch (IOException e) {
            return e.getMessage();
        }
    }

    @Test
    void readsWhatThePrinterWritesExactlyAsJsonFormat() throws IOException {
        ChipConfig c = sample();
        String printed = ChipConfigFiles.toJson(c);
        assertEquals(Optional.of(c), fast(printed), "printed form takes the fast path");
        String compact = JsonFormat.printer().omittingInsignificantWhitespace().print(c);
        assertEquals(Optional.of(c), fast(compact));
        String protoNames = JsonFormat.printer().preservingProtoFieldNames().print(c);
        assertEquals(Optional.of(c), fast(protoNames), "proto field names are accepted like JSON names");
        assertEquals(Optional.of(ChipConfig.getDefaultInstance()), fast("{}"));
        assertEquals(Optional.of(ChipConfig.getDefaultInstance()), fast(" \n{ \"weightsIn\" : [ ] ,\"aliases\":[]}\r\n"));
        assertEquals(Optional.of(ChipConfig.newBuilder().addAllWeightsIn(List.of(0, 0, 0, 5, 0, -7, 0, 0)).build()),
                fast("{\"weightsIn\": [0,0, 0,\n 5,0 ,-7,\t0,-0]}"), "runs of zeros, other numbers between");
        assertEquals(Optional.of(ChipConfig.newBuilder().setNumInputs(-1 >>> 0).setDtSeconds(-0.0).build()),
                fast("{\"numInputs\": 4294967295, \"dtSeconds\": -0.0}"));
        assertEquals(Optional.of(ChipConfig.newBuilder().setDtSeconds(1.5e-3).setProfile("ü-chip").build()),
                fast("{\"dtSeconds\": 15E-4, \"profile\": \"ü-chip\"}"));
    }

    @Test
    void everythingElseGoesToJsonFormatWithTheSameVerdict() throws IOException {
        List<String> cases = List.of(
                "{\"numInputz\": 3}",                                   // unknown field
                "{\"numInputs\": 3, \"num_inputs\": 4}",                // the same field twice
                "{\"numInputs\": 3, \"numInputs\": 4}",
                "{\"numInputs\": null}",
                "{\"numInputs\": \"3\"}",                               // JsonFormat accepts these three
                "{\"numInputs\": 3.0}",
                "{\"numInputs\": 3e0}",
                "{\"numInputs\": -1}",                                  // out of range
                "{\"numInputs\": 4294967296}",
                "{\"weightsIn\": [2147483648]}",
                "{\"weightsIn\": [1.5]}",
                "{\"weightsIn\": [1, null]}",
                "{\"weightsIn\": [1, \"2\"]}",
                "{\"weightsIn\": 5}",
                "{\"weightsIn\": [01]}",
                "{\"weightsIn\": [1,]}",
                "{\"weightsIn\": [1, 2,",                               // truncated
                "{\"weightsIn\": [0,]}",
                "{\"weightsIn\": [0, 0,\n]}",
                "{\"weightsIn\": [0,01]}",
                "{\"weightsIn\": [0,0.5]}",
                "{\"weightsIn\": [0,0",
                "{\"weightsIn\": [0,",
                "{\"dtSeconds\": \"NaN\"}",
                "{\"dtSeconds\": 1e999}",
                "{\"dtSeconds\": .5}",
                "{\"profile\": \"a\\\"b\"}",                            // escapes
                "{\"profile\": 7}",
                "{\"aliases\": [{\"source\": 1, \"target\": 2, \"extra\": 0}]}",
                "{\"aliases\": {\"source\": 1}}",
                "{\"numInputs\": 3} trailing",
                "{\"numInputs\": 3}{}",
                "[1, 2]",
                "\uFEFF{\"numInputs\": 3}",                             // byte-order mark
                "{/* comment */ \"numInputs\": 3}",
                "{'numInputs': 3}",
                "{numInputs: 3}",
                "{\"numInputs\": true}",
                "");
        for (String json : cases) {
            assertTrue(fast(json).isEmpty(), "fast path must decline: " + json);
            assertEquals(jsonFormat(json), loader(json), "same verdict as JsonFormat for: " + json);
        }
        Object unknown = loader("{\"numInputz\": 3}");
        assertTrue(unknown instanceof String s && s.contains("numInputz") && s.contains("x.json"), unknown.toString());
    }

    @Test
    void isDrivenByTheDescriptor() throws Exception {
        // A schema with a field that does not exist today (as if another engineer added it to the .proto):
        // the reader needs no change to read it, and agrees with JsonFormat on a dynamic message.
        FileDescriptorProto file = ChipConfig.getDescriptor().getFile().toProto();
        DescriptorProto config = file.getMessageType(1).toBuilder()
                .addField(FieldDescriptorProto.newBuilder().setName("profile_revision").setNumber(40)
                        .setType(FieldDescriptorProto.Type.TYPE_UINT64).setLabel(FieldDescriptorProto.Label.LABEL_OPTIONAL))
                .addField(FieldDescriptorProto.newBuilder().setName("calibration").setNumber(41)
                        .setType(FieldDescriptorProto.Type.TYPE_FLOAT).setLabel(FieldDescriptorProto.Label.LABEL_REPEATED))
                .addField(FieldDescriptorProto.newBuilder().setName("notes").setNumber(42)
                        .setType(FieldDescriptorProto.Type.TYPE_STRING).setLabel(FieldDescriptorProto.Label.LABEL_REPEATED))
                .build();
        assertEquals("ChipConfig", config.getName());
        FileDescriptor extended = FileDescriptor.buildFrom(file.toBuilder().setMessageType(1, config).build(),
                new FileDescriptor[0]);
        Descriptor type = extended.findMessageTypeByName("ChipConfig");
        String json = "{\"profile\": \"xylo-audio2\", \"numInputs\": 2, \"weightsIn\": [-3, 4],"
                + " \"profileRevision\": 12345678901, \"calibration\": [0.25, -1.5e3], \"notes\": [\"a\", \"b c\"],"
                + " \"aliases\": [{\"source\": 1, \"target\": 0}]}";
        DynamicMessage.Builder expected = DynamicMessage.newBuilder(type);
        JsonFormat.parser().merge(json, expected);
        Optional<byte[]> wire = new ProtoJsonStreamReader(type).toWireFormat(json.getBytes(StandardCharsets.UTF_8));
        assertTrue(wire.isPresent());
        Message actual = DynamicMessage.parseFrom(type, wire.get());
        assertEquals(expected.build(), actual);
        assertFalse(new ProtoJsonStreamReader(type).toWireFormat("{\"profileRevision\": 1, \"bogus\": 1}"
                .getBytes(StandardCharsets.UTF_8)).isPresent());
    }

    @Test
    void fileDescriptorsRoundTripThroughTheReader() throws Exception {
        // Enums, nested and repeated messages, strings and booleans of another schema (protobuf's own).
        FileDescriptorProto proto = ChipConfig.getDescriptor().getFile().toProto().toBuilder()
                .setOptions(com.google.protobuf.DescriptorProtos.FileOptions.newBuilder().setJavaMultipleFiles(true))
                .build();
        String json = JsonFormat.printer().print(proto);
        Optional<byte[]> wire = new ProtoJsonStreamReader(FileDescriptorProto.getDescriptor())
                .toWireFormat(json.getBytes(StandardCharsets.UTF_8));
        assertTrue(wire.isPresent(), json);
        assertEquals(proto, FileDescriptorProto.parseFrom(wire.get()));
    }
    @Test
    void theLoaderReadsItsSchemaFromTheBuildsDescriptorSet() throws Exception {
        byte[] set;
        try (var in = ChipConfig.class.getResourceAsStream(ChipConfigFiles.Schema.RESOURCE)) {
            assertNotNull(in, "the build puts " + ChipConfigFiles.Schema.RESOURCE + " next to ChipConfig.class");
            set = in.readAllBytes();
        }
        ProtoSchema fromDescriptor = ProtoSchema.of(ChipConfig.getDescriptor());
        assertEquals(fromDescriptor.messages(), ProtoSchema.parse(set).messages());
        assertEquals(fromDescriptor.messages(), ChipConfigFiles.Schema.SCHEMA.messages());
        assertEquals(ChipConfig.getDescriptor().getFullName(), ChipConfigFiles.Schema.ROOT);
    }

    @Test
    void descriptorSetsAndDescriptorsGiveTheSameSchema() throws Exception {
        // descriptor.proto itself: proto2, enums, nested types, explicit JSON names.
        FileDescriptorSet set = FileDescriptorSet.newBuilder().addFile(DescriptorProtos.getDescriptor().toProto())
                .build();
        ProtoSchema parsed = ProtoSchema.parse(set.toByteArray());
        ProtoSchema reference = ProtoSchema.of(FileDescriptorProto.getDescriptor());
        for (var e : reference.messages().entrySet()) {
            assertEquals(e.getValue(), parsed.message(e.getKey()), e.getKey());
        }
        assertEquals(reference.enumValues("google.protobuf.FieldDescriptorProto.Type"),
                parsed.enumValues("google.protobuf.FieldDescriptorProto.Type"));
        assertEquals("weightShiftIn", ProtoSchema.jsonName("weight_shift_in"));
        // And the reader reads with it.
        FileDescriptorProto proto = ChipConfig.getDescriptor().getFile().toProto();
        Optional<byte[]> wire = new ProtoJsonStreamReader(parsed, "google.protobuf.FileDescriptorProto")
                .toWireFormat(JsonFormat.printer().print(proto).getBytes(StandardCharsets.UTF_8));
        assertTrue(wire.isPresent());
        assertEquals(proto, FileDescriptorProto.parseFrom(wire.get()));
    }
}
