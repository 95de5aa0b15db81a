package dev.spikeloop.chipconfig.validate;

/**
 * One thing wrong with a chip configuration.
 *
 * @param field  the protobuf field name, e.g. {@code weights_in}
 * @param index  the element index within a repeated field, or -1 for a scalar / whole field
 * @param value  the offending value as text
 * @param limit  what would have been allowed, as text
 */
public record ConfigProblem(String field, int index, String value, String limit) {
    @Override
    public String toString() {
        String where = index >= 0 ? field + "[" + index + "]" : field;
        return where + " = " + value + " (allowed: " + limit + ")";
    }
}
