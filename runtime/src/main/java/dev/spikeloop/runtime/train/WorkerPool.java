package dev.spikeloop.runtime.train;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/**
 * A fixed-size pool of worker threads that maps a function over the indices {@code 0..n-1}.
 *
 * <p>Results come back in index order and each index is computed on its own, so whatever the
 * number of threads the caller sees the same list; sums over it in index order are therefore
 * reproducible bit for bit (this is why gradients are reduced by the caller, not by the workers).
 */
public final class WorkerPool implements AutoCloseable {
    private final int threads;
    private final ExecutorService executor;

    /** A pool of {@code threads} workers (1 runs everything on the calling thread). */
    public WorkerPool(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("worker threads must be >= 1, got " + threads);
        }
        this.threads = threads;
        this.executor = threads == 1 ? null : Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "spikeloop-worker");
            t.setDaemon(true); // never keep the JVM alive after the command is done
            return t;
        });
    }

    /** Number of worker threads. */
    public int threads() {
        return threads;
    }

    /** {@code f(0), ..., f(n-1)}, computed in parallel, returned in index order. */
    public <T> List<T> map(int n, IntFunction<T> f) {
        Object[] out = new Object[n];
        if (executor == null || n < 2) {
            for (int i = 0; i < n; i++) {
                out[i] = f.apply(i);
            }
        } else {
            // A few contiguous chunks per thread balance uneven sample costs without much overhead.
            int chunks = Math.min(n, threads * 4);
            List<Future<?>> futures = new ArrayList<>(chunks);
            for (int c = 0; c < chunks; c++) {
                int from = (int) ((long) n * c / chunks);
                int to = (int) ((long) n * (c + 1) / chunks);
                futures.add(executor.submit(() -> {
                    for (int i = from; i < to; i++) {
                        out[i] = f.apply(i);
                    }
                }));
            }
            for (Future<?> fu : futures) {
                await(fu);
            }
        }
        @SuppressWarnings("unchecked")
        List<T> list = (List<T>) java.util.Arrays.asList(out);
        return list;
    }

    private static void await(Future<?> f) {
        try {
            f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for workers", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException re) {
                throw re;
            }
            if (c instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(c);
        }
    }

    @Override
    public void close() {
        if (executor != null) {
            executor.shutdownNow();
        }
    }
}
