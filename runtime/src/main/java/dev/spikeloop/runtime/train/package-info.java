/**
 * Training, with the FP engine the runtime's first job: the one {@link dev.spikeloop.runtime.train.EpochLoop}
 * (one {@link dev.spikeloop.runtime.train.ParameterVector}, one {@link dev.spikeloop.runtime.train.ActivityPush},
 * one scaled Adam step, one shuffle, one best-epoch rule) that software training
 * ({@link dev.spikeloop.runtime.train.Trainer}) and fine-tuning in the chip loop both run, plus
 * initialisation, decision rules and evaluation of float networks. It imports nothing of the chip loop.
 */
package dev.spikeloop.runtime.train;
