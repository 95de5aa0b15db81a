package dev.spikeloop.driver.link;

/** Serial parity settings. */
public enum Parity {
    NONE(0), ODD(1), EVEN(2), MARK(3), SPACE(4);

    private final int jsscValue;

    Parity(int jsscValue) {
        this.jsscValue = jsscValue;
    }

    /** The jssc {@code SerialPort.PARITY_*} value. */
    int jsscValue() {
        return jsscValue;
    }
}
