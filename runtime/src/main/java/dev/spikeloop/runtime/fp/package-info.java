/**
 * The FP engine, first of the runtime's two jobs (FP engine and training): exact spike-time
 * gradients of a float network by the implicit-function theorem (forward and adjoint solvers),
 * losses and their regularisers. Below training and the chip loop; it imports neither.
 */
package dev.spikeloop.runtime.fp;
