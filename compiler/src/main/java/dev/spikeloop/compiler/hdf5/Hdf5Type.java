package dev.spikeloop.compiler.hdf5;

/**
 * The element types this writer stores, each with its HDF5 datatype message (format specification,
 * "Datatype Message", version 1 encodings, the ones the HDF5 library itself writes for these types).
 */
enum Hdf5Type {
    /** IEEE 754 binary32, little-endian (NumPy {@code <f4}, PyTorch's default). */
    FLOAT32(4),
    /** IEEE 754 binary64, little-endian (NumPy {@code <f8}). */
    FLOAT64(8),
    /** Two's-complement signed 64-bit integer, little-endian (NumPy {@code <i8}). */
    INT64(8),
    /**
     * A variable-length UTF-8 string, null-terminated padding: what h5py writes for
     * {@code h5py.string_dtype()} (and so what {@code nir.write} writes for node types and edges).
     * Each element on disk is a 16-byte reference into a global heap collection: the byte length
     * (4 bytes), the collection's address (8) and the object's index in it (4).
     */
    VLEN_UTF8_STRING(16);

    private final int elementSize;

    Hdf5Type(int elementSize) {
        this.elementSize = elementSize;
    }

    /** Bytes one element occupies in the dataset's raw data. */
    int elementSize() {
        return elementSize;
    }

    /** The datatype message body. */
    void encode(LittleEndianBytes out) {
        switch (this) {
            // class 1 (floating point), version 1; bit field: little-endian, mantissa normalised with an
            // implied leading 1 (bits 4-5 = 2), sign bit position; then offset, precision, exponent
            // position and size, mantissa position and size, exponent bias
            case FLOAT32 -> out.u8(0x11).u8(0x20).u8(31).u8(0).u32(4)
                    .u16(0).u16(32).u8(23).u8(8).u8(0).u8(23).u32(127);
            case FLOAT64 -> out.u8(0x11).u8(0x20).u8(63).u8(0).u32(8)
                    .u16(0).u16(64).u8(52).u8(11).u8(0).u8(52).u32(1023);
            // class 0 (fixed point), version 1; bit field: little-endian, signed (bit 3); offset, precision
            case INT64 -> out.u8(0x10).u8(0x08).u8(0).u8(0).u32(8).u16(0).u16(64);
            // class 9 (variable length), version 1; bit field: type 1 = string, padding 0 = null
            // terminate, character set 1 = UTF-8; element size 16; base type: unsigned 8-bit integer
            case VLEN_UTF8_STRING -> {
                out.u8(0x19).u8(0x01).u8(0x01).u8(0).u32(16);
                out.u8(0x10).u8(0).u8(0).u8(0).u32(1).u16(0).u16(8);
            }
            default -> throw new AssertionError(this);
        }
    }
}
