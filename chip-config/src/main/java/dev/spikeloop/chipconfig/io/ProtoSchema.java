package dev.spikeloop.chipconfig.io;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumDescriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.WireFormat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@link ProtoJsonStreamReader} needs of a protobuf schema: per message, its fields by JSON and
 * proto name with number, type and label; per enum, its values by name. Built either from a
 * {@link Descriptor} or straight from a serialized {@code FileDescriptorSet} (what {@code protoc
 * --descriptor_set_out} writes; the build puts the chip configuration's on the classpath). The second
 * way reads the bytes with {@link CodedInputStream} alone: building protobuf's own descriptors needs
 * the descriptor of {@code descriptor.proto} first, ~70 ms of start-up that a command-line run would
 * pay before reading its first number.
 */
final class ProtoSchema {
    /** Field types, numbered as in {@code descriptor.proto} ({@code FieldDescriptorProto.Type}). */
    static final int DOUBLE = 1;
    static final int FLOAT = 2;
    static final int INT64 = 3;
    static final int UINT64 = 4;
    static final int INT32 = 5;
    static final int FIXED64 = 6;
    static final int FIXED32 = 7;
    static final int BOOL = 8;
    static final int STRING = 9;
    static final int GROUP = 10;
    static final int MESSAGE = 11;
    static final int BYTES = 12;
    static final int UINT32 = 13;
    static final int ENUM = 14;
    static final int SFIXED32 = 15;
    static final int SFIXED64 = 16;
    static final int SINT32 = 17;
    static final int SINT64 = 18;

    /**
     * One field. {@code plain} is false for the kinds the fast reader leaves to {@code JsonFormat}:
     * maps, members of a real oneof, groups and bytes.
     *
     * @param typeName full name of the message or enum type (no leading dot), else empty
     * @param index    position among the message's fields (for the at-most-once check)
     */
    record Field(String name, String jsonName, int number, int type, boolean repeated, boolean plain,
                 String typeName, int index) {
    }

    /** A message type: its fields by JSON name and by proto name. */
    record Message(String fullName, Map<String, Field> byName, List<Field> fields) {
    }

    private final Map<String, Message> messages;
    private final Map<String, Map<String, Integer>> enums;

    private ProtoSchema(Map<String, Message> messages, Map<String, Map<String, Integer>> enums) {
        this.messages = messages;
        this.enums = enums;
    }

    /** The message type of this full name, or null if the schema does not hold it. */
    Message message(String fullName) {
        return messages.get(fullName);
    }

    /** The values of an enum type by name, or null if the schema does not hold it. */
    Map<String, Integer> enumValues(String fullName) {
        return enums.get(fullName);
    }

    /** Every message type, by full name. */
    Map<String, Message> messages() {
        return messages;
    }

    /** The schema of {@code root} and every type it reaches. */
    static ProtoSchema of(Descriptor root) {
        Map<String, Message> messages = new LinkedHashMap<>();
        Map<String, Map<String, Integer>> enums = new LinkedHashMap<>();
        collect(root, messages, enums);
        return new ProtoSchema(messages, enums);
    }

    private static void collect(Descriptor d, Map<String, Message> messages, Map<String, Map<String, Integer>> enums) {
        if (messages.containsKey(d.getFullName())) {
            return;
        }
        List<Field> fields = new ArrayList<>();
        messages.put(d.getFullName(), null);      // placeholder against cycles
        for (FieldDescriptor f : d.getFields()) {
            String typeName = "";
            if (f.getType() == FieldDescriptor.Type.MESSAGE || f.getType() == FieldDescriptor.Type.GROUP) {
                typeName = f.getMessageType().getFullName();
                collect(f.getMessageType(), messages, enums);
            } else if (f.getType() == FieldDescriptor.Type.ENUM) {
                EnumDescriptor e = f.getEnumType();
                typeName = e.getFullName();
                Map<String, Integer> values = new HashMap<>();
                for (EnumValueDescriptor v : e.getValues()) {
                    values.put(v.getName(), v.getNumber());
                }
                enums.put(typeName, values);
            }
            boolean plain = !f.isMapField() && f.getRealContainingOneof() == null
                    && f.getType() != FieldDescriptor.Type.GROUP && f.getType() != FieldDescriptor.Type.BYTES;
            fields.add(new Field(f.getName(), f.getJsonName(), f.getNumber(), f.getType().toProto().getNumber(),
                    f.isRepeated(), plain, typeName, f.getIndex()));
        }
        messages.put(d.getFullName(), message(d.getFullName(), fields));
    }

    private static Message message(String fullName, List<Field> fields) {
        Map<String, Field> byName = new HashMap<>();
        for (Field f : fields) {
            byName.put(f.jsonName(), f);
            byName.put(f.name(), f);
        }
        return new Message(fullName, byName, List.copyOf(fields));
    }

    /**
     * The schema in a serialized {@code FileDescriptorSet}. Field numbers of {@code descriptor.proto}:
     * FileDescriptorSet.file = 1; FileDescriptorProto.package = 2, message_type = 4, enum_type = 5;
     * DescriptorProto.name = 1, field = 2, nested_type = 3, enum_type = 4, options = 7 (map_entry = 7);
     * FieldDescriptorProto.name = 1, number = 3, label = 4, type = 5, type_name = 6, oneof_index = 9,
     * json_name = 10, proto3_optional = 17; EnumDescriptorProto.name = 1, value = 2 (name = 1, number = 2).
     *
     * @throws IOException if the bytes are not a descriptor set
     */
    static ProtoSchema parse(byte[] descriptorSet) throws IOException {
        Map<String, RawMessage> raw = new LinkedHashMap<>();
        Map<String, Map<String, Integer>> enums = new LinkedHashMap<>();
        CodedInputStream in = CodedInputStream.newInstance(descriptorSet);
        for (int tag; (tag = in.readTag()) != 0; ) {
            if (WireFormat.getTagFieldNumber(tag) == 1) {
                readFile(in.readBytes(), raw, enums);
            } else {
                in.skipField(tag);
            }
        }
        Map<String, Message> messages = new LinkedHashMap<>();
        for (RawMessage m : raw.values()) {
            List<Field> fields = new ArrayList<>();
            for (int k = 0; k < m.fields.size(); k++) {
                RawField f = m.fields.get(k);
                String typeName = f.typeName.startsWith(".") ? f.typeName.substring(1) : f.typeName;
                RawMessage target = raw.get(typeName);
                boolean map = f.type == MESSAGE && target != null && target.mapEntry && f.label == 3;
                boolean realOneof = f.oneofIndex >= 0 && !f.proto3Optional;
                boolean resolved = (f.type != MESSAGE || target != null) && (f.type != ENUM || enums.containsKey(typeName));
                boolean plain = !map && !realOneof && resolved && f.type != GROUP && f.type != BYTES;
                String json = f.jsonName != null ? f.jsonName : jsonName(f.name);
                fields.add(new Field(f.name, json, f.number, f.type, f.label == 3, plain, typeName, k));
            }
            messages.put(m.fullName, message(m.fullName, fields));
        }
        return new ProtoSchema(messages, enums);
    }

    private static final class RawMessage {
        String fullName;
        boolean mapEntry;
        final List<RawField> fields = new ArrayList<>();
    }

    private static final class RawField {
        String name = "";
        int number;
        int label;
        int type;
        String typeName = "";
        int oneofIndex = -1;
        String jsonName;
        boolean proto3Optional;
    }

    private static void readFile(ByteString bytes, Map<String, RawMessage> raw, Map<String, Map<String, Integer>> enums)
            throws IOException {
        String pkg = "";
        List<ByteString> messageTypes = new ArrayList<>();
        List<ByteString> enumTypes = new ArrayList<>();
        CodedInputStream in = bytes.newCodedInput();
        for (int tag; (tag = in.readTag()) != 0; ) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 2 -> pkg = in.readStringRequireUtf8();
                case 4 -> messageTypes.add(in.readBytes());
                case 5 -> enumTypes.add(in.readBytes());
                default -> in.skipField(tag);
            }
        }
        String prefix = pkg.isEmpty() ? "" : pkg + ".";
        for (ByteString m : messageTypes) {
            readMessage(m, prefix, raw, enums);
        }
        for (ByteString e : enumTypes) {
            readEnum(e, prefix, enums);
        }
    }

    private static void readMessage(ByteString bytes, String prefix, Map<String, RawMessage> raw,
                                    Map<String, Map<String, Integer>> enums) throws IOException {
        RawMessage m = new RawMessage();
        String name = "";
        List<ByteString> nested = new ArrayList<>();
        List<ByteString> nestedEnums = new ArrayList<>();
        CodedInputStream in = bytes.newCodedInput();
        for (int tag; (tag = in.readTag()) != 0; ) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> name = in.readStringRequireUtf8();
                case 2 -> m.fields.add(readField(in.readBytes()));
                case 3 -> nested.add(in.readBytes());
                case 4 -> nestedEnums.add(in.readBytes());
                case 7 -> m.mapEntry = readMapEntryOption(in.readBytes());
                default -> in.skipField(tag);
            }
        }
        m.fullName = prefix + name;
        raw.put(m.fullName, m);
        for (ByteString n : nested) {
            readMessage(n, m.fullName + ".", raw, enums);
        }
        for (ByteString e : nestedEnums) {
            readEnum(e, m.fullName + ".", enums);
        }
    }

    private static RawField readField(ByteString bytes) throws IOException {
        RawField f = new RawField();
        CodedInputStream in = bytes.newCodedInput();
        for (int tag; (tag = in.readTag()) != 0; ) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> f.name = in.readStringRequireUtf8();
                case 3 -> f.number = in.readInt32();
                case 4 -> f.label = in.readEnum();
                case 5 -> f.type = in.readEnum();
                case 6 -> f.typeName = in.readStringRequireUtf8();
                case 9 -> f.oneofIndex = in.readInt32();
                case 10 -> f.jsonName = in.readStringRequireUtf8();
                case 17 -> f.proto3Optional = in.readBool();
                default -> in.skipField(tag);
            }
        }
        return f;
    }

    private static boolean readMapEntryOption(ByteString bytes) throws IOException {
        boolean mapEntry = false;
        CodedInputStream in = bytes.newCodedInput();
        for (int tag; (tag = in.readTag()) != 0; ) {
            if (WireFormat.getTagFieldNumber(tag) == 7) {
                mapEntry = in.readBool();
            } else {
                in.skipField(tag);
            }
        }
        return mapEntry;
    }

    private static void readEnum(ByteString bytes, String prefix, Map<String, Map<String, Integer>> enums)
            throws IOException {
        String name = "";
        Map<String, Integer> values = new HashMap<>();
        CodedInputStream in = bytes.newCodedInput();
        for (int tag; (tag = in.readTag()) != 0; ) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> name = in.readStringRequireUtf8();
                case 2 -> {
                    CodedInputStream v = in.readBytes().newCodedInput();
                    String valueName = "";
                    int number = 0;
                    for (int t; (t = v.readTag()) != 0; ) {
                        switch (WireFormat.getTagFieldNumber(t)) {
                            case 1 -> valueName = v.readStringRequireUtf8();
                            case 2 -> number = v.readInt32();
                            default -> v.skipField(t);
                        }
                    }
                    values.put(valueName, number);
                }
                default -> in.skipField(tag);
            }
        }
        enums.put(prefix + name, values);
    }

    /** protoc's default JSON name: underscores dropped, the letter after one upper-cased. */
    static String jsonName(String name) {
        StringBuilder sb = new StringBuilder(name.length());
        boolean upper = false;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '_') {
                upper = true;
            } else if (upper) {
                sb.append(Character.toUpperCase(c));
                upper = false;
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
