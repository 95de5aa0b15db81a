/**
 * The chip loop, the runtime's second job: devices (emulator, board, mismatched), their evaluation,
 * in-the-loop fine-tuning (a task of the training package's one epoch loop whose gradients come
 * from a device's spikes), chip calibration, chip-aware training and the mismatch study. It builds on
 * the FP engine and training packages, never the other way round.
 */
package dev.spikeloop.runtime.loop;
