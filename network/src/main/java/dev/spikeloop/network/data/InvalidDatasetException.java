package dev.spikeloop.network.data;

/**
 * A labelled data set (or its CSV file) breaks a rule: the message names the source, the line or
 * sample, the column and the rule.
 */
public class InvalidDatasetException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public InvalidDatasetException(String message) {
        super(message);
    }
}
