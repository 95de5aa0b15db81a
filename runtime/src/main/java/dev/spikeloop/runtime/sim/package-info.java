/**
 * The event-driven float simulator of the FP engine and training job: spike times of a float
 * network, which the FP engine differentiates. It imports nothing of the chip loop.
 */
package dev.spikeloop.runtime.sim;
