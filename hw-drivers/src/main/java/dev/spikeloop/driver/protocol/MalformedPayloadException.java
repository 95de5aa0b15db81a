package dev.spikeloop.driver.protocol;

/** A payload that does not parse: the message names the field and what was wrong. */
public final class MalformedPayloadException extends Exception {
    public MalformedPayloadException(String message) {
        super(message);
    }
}
